"""Site search (站内搜索) in real Chromium: the Pagefind index, the search page and its script."""

import json
import logging
import re
from urllib.parse import urlencode

import pytest
from chromium import run_axe
from sites import PORTAL

pytestmark = pytest.mark.browser

FINISHED = re.compile("^(找到|没有找到|搜索暂时无法使用)")


@pytest.fixture(scope="module")
def items(sample_site):
    """The published items of the sample, from the open-data export, with site-relative URLs."""
    data = json.loads((sample_site / "catalog.json").read_text(encoding="utf-8"))
    for record in data["items"]:
        record["path"] = record["url"].removeprefix(PORTAL)
    return data["items"]


def item_with(items, **values):
    return next(record for record in items if all(record[key] == value for key, value in values.items()))


def wait_for_results(tab):
    from playwright.sync_api import expect

    expect(tab.locator("#search-status")).to_have_text(FINISHED)


def all_results(tab):
    """Every result of the current search: opens "显示更多结果" until it is gone."""
    more = tab.locator("#search-more")
    while more.is_visible():
        count = tab.locator("#search-result-list > li").count()
        more.click()
        tab.locator(f"#search-result-list > li:nth-child({count + 1})").wait_for()
    return [
        {
            "path": link.get_attribute("href"),
            "title": link.inner_text(),
            "facts": dict(zip(result.locator("dt").all_inner_texts(), result.locator("dd").all_inner_texts())),
        }
        for result, link in (
            (result, result.locator("h3 a")) for result in tab.locator("#search-result-list > li").all()
        )
    ]


def search(tab, base, **query):
    """Open the search page for *query* (q, node, year, sort) and return every result."""
    tab.goto(f"{base}search/?{urlencode(query)}")
    wait_for_results(tab)
    return all_results(tab)


def test_a_phrase_from_a_body_finds_its_item_first(page, search_url, items):
    results = search(page, search_url, q="月饼专项抽检160批次")
    assert results[0]["path"] == "/food-safety/2019-q3-sampling-results/"


@pytest.mark.parametrize(
    "index_no", ["11990000MB1A0827X6/2019-00004", "11990000MB1A0827X6/2019-00045", "11990000MB1A0827X6/2017-00035"]
)
def test_an_index_number_finds_its_item_first(page, search_url, items, index_no):
    results = search(page, search_url, q=index_no)
    assert results[0]["path"] == item_with(items, index_no=index_no)["path"]


@pytest.mark.parametrize(
    "doc_no",
    ["示市监发〔2019〕8号", "示市监规〔2017〕2号", "示市监规〔2019〕1号", "示例自治区市场监督管理局公告2019年第34号"],
)
def test_a_document_number_finds_its_item_first_though_others_cite_it(page, search_url, items, doc_no):
    results = search(page, search_url, q=doc_no)
    assert results[0]["path"] == item_with(items, doc_no=doc_no)["path"]


#: Runs in the page: types each word into the search form, submits it, opens
#: every "显示更多结果" and notes the words whose item is not among the results.
RECALL_SCRIPT = """async (cases) => {
  const status = document.getElementById("search-status");
  const more = document.getElementById("search-more");
  const field = document.getElementById("search-query");
  const settled = () => new Promise((resolve) => {
    const check = () => (/^(找到|没有找到|搜索暂时无法使用)/.test(status.textContent))
      ? resolve() : setTimeout(check, 5);
    check();
  });
  const misses = [];
  for (const [word, path] of cases) {
    status.textContent = "";
    field.value = word;
    field.form.requestSubmit();
    await settled();
    while (!more.parentElement.hidden) {
      const count = document.querySelectorAll("#search-result-list > li").length;
      more.click();
      while (document.querySelectorAll("#search-result-list > li").length === count) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    const paths = Array.from(document.querySelectorAll("#search-result-list h3 a"), (link) => link.getAttribute("href"));
    if (!paths.includes(path)) {
      misses.push(`${word} (${path})`);
    }
  }
  return misses;
}"""


def test_every_word_of_every_title_finds_its_item(page, search_url, items):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cases = [
        (word, record["path"])
        for record in items
        for word in dict.fromkeys(jieba.cut(record["title"]))
        if re.fullmatch(r"[\u4e00-\u9fff]{2,}", word)
    ]
    assert len(cases) > 300
    page.goto(f"{search_url}search/")
    misses = page.evaluate(RECALL_SCRIPT, cases)
    found = 1 - len(misses) / len(cases)
    print(f"title-word recall: {found:.2%} of {len(cases)} words")
    assert found >= 0.99, misses


def test_filters_narrow_the_results_by_node_and_year(page, search_url, items):
    everything = search(page, search_url, q="监督")
    food = search(page, search_url, q="监督", node="food-safety")
    food_paths = {record["path"] for record in items if record["category"] == "food-safety"}
    assert 0 < len(food) < len(everything)
    assert {result["path"] for result in food} <= food_paths
    regulations = search(page, search_url, q="监督", node="regulations")
    assert {item_with(items, category="rules")["path"], item_with(items, category="normative")["path"]} & {
        result["path"] for result in regulations
    }, "a parent node's filter takes in its children's items"
    older = search(page, search_url, q="监督", year="2017")
    assert older and all(result["facts"]["发布日期"].startswith("2017") for result in older)
    assert page.input_value("#search-year") == "2017"


