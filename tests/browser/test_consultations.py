"""Consultation pages and the home page's open consultations, in real headless Chromium.

The sample is built as of its snapshot day, so one of its consultations is open
(征求意見中, with the ways to comment) and the other answered (已反馈).
"""

import pytest
from chromium import SCHEME_RATIOS, lowest_contrast, run_axe, serve, set_preferences, sideways_scrolling
from sites import SAMPLE_CONTENT, built

pytestmark = pytest.mark.browser

SNAPSHOT_NOW = "2019-12-16 09:00"
OPEN_PAGE = "consultations/2019-12-discretion-rules-draft/"
PAGES = [
    "",
    OPEN_PAGE,
    "consultations/2019-03-minor-violations-list-draft/",
    "catalog/consultations/",
    "normative/2019-05-minor-violations-no-penalty-list/",
]


@pytest.fixture(scope="module")
def snapshot_url(tmp_path_factory):
    """The sample portal built on its snapshot day, served locally."""
    site = built(SAMPLE_CONTENT, tmp_path_factory.mktemp("snapshot") / "output", DISCLOSURE_NOW=SNAPSHOT_NOW)
    url, server = serve(site)
    yield url
    server.shutdown()


def test_the_home_page_shows_the_open_consultation(page, snapshot_url):
    page.goto(snapshot_url)
    section = page.locator(".consultations-home")
    assert section.locator("h2").inner_text() == "正在征求意见"
    assert "距截止还有 23 天" in section.locator("li").inner_text()
    section.locator("li a").click()
    assert page.url == snapshot_url + OPEN_PAGE
    assert page.locator(".consultation-panel .consultation-tag").inner_text() == "征求意见中"


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(page, snapshot_url, path):
    page.goto(snapshot_url + path)
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", sorted(SCHEME_RATIOS))
def test_the_status_stays_legible_in_every_colour_scheme(browser, snapshot_url, scheme):
    tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    if scheme != "default":
        set_preferences(tab, snapshot_url, scheme=scheme)
    failures = []
    for path, selector in (
        (OPEN_PAGE, ".consultation-panel"),
        ("", ".consultations-home"),
        ("catalog/consultations/", ".listing-table"),
    ):
        tab.goto(snapshot_url + path)
        worst = lowest_contrast(tab, selector)
        if worst["ratio"] < SCHEME_RATIOS[scheme]:
            failures.append(f"/{path} {selector}: {worst}")
    tab.context.close()
    assert not failures, "\n".join(failures)


def test_the_pages_reflow_at_320_css_px(browser, snapshot_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    failures = sideways_scrolling(context.new_page(), [snapshot_url + path for path in PAGES])
    context.close()
    assert not failures, "\n".join(failures)
