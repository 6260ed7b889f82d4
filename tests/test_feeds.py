"""Atom feeds of the portal and of each catalog node (plugin node_feeds)."""

from xml.etree import ElementTree

import pytest
from sites import PORTAL, SAMPLE_CONTENT, html_pages, read_page

from portal.content_model.catalog import load_catalog

ATOM = "{http://www.w3.org/2005/Atom}"
NODE_IDS = [node.id for node in load_catalog(SAMPLE_CONTENT / "catalog.toml").walk()]


def output_file(site, url):
    """The output file an absolute portal URL is served from."""
    assert url.startswith(PORTAL + "/"), f"{url} is not an absolute URL on the portal"
    path = site / url.removeprefix(PORTAL + "/")
    return path / "index.html" if url.endswith("/") else path


def read_feed(site, name):
    return ElementTree.parse(site / "feeds" / f"{name}.atom.xml").getroot()


def entry_urls(feed):
    return [entry.find(f"{ATOM}link[@rel='alternate']").get("href") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("name", ["all", *NODE_IDS])
def test_every_feed_is_valid_atom_with_links_that_exist(sample_site, name):
    feed = read_feed(sample_site, name)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/name"):
        assert feed.findtext(f"{ATOM}{required.replace('/', '/' + ATOM)}"), required
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{PORTAL}/feeds/{name}.atom.xml"
    assert output_file(sample_site, self_link).is_file()
    assert output_file(sample_site, feed.find(f"{ATOM}link[@rel='alternate']").get("href")).is_file()
    entries = list(feed.iter(f"{ATOM}entry"))
    assert entries, "the sample gives every node at least one item"
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("id", "title", "updated", "published", "content", "author/name"):
            assert entry.findtext(f"{ATOM}{required.replace('/', '/' + ATOM)}"), required
        for link in entry.iter(f"{ATOM}link"):
            assert output_file(sample_site, link.get("href")).is_file(), link.get("href")


def test_a_parent_node_feed_has_its_childrens_items_newest_first(sample_site):
    regulations = entry_urls(read_feed(sample_site, "regulations"))
    normative = entry_urls(read_feed(sample_site, "normative"))
    rules = entry_urls(read_feed(sample_site, "rules"))
    assert set(normative) | set(rules) <= set(regulations)
    assert set(normative).isdisjoint(rules)
    published = [
        entry.findtext(f"{ATOM}published") for entry in read_feed(sample_site, "regulations").iter(f"{ATOM}entry")
    ]
    assert published == sorted(published, reverse=True)


def test_the_portal_feed_has_the_newest_items_up_to_the_limit(sample_site):
    urls = entry_urls(read_feed(sample_site, "all"))
    item_pages = [
        path
        for path in html_pages(sample_site)
        if read_page(sample_site, str(path.relative_to(sample_site))).find("meta", attrs={"name": "ArticleTitle"})
    ]
    assert len(urls) == min(50, len(item_pages))


def test_an_entry_carries_body_summary_and_audio_enclosure_when_there_is_audio(sample_site):
    feed = read_feed(sample_site, "normative")
    entry = next(
        entry
        for entry in feed.iter(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title").startswith("示例自治区市场监督管理局关于印发《示例自治区市场监管领域轻微违法")
    )
    assert "包容审慎监管" in entry.findtext(f"{ATOM}content")
    assert entry.findtext(f"{ATOM}summary")
    # The sample site is built without audio (tests/sites.py): no enclosure then.
    assert entry.find(f"{ATOM}link[@rel='enclosure']") is None
    categories = [category.get("term") for category in entry.iter(f"{ATOM}category")]
    assert categories == ["法规文件", "行政规范性文件"]


def test_a_guides_entry_carries_its_steps_but_not_its_flowchart(sample_site):
    feed = read_feed(sample_site, "service-guides")
    contents = [entry.findtext(f"{ATOM}content") for entry in feed.iter(f"{ATOM}entry")]
    assert len(contents) >= 4
    for content in contents:
        assert "办理流程" in content and "<ol>" in content
        assert "<svg" not in content and "flowchart__" not in content
    chart_names = [
        text.get_text()
        for text in read_page(sample_site, "service-guides/food-related-product-license/").select(
            ".process-flow svg .flowchart__name"
        )
    ]
    assert chart_names and all(name in "".join(contents) for name in chart_names)


def test_pages_link_their_feeds(sample_site):
    def feeds(path):
        return [
            (link["href"], link["title"])
            for link in read_page(sample_site, path).select('link[rel="alternate"][type="application/atom+xml"]')
        ]

    assert feeds("") == [
        ("/feeds/all.atom.xml", "示例自治区市场监督管理局：最新信息"),
        ("/feeds/consultations-open.atom.xml", "示例自治区市场监督管理局：正在征求意见"),
    ]
    listing = feeds("catalog/normative/")
    assert ("/feeds/normative.atom.xml", "示例自治区市场监督管理局：行政规范性文件") in listing
    assert ("/feeds/normative.atom.xml", "示例自治区市场监督管理局：行政规范性文件") in feeds(
        "normative/2019-05-minor-violations-no-penalty-list/"
    )
    visible = read_page(sample_site, "catalog/normative/").select_one(".feed-note a")
    assert visible["href"] == "/feeds/normative.atom.xml"
