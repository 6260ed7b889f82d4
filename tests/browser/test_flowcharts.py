"""Service guides' flowcharts in real headless Chromium: axe in every scheme, colours, size, layout, hiding."""

import pytest
from chromium import SCHEME_RATIOS, horizontal_overflow, run_axe, set_preferences

pytestmark = pytest.mark.browser

GUIDES = [
    "service-guides/food-related-product-license/",
    "service-guides/industrial-product-license/",
    "service-guides/inspection-body-qualification/",
    "service-guides/measuring-instrument-pattern-approval/",
]
GUIDE = "service-guides/measuring-instrument-pattern-approval/"

#: Each part of the chart's paint: (what is painted, on what, the lowest ratio it needs, or None for the scheme's).
PAINT_SCRIPT = """() => {
  const channel = (value) => { value /= 255; return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4; };
  const luminance = (colour) => { const [r, g, b] = colour.match(/[\\d.]+/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const style = (selector) => getComputedStyle(document.querySelector(".flowchart " + selector));
  const box = style(".flowchart__box").fill, page = getComputedStyle(document.body).backgroundColor;
  return {
    name: [style(".flowchart__name").fill, getComputedStyle(document.body).color],
    box: [box, page],
    contrast: {
      name: ratio(style(".flowchart__name").fill, box),
      detail: ratio(style(".flowchart__detail").fill, box),
      number: ratio(style(".flowchart__number").fill, style(".flowchart__badge").fill),
      border: ratio(style(".flowchart__box").stroke, page),
      arrow: ratio(style(".flowchart__arrow").fill, page),
    },
  };
}"""

#: The chart's text size as painted, in screen px (16 of its units), and the list's.
SIZES_SCRIPT = """() => {
  const chart = document.querySelector(".process-flow > .flowchart");
  const list = document.querySelector(".process-flow > ol > li");
  return [chart.getBoundingClientRect().width / chart.viewBox.baseVal.width * 16,
          parseFloat(getComputedStyle(list).fontSize) * list.currentCSSZoom];
}"""

LAYOUT_SCRIPT = """() => {
  const [list, chart] = [".process-flow > ol", ".process-flow > .flowchart"].map(
    (selector) => document.querySelector(selector).getBoundingClientRect());
  return {list: [list.left, list.right, list.top, list.bottom], chart: [chart.left, chart.right, chart.top, chart.bottom]};
}"""

SCHEMES = list(SCHEME_RATIOS)


def open_guide(browser, base, path, width=1280, preferences=None, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    tab = context.new_page()
    if preferences:
        set_preferences(tab, base, **preferences)
    tab.goto(base + path)
    return context, tab


@pytest.mark.parametrize("scheme", SCHEMES)
def test_guide_pages_pass_axe_in_every_colour_scheme(browser, sample_url, scheme):
    context, tab = open_guide(browser, sample_url, "", preferences={"scheme": scheme})
    failures = []
    for path in GUIDES:
        tab.goto(sample_url + path)
        assert tab.locator(".process-flow > svg.flowchart").is_visible(), path
        assert tab.evaluate("document.documentElement.dataset.a11yScheme || 'default'") == scheme
        failures += [f"/{path}: {line}" for line in run_axe(tab)]
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("mode", [*SCHEMES, "dark", "forced-colors"])
def test_the_chart_takes_the_pages_colours_with_enough_contrast(browser, sample_url, mode):
    options = {"dark": {"color_scheme": "dark"}, "forced-colors": {"forced_colors": "active"}}.get(mode, {})
    preferences = {"scheme": mode} if mode in SCHEME_RATIOS else None
    context, tab = open_guide(browser, sample_url, GUIDE, preferences=preferences, **options)
    paint = tab.evaluate(PAINT_SCRIPT)
    context.close()
    assert paint["name"][0] == paint["name"][1], "the step names are in the page's text colour"
    assert paint["box"][0] == paint["box"][1], "the boxes are filled with the page's background"
    text_ratio = SCHEME_RATIOS.get(mode, 4.5)
    for part, needed in [
        ("name", text_ratio),
        ("detail", text_ratio),
        ("number", text_ratio),
        ("border", 3),
        ("arrow", 3),
    ]:
        assert paint["contrast"][part] >= needed, (part, paint)


def test_the_chart_stands_beside_the_list_on_a_wide_screen(browser, sample_url):
    context, tab = open_guide(browser, sample_url, GUIDE)
    layout = tab.evaluate(LAYOUT_SCRIPT)
    context.close()
    assert layout["chart"][0] >= layout["list"][1], "the chart is to the right of the list"
    assert abs(layout["chart"][2] - layout["list"][2]) <= 2, "both start below the heading"


@pytest.mark.parametrize(
    ("width", "preferences"),
    [(320, {}), (320, {"text": 200}), (1280, {"text": 200}), (1280, {"zoom": 300})],
    ids=["320px", "320px-text-200", "text-200", "zoom-300"],
)
def test_the_chart_reflows_below_the_list_without_sideways_scrolling(browser, sample_url, width, preferences):
    context, tab = open_guide(browser, sample_url, GUIDE, width=width, preferences=preferences)
    layout = tab.evaluate(LAYOUT_SCRIPT)
    overflow = horizontal_overflow(tab)
    context.close()
    assert overflow == 0
    assert layout["chart"][2] >= layout["list"][3], "the chart comes below the list"


@pytest.mark.parametrize(
    ("width", "text", "zoom"),
    [(1280, 100, 100), (1280, 200, 100), (320, 100, 100), (320, 200, 100), (390, 200, 100), (320, 100, 200)],
)
def test_the_charts_text_grows_with_the_readers_text_size_on_phones_too(browser, sample_url, width, text, zoom):
    """As large as the list's text, on a phone at twice the text size (or the zoom) too."""
    context, tab = open_guide(browser, sample_url, GUIDE, width=width, preferences={"text": text, "zoom": zoom})
    chart_px, list_px = tab.evaluate(SIZES_SCRIPT)
    context.close()
    assert list_px == pytest.approx(17 * text * zoom / 100 / 100)
    assert chart_px >= list_px - 0.5


def test_the_chart_is_left_out_of_the_accessibility_tree(browser, sample_url):
    context, tab = open_guide(browser, sample_url, GUIDE)
    names = tab.locator(".flowchart .flowchart__name").all_text_contents()
    chart_texts = set(names + tab.locator(".flowchart .flowchart__detail").all_text_contents())
    session = context.new_cdp_session(tab)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    named = {node.get("name", {}).get("value", "") for node in nodes if not node.get("ignored")}
    steps = tab.locator(".process-flow > ol > li").count()
    listitems = sum(node.get("role", {}).get("value") == "listitem" for node in nodes if not node.get("ignored"))
    context.close()
    assert len(chart_texts) > steps and not chart_texts & named
    assert all(any(text in name for name in named) for text in names), "the list says the same"
    assert listitems >= steps
