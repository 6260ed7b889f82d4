"""The assistive toolbar (辅助工具) in real headless Chromium: modes, schemes, keyboard, persistence."""

import pytest
from chromium import SCHEME_RATIOS, lowest_contrast, run_axe, set_preferences, sideways_scrolling

pytestmark = pytest.mark.browser

PAGES = ["", "catalog/normative/", "service-guides/industrial-product-license/"]

MODES = {
    **{f"scheme-{scheme}": {"scheme": scheme} for scheme in SCHEME_RATIOS},
    "text-200": {"text": 200},
    "zoom-300": {"zoom": 300},
    "large-cursor": {"cursor": True},
    "crosshair": {"crosshair": True},
    "caption-bar": {"caption": True},
    "point-reading": {"point": True},
}


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("mode", MODES, ids=list(MODES))
def test_every_mode_passes_axe_and_keeps_its_contrast(context, sample_url, mode):
    tab = context.new_page()
    set_preferences(tab, sample_url, open=True, **MODES[mode])
    scheme = MODES[mode].get("scheme", "default")
    failures = []
    for path in PAGES:
        tab.goto(sample_url + path)
        tab.mouse.move(200, 400)
        assert tab.locator("#a11y-panel").is_visible()
        failures += [f"/{path}: {line}" for line in run_axe(tab)]
        worst = lowest_contrast(tab)
        if worst["ratio"] < SCHEME_RATIOS[scheme]:
            failures.append(f"/{path}: contrast {worst['ratio']:.2f} below {SCHEME_RATIOS[scheme]}: {worst}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", [name for name in SCHEME_RATIOS if name != "default"])
def test_each_scheme_really_changes_the_colours(context, sample_url, scheme):
    tab = context.new_page()
    set_preferences(tab, sample_url, scheme=scheme)
    tab.goto(sample_url + "catalog/normative/")
    assert tab.evaluate("document.documentElement.dataset.a11yScheme") == scheme
    colours = tab.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    expected = {
        "black-on-white": ["rgb(0, 0, 0)", "rgb(255, 255, 255)"],
        "yellow-on-black": ["rgb(255, 255, 0)", "rgb(0, 0, 0)"],
        "white-on-black": ["rgb(255, 255, 255)", "rgb(0, 0, 0)"],
        "blue-on-yellow": ["rgb(0, 0, 128)", "rgb(255, 255, 0)"],
    }[scheme]
    assert colours == expected


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize(
    "preferences",
    [{"text": 200}, {"zoom": 300}, {"text": 200, "zoom": 300}, {"caption": True, "text": 200}],
    ids=["text-200", "zoom-300", "both", "caption-text-200"],
)
def test_large_text_and_zoom_reflow_without_sideways_scrolling(browser, sample_url, sample_site, width, preferences):
    from test_accessibility import sample_paths

    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    set_preferences(tab, sample_url, open=True, **preferences)
    text = preferences.get("text", 100)
    # The text size sets the root font size, the page zoom the root's zoom; their product stays within 400 %.
    zoom = min(preferences.get("zoom", 100), 400 * 100 / text) / 100
    # Every page at each size the issue names; a representative set for the combinations.
    paths = sample_paths(sample_site) if len(preferences) == 1 else [*PAGES, "catalog/", "accessibility-help/"]

    def root_size_is_applied(tab):
        root = tab.evaluate(
            "[getComputedStyle(document.documentElement).fontSize, getComputedStyle(document.documentElement).zoom]"
        )
        assert root == [f"{16 * text / 100:g}px", f"{zoom:g}"]

    failures = sideways_scrolling(tab, [sample_url + path for path in paths], root_size_is_applied)
    context.close()
    assert not failures, "\n".join(failures)


def focus_report(tab):
    """What has focus, whether its focus indicator shows, and whether anything covers it."""
    return tab.evaluate("""() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const onTop = document.elementFromPoint(x, y);
      return {
        action: element.dataset.action || element.className || element.tagName,
        text: element.textContent.trim(),
        indicator: style.outlineStyle !== "none" || style.boxShadow !== "none",
        inView: box.bottom > 0 && box.top < innerHeight,
        uncovered: !!onTop && (onTop === element || element.contains(onTop)),
      };
    }""")


