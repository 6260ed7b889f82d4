"""Item pages: metadata block, links between items, languages, service guides, site metadata."""

import pytest
from sites import PORTAL_SETTINGS, html_pages, read_page


def metadata(page):
    return {row.dt.get_text(strip=True): row.dd for row in page.select(".item-metadata .metadata-list__row")}


def test_the_metadata_block_is_a_description_list(fixture_site):
    page = read_page(fixture_site, "normative/policy-2019/")
    rows = metadata(page)
    values = {label: dd.get_text(strip=True) for label, dd in rows.items()}
    assert values == {
        "索引号": "11990000MB1A0827X6/2019-00001",
        "主题分类": "市场监管、安全生产监管\\质量监督",
        "目录分类": "行政规范性文件",
        "发布机构": "测试局",
        "成文日期": "2019-03-10",
        "发布日期": "2019-03-15",
        "文号": "测规〔2019〕1号",
        "体裁分类": "通知",
        "主题词": "测试，规范",
        "有效性": "有效",
        "生效日期": "2019-04-01",
        "信息名称": "测试局关于规范测试工作的通知",
        "内容概述": "规范测试工作的通知。",
    }
    assert rows["目录分类"].a["href"] == "/catalog/normative/"
    assert page.select_one(".item-metadata").name == "section"
    assert page.select_one(".item-metadata dl") is not None


def test_a_repealed_item_shows_its_validity_and_dates(fixture_site):
    values = {
        label: dd.get_text(strip=True)
        for label, dd in metadata(read_page(fixture_site, "normative/repealed-2017/")).items()
    }
    assert values["有效性"] == "废止"
    assert values["废止日期"] == "2019-04-01"
    assert values["生效日期"] == "2017-03-01"


def test_an_item_without_summary_gets_one_from_its_body(fixture_site):
    page = read_page(fixture_site, "interpretation/policy-2019-explained/")
    summary = metadata(page)["内容概述"].get_text(strip=True)
    assert summary.startswith("解读正文，没有给出概述")
    assert len(summary) == 100 and summary.endswith("…")
    assert page.find("meta", attrs={"name": "Description"})["content"] == summary


def test_a_policy_and_its_interpretation_link_to_each_other(fixture_site):
    policy = read_page(fixture_site, "normative/policy-2019/")
    reading = read_page(fixture_site, "interpretation/policy-2019-explained/")
    assert policy.select_one(".relations a")["href"] == "/interpretation/policy-2019-explained/"
    assert "政策解读" in policy.select_one(".relations li").get_text()
    assert reading.select_one(".relations a")["href"] == "/normative/policy-2019/"
    assert "解读对象" in reading.select_one(".relations li").get_text()


def test_translations_link_both_ways_with_their_language(fixture_site):
    original = read_page(fixture_site, "responses/zh-original/")
    links = {a["href"]: a for a in original.select(".relations a")}
    assert links["/responses/ug-translation/"]["lang"] == "ug"
    assert links["/responses/ug-translation/"]["dir"] == "rtl"
    assert links["/responses/en-notice/"]["lang"] == "en"
    translated = read_page(fixture_site, "responses/ug-translation/")
    assert translated.select_one(".relations a")["href"] == "/responses/zh-original/"


@pytest.mark.parametrize(
    "path, lang, direction",
    [
        ("responses/zh-original/", "zh-CN", "ltr"),
        ("responses/ug-translation/", "ug", "rtl"),
        ("responses/en-notice/", "en", "ltr"),
        ("catalog/", "zh-CN", "ltr"),
        ("", "zh-CN", "ltr"),
    ],
)
def test_every_page_declares_its_language(fixture_site, path, lang, direction):
    page = read_page(fixture_site, path)
    assert page.html["lang"] == lang
    assert page.html["dir"] == direction


def test_the_chrome_of_a_uyghur_page_stays_chinese(fixture_site):
    page = read_page(fixture_site, "responses/ug-translation/")
    for selector in [
        "header.site-header",
        "footer.site-footer",
        "nav.breadcrumbs",
        "section.item-metadata",
        "a.skip-link",
    ]:
        element = page.select_one(selector)
        assert (element["lang"], element["dir"]) == ("zh-CN", "ltr"), selector
    current = page.select_one('nav.breadcrumbs [aria-current="page"]')
    assert (current["lang"], current["dir"]) == ("ug", "rtl")


