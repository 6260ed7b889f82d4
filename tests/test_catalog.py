"""The catalog page, the node listings, their filters and pagination."""

import re

import pytest
from sites import ROOT, read_page

from portal.content_model.catalog import load_catalog

#: Node ids of the content contract (docs/CONTENT-MODEL.md): editors write them.
CONTRACT_NODES = {
    "organization": "机构信息",
    "regulations": "法规文件",
    "rules": "规章",
    "normative": "行政规范性文件",
    "other-docs": "其他文件",
    "interpretation": "政策解读",
    "plans": "规划计划",
    "licensing": "行政许可",
    "licensing-list": "事项清单",
    "service-guides": "办事指南",
    "licensing-results": "许可结果",
    "penalties": "行政处罚与行政强制",
    "inspections": "双随机、一公开",
    "inspection-plans": "抽查计划",
    "inspection-results": "抽查结果",
    "quality": "产品质量监督抽查",
    "food-safety": "食品安全监督抽检",
    "budget": "财政预决算",
    "procurement": "政府采购",
    "statistics": "统计信息",
    "personnel": "人事信息",
    "emergency": "应急管理",
    "responses": "回应关切",
    "interviews": "在线访谈",
    "annual-reports": "政府信息公开工作年度报告",
}
CHILDREN = {
    "regulations": ["rules", "normative", "other-docs"],
    "licensing": ["licensing-list", "service-guides", "licensing-results"],
    "inspections": ["inspection-plans", "inspection-results"],
}

#: Published items of the fixture site per node, descendants included.
FIXTURE_COUNTS = {
    "regulations": 5,
    "rules": 1,
    "normative": 3,
    "interpretation": 1,
    "licensing": 1,
    "service-guides": 1,
    "responses": 4,
    "empty-node": 0,
}


def test_the_sample_catalog_keeps_every_node_of_the_contract():
    catalog = load_catalog(ROOT / "content" / "catalog.toml")
    for node_id, name in CONTRACT_NODES.items():
        assert catalog[node_id].name == name
    for parent, children in CHILDREN.items():
        assert [child.id for child in catalog[parent].children] == children
    for node in catalog.walk():
        assert all(
            node.columns[key] for key in ("content", "basis", "time_limit", "subject", "channels", "audience", "mode")
        ), node.id
        assert 1 <= node.art20 <= 15 and node.update_days > 0


def test_the_catalog_page_shows_the_tree_with_counts(fixture_site):
    page = read_page(fixture_site, "catalog/")
    tree = page.select_one(".catalog-tree")
    for node_id, count in FIXTURE_COUNTS.items():
        link = tree.select_one(f'a[href="/catalog/{node_id}/"]')
        assert link is not None, node_id
        assert f"（{count} 条）" in link.parent.get_text()
    # children are nested under their parent
    regulations = tree.select_one('a[href="/catalog/regulations/"]').parent
    assert [a["href"] for a in regulations.ul.select("a")] == ["/catalog/rules/", "/catalog/normative/"]


def test_the_catalog_table_has_every_column(fixture_site):
    table = read_page(fixture_site, "catalog/").select_one("table.catalog-table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == [
        "类目",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道",
        "公开对象",
        "公开方式",
        "五公开",
        "条例第二十条",
        "信息数",
    ]
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in table.select("tbody tr")
    }
    assert rows["规章"][0] == "规章"
    assert rows["规章"][1] == "条例第二十条第一项"  # inherited from its parent
    assert rows["规章"][3] == "测试局"  # from [defaults]
    assert rows["法规文件"][-2:] == ["第1项", "5"]
    assert rows["空类目"][-1] == "0"


def listing_rows(site, path):
    table = read_page(site, path).select_one("table.listing-table")
    return [[cell.get_text(strip=True) for cell in row.select("td")] for row in table.select("tbody tr")]


def test_a_listing_has_the_metadata_table_newest_first(fixture_site):
    page = read_page(fixture_site, "catalog/normative/")
    headers = [th.get_text(strip=True) for th in page.select("table.listing-table thead th")]
    assert headers == ["索引号", "信息名称", "文号", "发布日期", "有效性"]
    assert listing_rows(fixture_site, "catalog/normative/")[:2] == [
        ["11990000MB1A0827X6/2019-00001", "测试局关于规范测试工作的通知", "测规〔2019〕1号", "2019-03-15", "有效"],
        ["11990000MB1A0827X6/2018-00002", "测试局关于旧测试工作的通知", "测规〔2018〕2号", "2018-06-01", "失效"],
    ]
    link = page.select_one("table.listing-table a")
    assert link["href"] == "/normative/policy-2019/"


