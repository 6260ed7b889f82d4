"""Reading comfort at any size, in real headless Chromium: no sideways scrolling at 320 CSS px in any
combination of the toolbar's settings, a compact header on phones, a page zoom (页面缩放) that magnifies
everything and a text size (文字大小) that enlarges text only."""

import pytest
from chromium import run_axe, set_preferences

pytestmark = pytest.mark.browser

#: The pages hardest to reflow: a rule's long articles, a consultation's status tags, a guide's
#: flowchart, a listing, the eleven-column catalog and the home page.
HARDEST = [
    "rules/2019-elevator-safety-measures/",
    "consultations/2019-03-minor-violations-list-draft/",
    "service-guides/measuring-instrument-pattern-approval/",
    "catalog/normative/",
    "catalog/",
    "",
]
#: The pages whose header and breadcrumbs are the tallest on a phone, and the home page.
LONG_TRAILS = [
    "annual-reports/2018-annual-report/",
    "rules/2019-elevator-safety-measures/",
    "service-guides/industrial-product-license/",
    "consultations/2019-03-minor-violations-list-draft/",
    "catalog/normative/",
    "",
]

#: Applies each combination of settings as the toolbar does (a11y-preferences.js) and returns those
#: under which the page, or the toolbar's panel, scrolls sideways.
WALK_SCRIPT = """(combinations) => {
  const store = window.a11yPreferences;
  const scrollers = [document.documentElement, document.getElementById("a11y-panel")];
  const failures = [];
  for (const combination of combinations) {
    store.apply(Object.assign({}, store.DEFAULTS, combination));
    for (const element of scrollers) {
      const overflow = element.scrollWidth - element.clientWidth;
      if (overflow > 0) failures.push(`${JSON.stringify(combination)}: ${element.id || element.tagName} +${overflow}px`);
    }
  }
  return failures;
}"""


def every_combination(choices):
    """Every text size with every zoom; at the largest of both, each colour scheme and each display aid."""
    largest = {"text": max(choices["text"]), "zoom": max(choices["zoom"])}
    return (
        [{"text": text, "zoom": zoom} for text in choices["text"] for zoom in choices["zoom"]]
        + [{**largest, "scheme": scheme} for scheme in choices["scheme"]]
        + [{**largest, aid: True} for aid in ("cursor", "crosshair", "caption")]
        + [{**largest, "scheme": "yellow-on-black", "cursor": True, "crosshair": True, "caption": True}]
    )


@pytest.fixture
def phone(browser):
    def open_phone(width, height=640):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    contexts = []
    yield open_phone
    for context in contexts:
        context.close()


def test_no_setting_makes_a_page_scroll_sideways_at_320_css_px(phone, sample_url):
    tab = phone(320)
    failures = []
    walked = 0
    for path in HARDEST:
        tab.goto(sample_url + path)
        # With the toolbar's panel and the site menu open, everything the header holds is laid out.
        tab.click(".a11y-toggle")
        tab.click(".site-menu-toggle")
        combinations = every_combination(tab.evaluate("window.a11yPreferences.CHOICES"))
        failures += [f"/{path} {line}" for line in tab.evaluate(WALK_SCRIPT, combinations)]
        walked += len(combinations)
        # The walk ran: the last combination is applied, and zoomed.
        assert tab.evaluate("getComputedStyle(document.documentElement).zoom") == "2"
    assert walked >= 6 * 45
    assert not failures, "\n".join(failures)


def header_report(tab):
    """Where the header ends and the page's h1 starts, in CSS px from the top of the page."""
    return tab.evaluate("""() => ({
      header: document.querySelector(".site-header").getBoundingClientRect().bottom + scrollY,
      h1: document.querySelector("main h1").getBoundingClientRect().top + scrollY,
      panel: document.getElementById("a11y-panel").getBoundingClientRect().height,
    })""")


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 640)])
def test_on_a_phone_the_header_takes_a_quarter_and_the_open_toolbar_leaves_the_h1_on_the_first_screen(
    phone, sample_url, width, height
):
    tab = phone(width, height)
    set_preferences(tab, sample_url, text=200, open=True)
    failures = []
    for path in LONG_TRAILS:
        tab.goto(sample_url + path)
        assert tab.locator("#a11y-panel").is_hidden(), "on a phone the toolbar does not reopen on every page"
        closed = header_report(tab)
        if closed["header"] > height / 4:
            failures.append(f"/{path}: the header ends at {closed['header']:.0f}px of {height}")
        tab.click(".a11y-toggle")
        opened = header_report(tab)
        assert opened["panel"] > 100, "the panel opened"
        if opened["h1"] > height:
            failures.append(f"/{path}: with the toolbar open the h1 starts at {opened['h1']:.0f}px of {height}")
    assert not failures, "\n".join(failures)


