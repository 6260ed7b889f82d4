"""指读 and 连读 in real headless Chromium, which has no system voice: the portal's own recordings, in step with the text."""

import json

import pytest
from chromium import SEARCH_CSP, run_axe, serve, set_preferences

from portal.speech.blocks import text_key
from portal.speech.spoken import readable_text

pytestmark = [pytest.mark.browser, pytest.mark.audio]

#: A page of every kind, by its URL path.
PAGES = {
    "home": "",
    "item": "rules/2019-elevator-safety-measures/",
    "service guide": "service-guides/industrial-product-license/",
    "listing": "catalog/rules/",
    "catalog": "catalog/",
    "disclosure guide": "guide/",
    "accessibility help": "accessibility-help/",
    "interaction": "interaction/",
    "messages": "interaction/messages/",
    "search": "search/",
    "not found": "404.html",
}
ITEM = PAGES["item"]
SCHEMES = ["default", "black-on-white", "yellow-on-black", "white-on-black", "blue-on-yellow"]

#: Every speech event, with the text of the block marked as read at that moment.
LISTEN = """() => {
  window.heard = [];
  document.addEventListener("a11y-speech", (event) => {
    const marked = document.querySelector(".a11y-reading");
    window.heard.push({...event.detail, marked: marked ? marked.textContent.replace(/\\s+/g, " ").trim() : null});
  });
}"""
#: The browser's voice fails at once, as it does where no voice speaks the language.
FAILING_VOICE = """window.speechSynthesis.speak = (utterance) => {
  setTimeout(() => utterance.onerror && utterance.onerror({error: "synthesis-failed"}), 10);
};"""


@pytest.fixture(scope="module")
def spoken_url(spoken_site):
    url, server = serve(spoken_site, csp=SEARCH_CSP)
    yield url
    server.shutdown()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def output_path(path):
    return path if path.endswith(".html") else path + "index.html"


def clips_of(site, path, text):
    """[(URL path, start, end), …] of *text*'s recordings in the map of the page at URL *path*."""
    page_map = json.loads((site / "audio/speech/pages" / f"{output_path(path)}.json").read_text(encoding="utf-8"))
    return [(page_map["clips"] + name, start, end) for name, start, end in page_map["blocks"][text_key(text)]]


def open_with(tab, url, path, **preferences):
    set_preferences(tab, url, **preferences)
    tab.goto(url + path)
    tab.evaluate(LISTEN)


def starts(tab):
    return [event for event in tab.evaluate("window.heard") if event["type"] == "start"]


def wait_for_starts(tab, count):
    tab.wait_for_function(
        f"() => window.heard.filter((event) => event.type === 'start').length >= {count}", timeout=20000
    )
    return starts(tab)


def heard_path(event, url):
    return event["url"].removeprefix(url[:-1])


def played_as_mapped(event, url, clip):
    """True if *event* started the recording *clip* (URL path, start, end) from its start."""
    path, start, _ = clip
    return heard_path(event, url) == path and event["start"] == start and abs(event["position"] - start) < 0.25


@pytest.mark.parametrize("kind", PAGES)
def test_pointing_at_a_block_plays_that_blocks_own_recording(tab, spoken_site, spoken_url, kind):
    path = PAGES[kind]
    open_with(tab, spoken_url, path, point=True)
    heading = tab.locator("#main h1").first
    tab.locator("#main").click(position={"x": 1, "y": 1})  # the click a browser wants before it plays sound
    heading.hover()
    text = readable_text(heading.text_content())
    (event,) = wait_for_starts(tab, 1)
    assert (event["text"], event["via"]) == (text, "recording")
    assert played_as_mapped(event, spoken_url, clips_of(spoken_site, path, text)[0])

    tab.mouse.move(0, 0)  # off the page's blocks, which a scroll would bring under the pointer
    link = tab.locator("footer a").first
    link.focus()
    text = readable_text(link.text_content())
    event = wait_for_starts(tab, 2)[-1]
    assert (event["text"], event["via"]) == (text, "recording")
    assert played_as_mapped(event, spoken_url, clips_of(spoken_site, path, text)[0])


def test_pointing_plays_at_once_on_a_click_and_follows_the_reader(tab, spoken_url):
    open_with(tab, spoken_url, ITEM, point=True)
    paragraphs = tab.locator("#main p:not(:has(a))")
    for index in (0, 2, 1):
        paragraphs.nth(index).click()
        event = wait_for_starts(tab, 1 + (index != 0) + (index == 1))[-1]
        assert event["text"] == readable_text(paragraphs.nth(index).text_content())


@pytest.mark.parametrize("kind", PAGES)
def test_reading_on_plays_the_blocks_in_order_marks_the_one_playing_and_esc_stops_it(
    tab, spoken_site, spoken_url, kind
):
    path = PAGES[kind]
    open_with(tab, spoken_url, path, open=True, rate=2)
    tab.click('[data-action="read"]')
    heard = wait_for_starts(tab, 3)
    assert [event["marked"] for event in heard] == [event["text"] for event in heard]
    assert heard[0]["text"] == readable_text(tab.locator("#main h1").first.text_content())
    order = tab.evaluate(
        """(texts) => {
          const all = Array.from(document.querySelectorAll("#main *"));
          return texts.map((text) => all.findIndex((element) => element.textContent.replace(/\\s+/g, " ").trim() === text));
        }""",
        [event["text"] for event in heard],
    )
    assert order == sorted(order) and len(set(order)) == len(order) and -1 not in order
    for event in heard:
        assert played_as_mapped(event, spoken_url, clips_of(spoken_site, path, event["text"])[0])
    assert tab.get_attribute('[data-action="read"]', "aria-pressed") == "true"
    assert tab.evaluate("document.querySelector('.a11y-caption').textContent") == starts(tab)[-1]["text"]
    assert tab.locator(".a11y-caption").is_visible(), (
        "the caption bar shows the block, though the reader did not ask for it"
    )

    tab.keyboard.press("Escape")
    heard = len(starts(tab))
    assert tab.get_attribute('[data-action="read"]', "aria-pressed") == "false"
    assert tab.get_attribute('[data-action="pause"]', "aria-pressed") == "false"
    assert tab.evaluate("document.querySelector('.a11y-reading')") is None
    tab.wait_for_timeout(1000)
    assert len(starts(tab)) == heard, "nothing plays after Esc"


