"""The search index and page as built (plugin site_search); the browser tests search them."""

import gzip
import json
import shutil

import pytest
from pelican.plugins.site_search.index import UNUSED_BUNDLE_FILES
from pelican.plugins.site_search.records import identifier_token, index_text
from sites import FIXTURE_CONTENT, FIXTURE_NOW, PORTAL, built, read_page

from portal.item_body import ItemBody

FRAGMENT_HEADER = b"pagefind_dcd"


def indexed_pages(site):
    """``{url: fragment}`` of every page in the Pagefind index."""
    fragments = {}
    for path in site.glob("pagefind/*/fragment/*"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_HEADER)
        fragment = json.loads(data[len(FRAGMENT_HEADER) :])
        assert fragment["url"] not in fragments
        fragments[fragment["url"]] = fragment
    return fragments


@pytest.mark.parametrize(
    "text, words",
    [
        ("食品安全抽检", "食品 品安 安全 全抽 抽检 检"),
        ("示市监发〔2019〕36号", "示市 市监 监发 发 2019 36 号"),
        ("11990000MB1A0827X6/2019-00004", "11990000MB1A0827X6 2019 00004"),
        ("CMA 资质认定，Guide", "CMA 资质 质认 认定 定 Guide"),
        ("税", "税"),
    ],
)
def test_text_is_indexed_as_words_and_character_pairs(text, words):
    assert index_text(text) == words


def test_an_identifier_is_one_word_of_letters_that_ignores_punctuation():
    token = identifier_token("示市监发〔2019〕36号")
    assert token == identifier_token("示市监发[2019]36号") == identifier_token("示市监发 2019 36 号")
    assert token != identifier_token("示市监发〔2019〕3号")
    assert token.isascii() and token.isalpha() and token.startswith("qq") and token.endswith("z")


def test_every_published_item_and_page_is_indexed_once_and_no_twin(sample_site):
    data = json.loads((sample_site / "catalog.json").read_text(encoding="utf-8"))
    item_urls = {record["url"].removeprefix(PORTAL) for record in data["items"]}
    indexed = indexed_pages(sample_site)
    assert item_urls <= indexed.keys()
    assert indexed.keys() - item_urls == {"/guide/", "/accessibility/"}
    assert not [url for url in indexed if url.startswith("/text/")]


def test_each_record_carries_its_metadata_and_filters(sample_site):
    fragment = indexed_pages(sample_site)["/normative/2019-05-minor-violations-no-penalty-list/"]
    assert fragment["meta"]["index_no"] == "11990000MB1A0827X6/2019-00020"
    assert fragment["meta"]["node"] == "行政规范性文件"
    assert fragment["meta"]["date"] == "2019-05-24"
    assert fragment["filters"] == {"node": ["regulations", "normative"], "year": ["2019"]}
    assert "包容 容审 审慎" in fragment["content"].replace("\u200b", "")


@pytest.mark.parametrize("slug", ["food-related-product-license", "measuring-instrument-pattern-approval"])
def test_a_guides_record_has_its_steps_once_and_not_its_flowchart(sample_site, slug):
    body = read_page(sample_site, f"service-guides/{slug}/").select_one(".item-body")
    chart = body.select_one(".process-flow svg").extract()
    assert "承办：" in chart.get_text()
    text = ItemBody(str(body) + str(chart)).text
    assert chart.get_text() not in text
    assert text.count("承办") == body.get_text().count("承办") > 0
    indexed = indexed_pages(sample_site)[f"/service-guides/{slug}/"]["content"].replace("\u200b", "")
    # The chart's texts run together (number, name, 承办：…): a pair across them is the chart's alone.
    step = next(node for node in chart.select("g.flowchart__step") if "承办" in node.get_text())
    seam = step.select(".flowchart__name")[-1].get_text()[-1] + "承"
    assert seam not in body.get_text() and seam not in indexed


def test_only_the_search_library_of_the_bundle_is_published(sample_site):
    shards = list((sample_site / "pagefind").iterdir())
    assert [shard.name for shard in shards] == ["0"]
    bundle = {path.name for path in shards[0].iterdir()}
    assert "pagefind.js" in bundle
    assert not bundle & set(UNUSED_BUNDLE_FILES)


def test_the_search_page_is_a_working_form_without_script(sample_site):
    page = read_page(sample_site, "search/")
    form = page.select_one("main form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get"
    assert {field["name"] for field in form.select("input, select")} == {"q", "node", "year", "sort"}
    for field in form.select("input, select"):
        assert page.select_one(f"label[for={field['id']}]"), field["id"]
    nodes = [option["value"] for option in form.select("select[name=node] option")]
    assert nodes[:3] == ["", "organization", "regulations"]
    assert [option["value"] for option in form.select("select[name=year] option")] == ["", "2019", "2018", "2017"]
    assert "信息公开目录" in page.select_one("main noscript").get_text()
    assert page.select_one('script[src="/theme/js/search.js"]').has_attr("defer")


def test_every_other_page_has_a_search_box(sample_site):
    for path in ("", "catalog/", "normative/2019-05-minor-violations-no-penalty-list/"):
        form = read_page(sample_site, path).select_one("header form[role=search]")
        assert form["action"] == "/search/" and form.select_one("input[name=q]")
    assert not read_page(sample_site, "search/").select_one("header form[role=search]")


def test_the_plain_text_search_page_points_to_the_catalog_and_shows_no_empty_results(sample_site):
    twin = read_page(sample_site, "text/search/")
    assert twin.find("a", string="信息公开目录")
    assert "搜索结果" not in twin.get_text()


def test_an_edit_remakes_only_the_shard_of_the_index_it_falls_in(tmp_path):
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    output = built(content, tmp_path / "output", SEARCH_SHARD_SIZE=3, DISCLOSURE_NOW=FIXTURE_NOW)
    shards = sorted((output / "pagefind").iterdir())
    assert len(shards) >= 3
    before = {shard.name: {path: path.stat().st_mtime_ns for path in shard.rglob("*")} for shard in shards}
    item = content / "regulations" / "normative" / "policy-2019.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nshardmarker\n", encoding="utf-8")
    built(content, output, SEARCH_SHARD_SIZE=3, DISCLOSURE_NOW=FIXTURE_NOW)
    after = {
        shard.name: {path: path.stat().st_mtime_ns for path in shard.rglob("*")}
        for shard in sorted((output / "pagefind").iterdir())
    }
    assert after.keys() == before.keys()
    assert sum(after[name] != before[name] for name in before) == 1
    assert any("shardmarker" in fragment.get("content", "") for fragment in indexed_pages(output).values())


def test_a_body_is_indexed_once_and_then_taken_from_the_cache(tmp_path, monkeypatch):
    from pelican.plugins.site_search import index

    bodies = index.IndexedBodies(str(tmp_path / "bodies.pickle"))
    first = bodies(ItemBody("<p>市场监管局发布抽检结果。</p>"))
    assert "市场 场监" in first
    bodies.save()
    monkeypatch.setattr(index.records_module, "indexed_body", lambda body: "made again")
    again = index.IndexedBodies(str(tmp_path / "bodies.pickle"))
    assert again(ItemBody("<p>市场监管局发布抽检结果。</p>")) == first
    assert again(ItemBody("<p>另一段。</p>")) == "made again"