def test_a_result_shows_title_node_date_and_index_number(page, search_url, items):
    record = item_with(items, index_no="11990000MB1A0827X6/2019-00045")
    result = search(page, search_url, q=record["index_no"])[0]
    assert result["title"] == record["title"]
    assert result["facts"] == {
        "目录分类": record["category_name"],
        "发布日期": record["date"],
        "索引号": record["index_no"],
        "文号": record["doc_no"],
    }


def test_the_result_count_is_announced_in_a_status_region(page, search_url):
    results = search(page, search_url, q="电梯")
    status = page.get_by_role("status")
    assert status.inner_text() == f"找到 {len(results)} 条信息（搜索词“电梯”）。"
    search(page, search_url, q="没有这个词语的信息")
    assert page.get_by_role("status").inner_text().startswith("没有找到信息（搜索词“没有这个词语的信息”）")


def test_an_english_item_is_found_and_marked_as_english(page, search_url):
    results = search(page, search_url, q="accreditation")
    assert results and "CMA" in results[0]["title"]
    assert page.locator("#search-result-list h3 a").first.get_attribute("lang") == "en"


def test_the_form_searches_in_place_and_keeps_the_search_in_the_address(page, search_url):
    page.goto(f"{search_url}search/")
    page.fill("#search-query", "预付卡")
    page.select_option("#search-node", "responses")
    page.click("button[type=submit]")
    wait_for_results(page)
    assert page.url.endswith("search/?q=%E9%A2%84%E4%BB%98%E5%8D%A1&node=responses")
    assert "预付卡" in page.locator("#search-result-list h3 a").first.inner_text()
    page.fill("#search-query", "电梯")
    page.click("button[type=submit]")
    wait_for_results(page)
    page.go_back()
    wait_for_results(page)
    assert page.input_value("#search-query") == "预付卡"


def test_more_results_move_focus_to_the_first_new_one(page, search_url):
    page.goto(f"{search_url}search/?q=%E7%A4%BA%E4%BE%8B")
    wait_for_results(page)
    assert page.locator("#search-result-list > li").count() == 10
    page.click("#search-more")
    eleventh = page.locator("#search-result-list > li:nth-child(11) h3 a")
    eleventh.wait_for()
    assert eleventh.evaluate("link => link === document.activeElement")


def test_the_header_search_box_leads_to_the_results(page, search_url):
    page.goto(f"{search_url}catalog/")
    page.get_by_role("search", name="全站").get_by_role("searchbox").fill("抽检")
    page.get_by_role("search", name="全站").get_by_role("button", name="搜索").click()
    wait_for_results(page)
    assert page.input_value("#search-query") == "抽检"
    assert page.locator("#search-result-list > li").count() > 0


def test_axe_finds_no_violation_before_and_after_a_search(page, search_url):
    page.goto(f"{search_url}search/")
    before = run_axe(page)
    page.fill("#search-query", "食品")
    page.press("#search-query", "Enter")
    wait_for_results(page)
    after = run_axe(page)
    assert not before + after, "\n".join(before + after)


def test_without_javascript_the_page_points_to_the_catalog(browser, search_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{search_url}search/?q=%E6%8A%BD%E6%A3%80")
    notice = tab.locator("main .notice")
    assert "需要浏览器启用 JavaScript" in notice.inner_text()
    assert notice.get_by_role("link", name="信息公开目录").get_attribute("href") == "/catalog/"
    assert tab.get_by_role("search").get_by_role("button", name="搜索").is_visible()
    assert not tab.get_by_role("heading", name="搜索结果").is_visible()
    context.close()


def test_where_webassembly_is_refused_the_page_says_search_is_unavailable(page, strict_url):
    page.goto(f"{strict_url}search/?q=%E6%8A%BD%E6%A3%80")
    wait_for_results(page)
    assert page.get_by_role("status").inner_text().startswith("搜索暂时无法使用")


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    """The sample portal with its index cut into shards of 20 records (SEARCH_SHARD_SIZE)."""
    from chromium import SEARCH_CSP, serve
    from sites import SAMPLE_CONTENT, built

    site = built(SAMPLE_CONTENT, tmp_path_factory.mktemp("sharded") / "output", SEARCH_SHARD_SIZE=20)
    assert len(list((site / "pagefind").iterdir())) >= 3
    url, server = serve(site, csp=SEARCH_CSP)
    yield url
    server.shutdown()


@pytest.mark.parametrize(
    "query",
    [{"q": "监督"}, {"q": "食品", "node": "food-safety"}, {"q": "抽检", "year": "2019"}, {"q": "示市监规〔2019〕5号"}],
)
def test_an_index_in_shards_finds_what_one_index_finds(page, search_url, sharded_url, query):
    """The same results; their order by relevance may differ, as each shard weighs words by its own records."""
    whole, sharded = search(page, search_url, **query), search(page, sharded_url, **query)
    assert sharded and {result["path"] for result in sharded} == {result["path"] for result in whole}


def test_a_document_number_comes_first_from_any_shard(page, sharded_url, items):
    record = item_with(items, doc_no="示市监规〔2019〕5号")
    assert search(page, sharded_url, q=record["doc_no"])[0]["path"] == record["path"]


def test_an_index_in_shards_sorts_by_date_across_them(page, search_url, sharded_url):
    whole = search(page, search_url, q="监督", sort="date")
    sharded = search(page, sharded_url, q="监督", sort="date")
    dates = [result["facts"]["发布日期"] for result in sharded]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 3
    assert dates == [result["facts"]["发布日期"] for result in whole]