def test_keyboard_alone_reaches_and_operates_every_control(context, sample_url):
    tab = context.new_page()
    tab.goto(sample_url + "catalog/normative/")
    visited = []
    for _ in range(6):
        tab.keyboard.press("Tab")
        report = focus_report(tab)
        if report["action"] == "a11y-toggle":
            break
    else:
        pytest.fail("Tab never reached the 辅助工具 button")
    tab.keyboard.press("Enter")
    assert tab.get_attribute(".a11y-toggle", "aria-expanded") == "true"
    assert tab.locator("#a11y-panel").is_visible()
    expected_effects = {
        "text-larger": "document.documentElement.style.fontSize === '115%'",
        "text-smaller": "document.documentElement.style.fontSize === ''",
        "zoom-out": "document.documentElement.style.zoom === ''",
        "zoom-in": "document.documentElement.style.zoom === '1.25' && document.documentElement.style.fontSize === '115%'",
        "cursor": "document.documentElement.hasAttribute('data-a11y-cursor')",
        "crosshair": "document.documentElement.hasAttribute('data-a11y-crosshair')",
        "caption": "document.documentElement.hasAttribute('data-a11y-caption')",
        "point": "document.querySelector('[data-action=point]').getAttribute('aria-pressed') === 'true'",
        "rate-up": "document.querySelector('[data-status=rate]').textContent === '语速 1.25倍'",
        "shortcuts": "document.querySelector('[data-action=shortcuts]').getAttribute('aria-pressed') === 'false'",
    }
    key = "Enter"
    while True:
        tab.keyboard.press("Tab")
        report = focus_report(tab)
        if report["action"] in ("close",):
            break
        visited.append(report["action"])
        assert report["indicator"] and report["inView"] and report["uncovered"], report
        if report["action"] in expected_effects:
            tab.keyboard.press(key)
            key = " " if key == "Enter" else "Enter"
            assert tab.evaluate(expected_effects[report["action"]]), report
    for action in [
        "text-smaller",
        "text-reset",
        "text-larger",
        "zoom-out",
        "zoom-reset",
        "zoom-in",
        "scheme",
        "cursor",
        "crosshair",
        "caption",
        "point",
        "read",
        "pause",
        "stop",
        "rate-down",
        "rate-up",
        "a11y-link",
        "shortcuts",
        "reset",
    ]:
        assert action in visited, action
    tab.keyboard.press("Space")
    assert tab.get_attribute(".a11y-toggle", "aria-expanded") == "false"
    assert focus_report(tab)["action"] == "a11y-toggle"


def test_the_scheme_buttons_work_from_the_keyboard(context, sample_url):
    tab = context.new_page()
    tab.goto(sample_url)
    tab.focus(".a11y-toggle")
    tab.keyboard.press("Enter")
    tab.focus('[data-value="white-on-black"]')
    tab.keyboard.press("Space")
    assert tab.evaluate("document.documentElement.dataset.a11yScheme") == "white-on-black"
    assert tab.get_attribute('[data-value="white-on-black"]', "aria-pressed") == "true"
    assert tab.get_attribute('[data-value="default"]', "aria-pressed") == "false"


def test_focus_stays_visible_above_the_caption_bar(context, sample_url):
    tab = context.new_page()
    set_preferences(tab, sample_url, caption=True, text=200)
    tab.goto(sample_url + "catalog/normative/")
    for _ in range(40):
        tab.keyboard.press("Tab")
        report = focus_report(tab)
        assert report["uncovered"] and report["inView"], report
    assert tab.locator(".a11y-caption").inner_text() == report["text"][:300]


