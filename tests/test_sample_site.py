"""The sample portal: built from content/, with the items the issue asks for."""

import collections

from sites import SAMPLE_CONTENT, read_page


def items(site):
    """(path, parsed page) of every item page of a built site."""
    pages = []
    for file in site.rglob("index.html"):
        relative = file.relative_to(site).parent.as_posix()
        if relative != "." and not relative.startswith("catalog") and relative.count("/") == 1:
            page = read_page(site, relative + "/")
            if page.select_one(".item-metadata"):
                pages.append((relative, page))
    return pages


def metadata_value(page, label):
    for row in page.select(".item-metadata .metadata-list__row"):
        if row.dt.get_text(strip=True) == label:
            return row.dd.get_text(strip=True)
    return ""


def test_at_least_40_items_across_at_least_12_nodes(sample_site):
    pages = items(sample_site)
    assert len(pages) >= 40
    nodes = collections.Counter(path.split("/")[0] for path, _ in pages)
    assert len(nodes) >= 12, nodes
    source_items = [p for p in SAMPLE_CONTENT.rglob("*.md") if "pages" not in p.parts]
    assert len(pages) == len(source_items)


def titles_in(site, node):
    return [page.h1.get_text() for path, page in items(site) if path.startswith(node + "/")]


def test_the_four_licensing_service_guides(sample_site):
    titles = titles_in(sample_site, "service-guides")
    for name in ["工业产品生产许可", "检验检测机构资质认定", "计量器具", "食品相关产品生产许可"]:
        assert any(name in title for title in titles), name
    for path, page in items(sample_site):
        if path.startswith("service-guides/"):
            assert len(page.find(id="办理流程").find_next_sibling("ol").select("li")) >= 3
            assert page.find(id="申请材料").find_next("table") is not None


def test_a_policy_with_its_interpretation(sample_site):
    linked = [
        page
        for path, page in items(sample_site)
        if path.startswith("interpretation/") and "解读对象" in page.select_one(".relations").get_text()
    ]
    assert linked
    target = linked[0].select_one(".relations a")["href"].strip("/")
    assert "政策解读" in read_page(sample_site, target + "/").select_one(".relations").get_text()


def test_interviews_inspections_budget_repealed_uyghur_english(sample_site):
    pages = dict(items(sample_site))
    assert any(p.startswith("interviews/") and "主持人" in page.get_text() for p, page in pages.items())
    assert any(p.startswith("inspection-results/") and page.select(".item-body table") for p, page in pages.items())
    assert any(p.startswith("budget/") and page.select(".item-body table") for p, page in pages.items())
    assert any(metadata_value(page, "有效性") == "废止" and metadata_value(page, "废止日期") for page in pages.values())
    assert any(page.html["lang"] == "ug" and page.html["dir"] == "rtl" for page in pages.values())
    assert any(page.html["lang"] == "en" for page in pages.values())


def test_the_2018_annual_report_states_its_facts(sample_site):
    report = next(
        page
        for path, page in items(sample_site)
        if path.startswith("annual-reports/") and "2018年政府信息公开工作年度报告" in page.h1.get_text()
    )
    text = report.select_one(".item-body").get_text()
    for fact in ["1872", "686", "951", "235", "12315", "30.16万", "24.88万", "5.2万", "777", "44", "10项"]:
        assert fact in text, fact
    assert "15" in text and "在线访谈" in text and "回应" in text


def test_the_sample_is_marked_as_sample(sample_site):
    for path in ["", "catalog/", "guide/"]:
        assert "示例站点" in read_page(sample_site, path).select_one(".sample-banner").get_text()