def test_a_parent_listing_includes_its_children_paginated(fixture_site):
    titles = []
    for path in ["catalog/regulations/", "catalog/regulations/page/2/", "catalog/regulations/page/3/"]:
        titles += [row[1] for row in listing_rows(fixture_site, path)]
    assert titles == [
        "测试局关于规范测试工作的通知",
        "挂在父类目下的测试文件",
        "测试省测试管理办法",
        "测试局关于旧测试工作的通知",
        "测试局关于更旧测试工作的规定",
    ]
    assert not (fixture_site / "catalog/regulations/page/4").exists()
    nav = read_page(fixture_site, "catalog/regulations/page/2/").select_one("nav.pagination")
    assert nav.select_one('a[rel="prev"]')["href"] == "/catalog/regulations/"
    assert nav.select_one('a[rel="next"]')["href"] == "/catalog/regulations/page/3/"
    assert nav.select_one('[aria-current="page"]').get_text() == "第2页"


@pytest.mark.parametrize(
    "path, titles",
    [
        ("catalog/regulations/2019/", ["测试局关于规范测试工作的通知", "挂在父类目下的测试文件"]),
        ("catalog/regulations/2019/page/2/", ["测试省测试管理办法"]),
        ("catalog/regulations/2018/", ["测试局关于旧测试工作的通知"]),
        ("catalog/regulations/repealed/", ["测试局关于更旧测试工作的规定"]),
        ("catalog/regulations/expired/", ["测试局关于旧测试工作的通知"]),
        ("catalog/normative/2019/effective/", ["测试局关于规范测试工作的通知"]),
        ("catalog/normative/2017/repealed/", ["测试局关于更旧测试工作的规定"]),
    ],
)
def test_year_and_validity_filters_are_static_pages(fixture_site, path, titles):
    assert [row[1] for row in listing_rows(fixture_site, path)] == titles


def test_empty_filter_combinations_are_not_written_nor_linked(fixture_site):
    assert not (fixture_site / "catalog/normative/2019/expired").exists()
    page = read_page(fixture_site, "catalog/normative/2019/")
    validity = page.select(".filters__group")[1]
    choices = {re.sub(r"（\d+）", "", li.get_text(strip=True)): li for li in validity.select("li")}
    assert choices["失效"].a is None and "（0）" in choices["失效"].get_text()
    assert choices["有效"].a["href"] == "/catalog/normative/2019/effective/"
    assert choices["全部"].a["aria-current"] == "page"


def test_filter_links_keep_the_other_filter(fixture_site):
    page = read_page(fixture_site, "catalog/regulations/effective/")
    years = {a.get_text(strip=True): a["href"] for a in page.select(".filters__group")[0].select("a")}
    assert years == {
        "全部年份（3）": "/catalog/regulations/effective/",
        "2019年（3）": "/catalog/regulations/2019/effective/",
    }
    assert page.h1.get_text() == "法规文件（有效）"
    assert "有效，共 3 条，第 1 页，共 2 页。" in page.select_one(".result-count").get_text()


def test_an_empty_node_still_has_its_listing(fixture_site):
    page = read_page(fixture_site, "catalog/empty-node/")
    assert "本类目暂无信息" in page.get_text()
    assert page.select_one("table.listing-table") is None


def test_listing_pages_title_and_breadcrumbs(fixture_site):
    page = read_page(fixture_site, "catalog/normative/2019/")
    assert page.title.get_text() == "行政规范性文件（2019年） - 信息公开目录 - 示例自治区市场监督管理局"
    crumbs = [li.get_text(strip=True) for li in page.select("nav.breadcrumbs li")]
    assert crumbs == ["首页", "信息公开目录", "法规文件", "行政规范性文件"]


def test_the_home_page_has_latest_items_notices_and_entry_points(fixture_site):
    page = read_page(fixture_site, "")
    latest = [a.get_text(strip=True) for a in page.select("#latest-heading + ul a")]
    assert latest[0] == "一条指向不予公开信息的解读"
    assert len(latest) == 10
    notices = [a.get_text(strip=True) for a in page.select("#notices-heading + ul a")]
    assert notices == [
        "Notice on the test of consumer rights",
        "测试局关于规范测试工作的通知",
        "测试局关于旧测试工作的通知",
    ]
    entries = {a.get_text(strip=True): a["href"] for a in page.select(".entry-grid a")}
    assert entries["法规文件"] == "/catalog/regulations/"
    assert len(entries) == 5