def test_settings_survive_navigation_and_reload_and_reset_restores_defaults(context, sample_url):
    tab = context.new_page()
    tab.goto(sample_url)
    tab.click(".a11y-toggle")
    tab.click('[data-action="text-larger"]')
    tab.click('[data-action="text-larger"]')
    tab.click('[data-value="yellow-on-black"]')
    tab.click('[data-action="crosshair"]')
    tab.click('nav.site-nav a[href="/catalog/"]')
    tab.wait_for_url("**/catalog/")

    def state():
        return tab.evaluate("""[document.documentElement.style.fontSize,
            document.documentElement.dataset.a11yScheme || '', document.documentElement.hasAttribute('data-a11y-crosshair'),
            document.querySelector('[data-status=text]').textContent, !document.getElementById('a11y-panel').hidden]""")

    assert state() == ["130%", "yellow-on-black", True, "文字 130%", True]
    tab.reload()
    assert state() == ["130%", "yellow-on-black", True, "文字 130%", True]
    tab.click('[data-action="reset"]')
    assert state() == ["", "", False, "文字 100%", True]
    tab.reload()
    assert state() == ["", "", False, "文字 100%", True]


def test_preferences_apply_before_first_paint(context, sample_url):
    tab = context.new_page()
    set_preferences(tab, sample_url, text=150, scheme="white-on-black")
    tab.goto(sample_url, wait_until="commit")
    tab.wait_for_selector("main", state="attached")
    # The head script ran before the body was parsed: the first frame is already styled.
    assert tab.evaluate("document.documentElement.style.fontSize") == "150%"
    assert tab.evaluate("document.documentElement.dataset.a11yScheme") == "white-on-black"


def test_shortcuts_use_a_modifier_and_can_be_switched_off(context, sample_url):
    tab = context.new_page()
    tab.goto(sample_url)
    tab.keyboard.press("l")
    assert tab.evaluate("document.documentElement.style.fontSize") == ""
    tab.keyboard.press("Alt+Shift+KeyL")
    assert tab.evaluate("document.documentElement.style.fontSize") == "115%"
    tab.keyboard.press("Alt+Shift+KeyA")
    assert tab.locator("#a11y-panel").is_visible()
    tab.keyboard.press("Alt+Shift+KeyC")
    assert tab.evaluate("document.documentElement.dataset.a11yScheme") == "black-on-white"
    tab.click('[data-action="shortcuts"]')
    tab.keyboard.press("Alt+Shift+KeyL")
    assert tab.evaluate("document.documentElement.style.fontSize") == "115%"
    tab.keyboard.press("Alt+Shift+Digit0")
    assert tab.evaluate("document.documentElement.dataset.a11yScheme") == "black-on-white"


def test_the_help_page_lists_every_shortcut_the_toolbar_knows(context, sample_url):
    tab = context.new_page()
    tab.goto(sample_url + "accessibility-help/")
    shortcuts = tab.evaluate("JSON.parse(document.getElementById('a11y-toolbar-template').dataset.shortcuts)")
    listed = tab.evaluate("""[...document.querySelectorAll('.shortcut-table tbody tr')].map(
        row => [row.cells[0].textContent, row.cells[1].dataset.action || ''])""")
    assert len(shortcuts) >= 8
    for shortcut in shortcuts:
        assert [f"Alt+Shift+{shortcut['key']}", shortcut["action"]] in listed
    assert ["Esc", ""] in listed
    for action in {shortcut["action"] for shortcut in shortcuts}:
        exists = tab.evaluate(
            "a => !!document.querySelector(`[data-action='${a}']`) || a === 'toggle' || a.endsWith('-next') || a === 'plain-text'",
            action,
        )
        assert exists, action


#: A browser voice that starts at once and goes on speaking (headless Chromium has none), on a
#: site built without recordings: what 指读 and 连读 do where the page has no map.
SPEECH_SPY = """
window.spokenTexts = [];
window.cancelCount = 0;
if (window.speechSynthesis) {
  const cancel = speechSynthesis.cancel.bind(speechSynthesis);
  speechSynthesis.speak = (utterance) => {
    window.spokenTexts.push([utterance.text, utterance.lang, utterance.rate]);
    setTimeout(() => utterance.onstart && utterance.onstart(), 0);
  };
  speechSynthesis.cancel = () => { window.cancelCount += 1; cancel(); };
}
"""


