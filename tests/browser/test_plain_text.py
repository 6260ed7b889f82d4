"""The plain-text twins (纯文本版) in real headless Chromium: axe-core, no JavaScript, reflow at 320 CSS px,
the reader's colour scheme and text size."""

import pytest
from chromium import add_axe, run_axe, set_preferences, sideways_scrolling
from sites import TWINS, twin_pages

pytestmark = pytest.mark.browser

#: The home page, the catalog, a listing, a service guide and the Uyghur item of the sample portal.
PATHS = [
    "",
    "catalog/",
    "catalog/normative/",
    "service-guides/industrial-product-license/",
    "emergency/2019-spring-festival-consumer-warning-ug/",
]


def twin_url(base, path):
    return f"{base}{TWINS}/{path}"


def test_axe_finds_no_violation_on_the_twins(page, sample_url):
    failures = []
    for path in PATHS:
        page.goto(twin_url(sample_url, path))
        failures += [f"/{TWINS}/{path}: {line}" for line in run_axe(page)]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_twin_text_has_a_contrast_of_at_least_7_to_1(browser, sample_url, color_scheme):
    context = browser.new_context(color_scheme=color_scheme)
    tab = context.new_page()
    failures = []
    for path in PATHS:
        tab.goto(twin_url(sample_url, path))
        add_axe(tab)
        result = tab.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}})")
        assert result["passes"], path
        failures += [
            f"/{TWINS}/{path}: {node['target']}: {node['failureSummary']}"
            for violation in result["violations"]
            for node in violation["nodes"]
        ]
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert background == {"light": "rgb(255, 255, 255)", "dark": "rgb(18, 18, 18)"}[color_scheme]
    assert not failures, "\n".join(failures)


def test_without_javascript_the_plain_text_link_leads_to_the_twin_and_back(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(sample_url)
    tab.get_by_role("link", name="纯文本版", exact=True).click()
    assert tab.url == twin_url(sample_url, "")
    assert tab.title().endswith(" - 纯文本版")
    scripts = tab.locator("script").evaluate_all("scripts => scripts.map(script => script.src)")
    assert scripts == [sample_url + "theme/js/a11y-preferences.js"]
    tab.get_by_role("link", name="信息公开目录", exact=True).first.click()
    assert tab.url == twin_url(sample_url, "catalog/")
    tab.get_by_role("link", name="返回标准版", exact=True).click()
    assert tab.url == sample_url + "catalog/"
    context.close()


def test_the_focus_is_clearly_visible_in_a_twin(page, sample_url):
    page.goto(twin_url(sample_url, "catalog/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("""(() => {
        const style = getComputedStyle(document.activeElement);
        return [document.activeElement.textContent, style.outlineStyle, parseFloat(style.outlineWidth),
                style.backgroundColor]; })()""")
    assert focused == ["跳到主要内容", "solid", 3, "rgb(255, 191, 71)"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_twin_scrolls_sideways_at_320_css_px(browser, sample_url, sample_site, fixture_url, fixture_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    urls = [
        base + file.relative_to(site).as_posix().removesuffix("index.html")
        for base, site in [(sample_url, sample_site), (fixture_url, fixture_site)]
        for file in twin_pages(site)
    ]
    failures = sideways_scrolling(tab, urls)
    context.close()
    assert not failures, "\n".join(failures)


def test_a_twin_follows_the_readers_colour_scheme_and_text_size_before_first_paint(browser, sample_url):
    context = browser.new_context()
    tab = context.new_page()
    loaded = []
    tab.on("request", lambda request: loaded.append(request.url.removeprefix(sample_url)))
    set_preferences(tab, sample_url, scheme="yellow-on-black", text=150, zoom=200)
    loaded.clear()
    tab.goto(twin_url(sample_url, "catalog/normative/"), wait_until="commit")
    tab.wait_for_selector("main", state="attached")
    # The head's script ran before the body was parsed: the first frame is already styled.
    assert tab.evaluate("document.documentElement.dataset.a11yScheme") == "yellow-on-black"
    tab.wait_for_load_state()
    styles = tab.evaluate("""() => {
      const style = getComputedStyle(document.body), link = getComputedStyle(document.querySelector("main a"));
      return [style.color, style.backgroundColor, link.color, getComputedStyle(document.documentElement).fontSize,
              getComputedStyle(document.documentElement).zoom];
    }""")
    assert styles == ["rgb(255, 255, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)", "24px", "2"]
    failures = run_axe(tab)
    context.close()
    # No toolbar: the preferences are the only script the twin loads.
    assert [url for url in loaded if url.endswith(".js")] == ["theme/js/a11y-preferences.js"]
    assert "theme/css/text.css" in loaded
    assert failures == []


def test_no_twin_scrolls_sideways_at_320_css_px_with_the_largest_text_and_zoom(browser, sample_url, sample_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    set_preferences(tab, sample_url, text=200, zoom=300)
    urls = [
        sample_url + file.relative_to(sample_site).as_posix().removesuffix("index.html")
        for file in twin_pages(sample_site)
    ]
    failures = sideways_scrolling(tab, urls)
    assert tab.evaluate("getComputedStyle(document.documentElement).zoom") == "2"
    context.close()
    assert not failures, "\n".join(failures)
