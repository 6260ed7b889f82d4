"""The theme keeps a strict Content-Security-Policy possible and makes no third-party requests."""

import re

import pytest

from sites import ROOT, html_pages, read_page

RESOURCE_ATTRIBUTES = [("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
                       ("source", "src"), ("audio", "src"), ("video", "src"), ("object", "data")]


@pytest.mark.parametrize("site_name", ["sample_site", "fixture_site"])
def test_pages_load_nothing_from_elsewhere_and_have_no_inline_code(request, site_name):
    site = request.getfixturevalue(site_name)
    for file in html_pages(site):
        page = read_page(file.parent, file.name)
        for tag, attribute in RESOURCE_ATTRIBUTES:
            for element in page.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and "alternate" in element.get("rel", []):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{file}: {tag} {value}"
        assert not page.find_all("script", src=False), f"{file}: inline script"
        assert not page.find_all("style"), f"{file}: inline <style>"
        assert not page.find_all(style=True), f"{file}: style attribute"
        assert not page.find_all(lambda element: any(name.startswith("on") for name in element.attrs)), file


def test_the_stylesheets_use_rem_for_text_and_no_web_fonts():
    for stylesheet in (ROOT / "theme" / "static" / "css").glob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert "@font-face" not in css and "@import" not in css, stylesheet
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), stylesheet
        for size in re.findall(r"font-size:\s*([^;]+);", css):
            assert size.strip().endswith(("rem", "%", "em", "pt")) or size.strip() == "inherit", (stylesheet, size)
        assert not re.search(r"\bzoom\s*:", css), stylesheet


def test_the_viewport_allows_pinch_zoom(sample_site):
    viewport = read_page(sample_site, "").find("meta", attrs={"name": "viewport"})["content"]
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