def test_speech_only_when_switched_on_and_esc_always_stops(context, sample_url):
    context.add_init_script(SPEECH_SPY)
    tab = context.new_page()
    tab.goto(sample_url + "catalog/normative/")
    tab.hover("main h1")
    tab.focus("nav.site-nav a")
    tab.wait_for_timeout(400)
    assert tab.evaluate("window.spokenTexts") == []
    tab.click(".a11y-toggle")
    tab.click('[data-action="point"]')
    tab.focus('nav.site-nav a[href="/catalog/"]')
    tab.wait_for_timeout(400)
    assert tab.evaluate("window.spokenTexts") == [["信息公开目录", "zh-CN", 1]]
    tab.click('[data-action="point"]')
    tab.click('[data-action="rate-up"]')
    tab.click('[data-action="read"]')
    assert tab.evaluate("window.spokenTexts.at(-1)") == ["行政规范性文件", "zh-CN", 1.25]
    assert tab.evaluate("document.querySelector('.a11y-reading').tagName") == "H1"
    assert tab.get_attribute('[data-action="read"]', "aria-pressed") == "true"
    cancels = tab.evaluate("window.cancelCount")
    tab.keyboard.press("Escape")
    assert tab.evaluate("window.cancelCount") == cancels + 1
    assert tab.evaluate("document.querySelector('.a11y-reading')") is None
    assert tab.get_attribute('[data-action="read"]', "aria-pressed") == "false"


def test_speech_reads_a_uyghur_item_in_its_language(context, sample_url):
    context.add_init_script(SPEECH_SPY)
    tab = context.new_page()
    set_preferences(tab, sample_url, open=True)
    tab.goto(sample_url + "emergency/2019-spring-festival-consumer-warning-ug/")
    tab.click('[data-action="read"]')
    text, lang, _ = tab.evaluate("window.spokenTexts[0]")
    assert lang == "ug" and text == tab.inner_text("main h1")


def test_display_aids_never_catch_clicks_nor_reach_the_accessibility_tree(context, sample_url):
    tab = context.new_page()
    set_preferences(tab, sample_url, crosshair=True, caption=True, cursor=True)
    tab.goto(sample_url + "catalog/normative/")
    link = tab.locator("table.listing-table a").first
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    x, y = link.evaluate(
        "a => { const r = a.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }"
    )
    tab.mouse.move(x, y)
    assert tab.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a') !== null", [x, y])
    assert tab.locator(".a11y-caption").inner_text() == link.inner_text()
    assert tab.evaluate("getComputedStyle(document.querySelector('.a11y-crosshair--x')).pointerEvents") == "none"
    assert "cursor-arrow.svg" in tab.evaluate("getComputedStyle(document.body).cursor")
    session = context.new_cdp_session(tab)
    document = session.send("DOM.getDocument")["root"]["nodeId"]
    for selector in [".a11y-caption", ".a11y-crosshair--x", ".a11y-crosshair--y"]:
        node = session.send("DOM.querySelector", {"nodeId": document, "selector": selector})["nodeId"]
        tree = session.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
        assert all(entry.get("ignored") for entry in tree), selector
    href = link.get_attribute("href")
    tab.mouse.click(x, y)
    tab.wait_for_url("**" + href)


def test_without_javascript_nothing_of_the_toolbar_appears(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(sample_url + "catalog/normative/")
    assert tab.locator(".a11y-toggle").count() == 0
    assert tab.locator("#a11y-panel").count() == 0 or not tab.locator("#a11y-panel").is_visible()
    # The only buttons without script submit forms (the search box); the toolbar's are type=button.
    assert tab.locator("button:visible:not([type=submit])").count() == 0
    assert tab.locator("a.plain-text-link").is_visible()
    context.close()


def test_the_toolbar_holds_a_strict_content_security_policy(browser, strict_url):
    context = browser.new_context()
    context.add_init_script("""window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));""")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(strict_url + "catalog/normative/")
    tab.click(".a11y-toggle")
    for action in ["text-larger", "zoom-in", "cursor", "crosshair", "caption"]:
        tab.click(f'[data-action="{action}"]')
    tab.click('[data-value="blue-on-yellow"]')
    tab.mouse.move(300, 500)
    assert tab.evaluate("[document.documentElement.style.fontSize, document.documentElement.style.zoom]") == [
        "115%",
        "1.25",
    ]
    assert tab.evaluate("window.cspViolations") == []
    assert errors == []
    context.close()
