"""sitemap.xml and robots.txt (plugin sitemap)."""

import re
from xml.etree import ElementTree

from sites import PORTAL, html_pages
from test_feeds import output_file

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(site):
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}


def test_the_sitemap_lists_every_page_and_no_twin(sample_site):
    entries = sitemap_entries(sample_site)
    files = {output_file(sample_site, url) for url in entries}
    assert files == set(html_pages(sample_site)) - {sample_site / "404.html"}
    assert not any("/text/" in url for url in entries)


def test_sitemap_urls_are_absolute_and_items_have_their_dates(sample_site):
    entries = sitemap_entries(sample_site)
    assert all(url.startswith(PORTAL + "/") for url in entries)
    assert entries[f"{PORTAL}/normative/2019-05-minor-violations-no-penalty-list/"] == "2019-05-24"
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod) for lastmod in entries.values() if lastmod)
    assert entries[f"{PORTAL}/catalog/"] is None


def test_robots_txt_allows_crawlers_and_names_the_sitemap(sample_site):
    lines = (sample_site / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines
    assert not any(line.startswith("Disallow: /") for line in lines)
    assert f"Sitemap: {PORTAL}/sitemap.xml" in lines