def test_on_a_phone_the_menu_button_shows_and_hides_the_search_box_and_navigation(phone, sample_url):
    tab = phone(320)
    tab.goto(sample_url + "catalog/")
    menu = tab.locator(".site-menu-toggle")
    assert menu.get_attribute("aria-expanded") == "false"
    assert tab.locator("nav.site-nav").is_hidden() and tab.locator("form.site-search").is_hidden()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert tab.locator("nav.site-nav").is_visible() and tab.locator("form.site-search").is_visible()
    for part in menu.get_attribute("aria-controls").split():
        assert tab.locator(f"#{part}").is_visible(), part
    menu.click()
    assert tab.locator("nav.site-nav").is_hidden()


@pytest.mark.parametrize("scheme", ["default", "yellow-on-black"])
def test_the_compact_header_passes_axe_with_its_menu_and_the_toolbar_open(phone, sample_url, scheme):
    tab = phone(320)
    set_preferences(tab, sample_url, text=200, scheme=scheme)
    failures = []
    for path in ["", "rules/2019-elevator-safety-measures/"]:
        tab.goto(sample_url + path)
        tab.click(".a11y-toggle")
        tab.click(".site-menu-toggle")
        assert tab.locator("nav.site-nav").is_visible() and tab.locator("#a11y-panel").is_visible()
        failures += [f"/{path}: {line}" for line in run_axe(tab)]
    assert not failures, "\n".join(failures)


def test_on_a_wide_screen_the_header_is_whole_and_the_toolbar_stays_open(page, sample_url):
    set_preferences(page, sample_url, open=True)
    page.goto(sample_url + "catalog/")
    assert page.locator(".site-menu-toggle").is_hidden()
    assert page.locator("nav.site-nav").is_visible() and page.locator(".utility-bar__links").is_visible()
    assert page.locator("#a11y-panel").is_visible()


#: What the browser paints, in screen px: a button's border, the focus ring, a paragraph's text.
PAINTED_SCRIPT = """() => {
  const button = document.querySelector(".a11y-toggle");
  button.focus({focusVisible: true});
  const style = getComputedStyle(button);
  const paragraph = document.querySelector("main p");
  return {
    border: parseFloat(style.borderTopWidth) * button.currentCSSZoom,
    ring: parseFloat(style.outlineWidth) * button.currentCSSZoom,
    target: button.getBoundingClientRect().height,
    text: parseFloat(getComputedStyle(paragraph).fontSize) * paragraph.currentCSSZoom,
  };
}"""


def test_page_zoom_magnifies_controls_borders_and_focus_rings_and_text_size_only_text(browser, sample_url):
    painted = {}
    for name, preferences in {"plain": {}, "text": {"text": 200}, "zoom": {"zoom": 200}}.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        set_preferences(tab, sample_url, **preferences)
        tab.goto(sample_url + "catalog/normative/")
        painted[name] = tab.evaluate(PAINTED_SCRIPT)
        context.close()
    plain, text, zoom = painted["plain"], painted["text"], painted["zoom"]
    assert text["text"] == zoom["text"] == 2 * plain["text"]
    assert zoom["border"] == 2 * plain["border"] and zoom["ring"] == 2 * plain["ring"]
    assert zoom["target"] == pytest.approx(2 * plain["target"], abs=1)
    assert text["border"] == plain["border"] and text["ring"] == plain["ring"]


def test_page_zoom_gives_way_to_the_text_size_beyond_400_percent(page, sample_url):
    set_preferences(page, sample_url, text=200, zoom=300)
    page.goto(sample_url + "catalog/")
    root = page.evaluate(
        "[getComputedStyle(document.documentElement).fontSize, getComputedStyle(document.documentElement).zoom]"
    )
    assert root == ["32px", "2"]
