"""The theme keeps a strict Content-Security-Policy possible and makes no third-party requests."""

import re

import pytest
from sites import ROOT, html_pages, read_page

RESOURCE_ATTRIBUTES = [
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("object", "data"),
]
#: The fewest pages a whole build of each site writes: the sample has about 180, the fixture about 70.
MINIMUM_PAGES = {"sample_site": 150, "fixture_site": 50}


@pytest.mark.parametrize("site_name", ["sample_site", "fixture_site"])
def test_pages_load_nothing_from_elsewhere_and_have_no_inline_code(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = html_pages(site)
    assert len(pages) >= MINIMUM_PAGES[site_name]
    resources = 0
    for file in pages:
        page = read_page(file.parent, file.name)
        for tag, attribute in RESOURCE_ATTRIBUTES:
            for element in page.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and "alternate" in element.get("rel", []):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{file}: {tag} {value}"
                resources += bool(value)
        assert not page.find_all("script", src=False), f"{file}: inline script"
        assert not page.find_all("style"), f"{file}: inline <style>"
        assert not page.find_all(style=True), f"{file}: style attribute"
        assert not page.find_all(lambda element: any(name.startswith("on") for name in element.attrs)), file
    assert resources >= len(pages), "every page loads a stylesheet at least: each was checked"


def test_the_stylesheets_use_rem_for_text_and_no_web_fonts():
    stylesheets = sorted((ROOT / "theme" / "static" / "css").glob("*.css"))
    assert {"portal.css", "text.css", "print.css"} <= {stylesheet.name for stylesheet in stylesheets}
    sizes = 0
    for stylesheet in stylesheets:
        css = stylesheet.read_text(encoding="utf-8")
        assert "@font-face" not in css and "@import" not in css, stylesheet
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), stylesheet
        for size in re.findall(r"font-size:\s*([^;]+);", css):
            assert size.strip().endswith(("rem", "%", "em", "pt")) or size.strip() == "inherit", (stylesheet, size)
            sizes += 1
        assert not re.search(r"\bzoom\s*:", css), stylesheet
    assert sizes >= 20, "the font sizes were found and checked"


def test_the_viewport_allows_pinch_zoom(sample_site):
    viewport = read_page(sample_site, "").find("meta", attrs={"name": "viewport"})["content"]
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