def meta(page, name):
    tag = page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def test_an_item_page_has_the_government_site_metadata(fixture_site):
    page = read_page(fixture_site, "normative/policy-2019/")
    assert meta(page, "SiteName") == "示例自治区市场监督管理局"
    assert meta(page, "SiteIDCode")
    assert meta(page, "ColumnName") == "行政规范性文件"
    assert meta(page, "ArticleTitle") == "测试局关于规范测试工作的通知"
    assert meta(page, "PubDate") == "2019-03-15 10:30"
    assert meta(page, "ContentSource") == "测试局"
    assert meta(page, "Keywords") == "测试,规范"
    assert page.title.get_text() == "测试局关于规范测试工作的通知 - 行政规范性文件 - 示例自治区市场监督管理局"


def test_every_page_has_a_title_language_and_site_metadata(fixture_site):
    titles = set()
    for path in html_pages(fixture_site):
        page = read_page(path.parent, path.name)
        site_name = PORTAL_SETTINGS["SITENAME_BY_LANG"][page.html["lang"]]  # the site's name in the page's language
        assert page.title and page.title.get_text().endswith(site_name), path
        assert page.html.get("lang"), path
        assert meta(page, "SiteName") and meta(page, "ColumnName"), path
        assert len(page.find_all("h1")) == 1, path
        titles.add(page.title.get_text())
    assert len(titles) == len(html_pages(fixture_site))


def test_breadcrumbs_follow_the_catalog(fixture_site):
    page = read_page(fixture_site, "service-guides/test-license/")
    crumbs = page.select("nav.breadcrumbs li")
    assert [li.get_text(strip=True) for li in crumbs] == [
        "首页",
        "信息公开目录",
        "行政许可",
        "办事指南",
        "测试许可办事指南",
    ]
    assert [li.a["href"] for li in crumbs[:-1]] == ["/", "/catalog/", "/catalog/licensing/", "/catalog/service-guides/"]
    assert crumbs[-1]["aria-current"] == "page"


def test_a_service_guide_renders_its_facts_sections_materials_and_steps(fixture_site):
    page = read_page(fixture_site, "service-guides/test-license/")
    facts = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page.select(".guide-facts .metadata-list__row")
    }
    assert facts == {
        "事项编码": "CS-XK-0001",
        "受理机构": "测试局行政审批处",
        "法定办结时限": "20个工作日",
        "承诺办结时限": "10个工作日",
        "收费标准": "不收费",
        "网上办理": "https://zwfw.example.gov.cn/test",
    }
    toc = [a["href"] for a in page.select(".guide-toc a")]
    assert toc == ["#设定依据", "#申请条件", "#申请材料", "#办理流程", "#办理地点和时间", "#咨询与投诉"]
    for anchor in toc:
        assert page.find(id=anchor[1:]).name == "h2"
    materials = page.find(id="申请材料").find_next("table")
    assert [th.get_text() for th in materials.select("thead th")] == ["材料名称", "份数", "形式", "来源"]
    assert len(materials.select("tbody tr")) == 2
    steps = page.find(id="办理流程").find_next_sibling()
    assert steps.name == "ol"
    assert [li.get_text() for li in steps.select("li")] == [
        "受理：材料齐全的当场受理",
        "审查：审查申请材料",
        "决定：作出决定",
        "送达：送达许可证",
    ]


def test_attachments_are_listed_and_copied(fixture_site):
    page = read_page(fixture_site, "normative/policy-2019/")
    link = page.select_one(".attachments a")
    assert link["href"] == "/attachments/published-attachment.csv"
    assert "CSV" in page.select_one(".attachments li").get_text()
    assert (fixture_site / "attachments" / "published-attachment.csv").read_text(encoding="utf-8").startswith("序号")


def test_the_guide_and_accessibility_statement_pages_exist(fixture_site):
    assert read_page(fixture_site, "guide/").h1.get_text() == "政府信息公开指南"
    assert read_page(fixture_site, "accessibility/").h1.get_text() == "无障碍声明"
