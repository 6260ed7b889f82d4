"""axe-core, reflow at 320 CSS px and the skip link, in real headless Chromium."""

import pytest
from chromium import run_axe, sideways_scrolling
from sites import html_pages

pytestmark = pytest.mark.browser


def sample_paths(site):
    """Home, catalog, every unfiltered node listing, every item and page of the sample portal."""
    paths = []
    for file in html_pages(site):
        relative = file.relative_to(site).parent.as_posix()
        relative = "" if relative == "." else relative + "/"
        parts = relative.split("/")
        is_filtered_listing = parts[0] == "catalog" and len(parts) > 3
        if not is_filtered_listing:
            paths.append(relative)
    return paths


def fixture_paths():
    """Fixture pages the sample has no counterpart for: filters, pagination, empty node, languages."""
    return [
        "catalog/regulations/2019/",
        "catalog/regulations/page/2/",
        "catalog/regulations/2019/effective/",
        "catalog/empty-node/",
        "responses/ug-translation/",
        "responses/en-notice/",
        "service-guides/test-license/",
        "normative/policy-2019/",
    ]


def test_the_sample_covers_every_kind_of_page(sample_site):
    paths = sample_paths(sample_site)
    assert "" in paths and "catalog/" in paths and "guide/" in paths and "accessibility/" in paths
    assert sum(path.startswith("catalog/") for path in paths) >= 26
    assert sum(not path.startswith("catalog/") for path in paths) >= 50


def check_pages(page, base, paths):
    """axe-core violations, and requests that leave the local server, of every page."""
    failures = []
    page.on(
        "request",
        lambda request: request.url.startswith(base) or failures.append(f"third-party request: {request.url}"),
    )
    for path in paths:
        page.goto(base + path)
        failures += [f"/{path}: {line}" for line in run_axe(page)]
    return failures


def test_axe_finds_no_violation_on_the_sample_portal(page, sample_url, sample_site):
    failures = check_pages(page, sample_url, sample_paths(sample_site))
    assert not failures, "\n".join(failures)


def test_axe_finds_no_violation_on_the_fixture_pages(page, fixture_url):
    failures = check_pages(page, fixture_url, fixture_paths())
    assert not failures, "\n".join(failures)


def test_no_page_scrolls_sideways_at_320_css_px(browser, sample_url, sample_site, fixture_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    urls = [sample_url + path for path in sample_paths(sample_site)] + [fixture_url + path for path in fixture_paths()]
    failures = sideways_scrolling(tab, urls)
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["", "catalog/normative/", "licensing/service-guides/"])
def test_the_skip_link_moves_focus_to_the_main_content(page, sample_url, path):
    path = {"licensing/service-guides/": "service-guides/industrial-product-license/"}.get(path, path)
    page.goto(sample_url + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "跳到主要内容"]
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("location.hash") == "#main"


def test_focus_is_visible_on_links(page, sample_url):
    page.goto(sample_url)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.backgroundColor, s.boxShadow]; })()""")
    assert style[0] == "A"
    assert style[1] == "rgb(255, 191, 71)" and style[2] != "none"


@pytest.mark.parametrize(
    "preferences",
    [
        {"color_scheme": "dark"},
        {"contrast": "more"},
        {"forced_colors": "active"},
        {"reduced_motion": "reduce"},
    ],
    ids=["dark", "more-contrast", "forced-colors", "reduced-motion"],
)
def test_the_readers_own_preferences_keep_pages_accessible(browser, sample_url, preferences):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **preferences)
    tab = context.new_page()
    failures = []
    for path in [
        "",
        "catalog/",
        "catalog/normative/",
        "service-guides/industrial-product-license/",
        "emergency/2019-spring-festival-consumer-warning-ug/",
    ]:
        tab.goto(sample_url + path)
        failures += [f"/{path}: {line}" for line in run_axe(tab)]
    context.close()
    assert not failures, "\n".join(failures)


def test_dark_scheme_is_applied(browser, sample_url):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(sample_url)
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 18)"
    context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_stacked_tables_keep_their_table_semantics(browser, sample_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    for path, headers in [("catalog/normative/", 5), ("catalog/", 11)]:
        tab.goto(sample_url + path)
        session = context.new_cdp_session(tab)
        roles = [
            node["role"]["value"] for node in session.send("Accessibility.getFullAXTree")["nodes"] if node.get("role")
        ]
        rows = tab.locator("table.stacked-table tbody tr").count()
        assert roles.count("table") == 1, path
        assert roles.count("columnheader") == headers, path
        assert roles.count("row") == rows + 1, path
    context.close()


@pytest.mark.parametrize(
    "selector", [".utility-bar__links", ".filters__choices", ".subnodes ul", ".site-nav__list", ".site-footer__links"]
)
def test_rows_of_links_are_laid_out_as_rows_without_bullets(page, sample_url, selector):
    page.goto(f"{sample_url}catalog/regulations/")
    style = page.locator(selector).first.evaluate(
        "list => { const style = getComputedStyle(list); return [style.display, style.listStyleType]; }"
    )
    assert style == ["flex", "none"]
    tops = page.locator(f"{selector} > li").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    assert len(tops) > 1 and tops[0] == tops[1], "at 1280 CSS px the first two links share a line"