def test_next_and_previous_move_by_one_block_and_pause_holds(tab, spoken_url):
    open_with(tab, spoken_url, ITEM, open=True)
    tab.click('[data-action="read"]')
    first = wait_for_starts(tab, 1)[0]["text"]
    tab.click('[data-action="next"]')
    second = wait_for_starts(tab, 2)[1]["text"]
    tab.click('[data-action="previous"]')
    assert wait_for_starts(tab, 3)[2]["text"] == first != second
    tab.click('[data-action="pause"]')
    assert tab.get_attribute('[data-action="pause"]', "aria-pressed") == "true"
    tab.wait_for_timeout(1500)
    assert len(starts(tab)) == 3
    assert tab.evaluate("document.querySelector('.a11y-reading').textContent.replace(/\\s+/g, ' ').trim()") == first


@pytest.mark.parametrize("kind", PAGES)
def test_with_no_recording_and_a_failing_voice_the_reader_is_told_and_nothing_stays_pressed(tab, spoken_url, kind):
    tab.add_init_script(FAILING_VOICE)
    tab.route("**/audio/speech/clips/**", lambda route: route.abort())
    open_with(tab, spoken_url, PAGES[kind], open=True, point=True)
    notice = tab.locator(".a11y-speech-notice")
    tab.locator("#main h1").click()
    notice.wait_for(state="visible")
    assert notice.get_attribute("role") == "status"
    assert "没有语音" in notice.text_content()
    failed = [event["type"] for event in tab.evaluate("window.heard")]
    assert failed == ["recording-failed", "voice-failed"]

    tab.click('[data-action="read"]')
    tab.wait_for_function("() => document.querySelector('.a11y-speech-notice').textContent.includes('连读已停止')")
    assert notice.is_visible()
    for action in ("read", "pause"):
        assert tab.get_attribute(f'[data-action="{action}"]', "aria-pressed") == "false"
    assert tab.evaluate("document.querySelector('.a11y-reading')") is None
    assert tab.evaluate("document.documentElement.hasAttribute('data-a11y-reading')") is False


def test_a_text_with_no_recording_falls_to_the_browser_voice_then_to_the_message(tab, spoken_url):
    tab.add_init_script(FAILING_VOICE)
    open_with(tab, spoken_url, ITEM, point=True)
    tab.evaluate("""() => {
      const added = document.createElement("p");
      added.id = "added";
      added.textContent = "这一段是页面加载后才加上的，没有录音。";
      document.getElementById("main").append(added);
    }""")
    tab.click("#added")
    tab.locator(".a11y-speech-notice").wait_for(state="visible")
    assert [event["type"] for event in tab.evaluate("window.heard")] == ["voice-failed"]


def test_on_a_touch_screen_one_tap_reads_a_link_and_a_second_follows_it(browser, spoken_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    open_with(tab, spoken_url, ITEM, point=True)
    link = tab.locator("footer a").first
    link.scroll_into_view_if_needed()
    link.tap()
    (event,) = wait_for_starts(tab, 1)
    assert event["text"] == readable_text(link.text_content())
    assert tab.url == spoken_url + ITEM
    with tab.expect_navigation():
        link.tap()
    assert tab.url != spoken_url + ITEM
    context.close()


def test_a_search_result_reads_with_its_titles_recording(tab, spoken_site, spoken_url):
    open_with(tab, spoken_url, PAGES["search"] + "?q=电梯", point=True)
    result = tab.locator(".search-result__title a").first
    result.wait_for()
    tab.locator("#main h1").click()
    wait_for_starts(tab, 1)
    result.hover()
    event = wait_for_starts(tab, 2)[-1]
    text = readable_text(result.text_content())
    assert (event["text"], event["via"]) == (text, "recording")
    assert heard_path(event, spoken_url) == clips_of(spoken_site, "search/", text)[0][0]


def test_a_found_message_reads_with_the_recording_of_its_published_text(tab, spoken_site, spoken_url):
    open_with(tab, spoken_url, PAGES["messages"], point=True)
    tab.fill("#message-query", "营业执照")
    tab.click("#message-filter button[type=submit]")
    found = tab.locator("#message-result-list p").first
    found.wait_for()
    found.click()
    (event,) = wait_for_starts(tab, 1)
    text = readable_text(found.text_content())
    assert (event["text"], event["via"]) == (text, "recording")
    assert heard_path(event, spoken_url) == clips_of(spoken_site, PAGES["messages"], text)[0][0]


def test_the_page_script_keys_texts_as_the_build_does(tab, spoken_url):
    tab.goto(spoken_url + ITEM)
    texts = ["", "a", "首页", "ئۇيغۇرچە", "𠀀 emoji 😀", "GB/T 37668-2019"]
    assert tab.evaluate("(texts) => texts.map(window.a11ySpeech.textKey)", texts) == [text_key(t) for t in texts]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_while_reading_with_the_toolbar_open(tab, spoken_url, scheme):
    open_with(tab, spoken_url, ITEM, open=True, scheme=scheme, caption=True)
    tab.click('[data-action="read"]')
    wait_for_starts(tab, 1)
    assert run_axe(tab) == []
