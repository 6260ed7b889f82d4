"""The audio player of an item page, and the toolbar playing it, in real headless Chromium."""

import shutil

import pytest
from chromium import run_axe, serve, set_preferences
from sites import FIXTURE_CONTENT, FIXTURE_NOW, built

pytestmark = [pytest.mark.browser, pytest.mark.audio]

ITEM = "normative/policy-2019/"


@pytest.fixture(scope="module")
def audio_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("audio-browser")
    output = built(
        FIXTURE_CONTENT,
        folder / "output",
        AUDIO_ENABLED=True,
        AUDIO_ENGINE="espeak-ng",
        AUDIO_CACHE_PATH=str(folder / "cache"),
        DISCLOSURE_NOW=FIXTURE_NOW,
    )
    url, server = serve(output)
    yield url
    server.shutdown()
    shutil.rmtree(folder)


@pytest.mark.parametrize("scheme", ["default", "yellow-on-black"])
def test_a_page_with_a_player_passes_axe(browser, audio_url, scheme):
    context = browser.new_context()
    tab = context.new_page()
    set_preferences(tab, audio_url, scheme=scheme, open=True)
    for path in [ITEM, "responses/ug-translation/", "responses/en-notice/"]:
        tab.goto(audio_url + path)
        assert tab.locator("audio.item-audio__player").count() == 1
        assert run_axe(tab) == []
    context.close()


def test_the_player_plays_its_recording_without_autoplay(browser, audio_url):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(audio_url + ITEM)
    assert tab.evaluate("document.querySelector('audio').paused") is True
    tab.evaluate("document.querySelector('audio').play()")
    tab.wait_for_function("() => document.querySelector('audio').currentTime > 0.2")
    assert tab.evaluate("document.querySelector('audio').duration") > 3
    context.close()


def test_the_toolbar_reads_on_with_the_recording_and_esc_stops_it(browser, audio_url):
    context = browser.new_context()
    tab = context.new_page()
    set_preferences(tab, audio_url, open=True, rate=1.5)
    tab.goto(audio_url + ITEM)
    tab.click('[data-action="read"]')
    tab.wait_for_function("() => document.querySelector('audio').currentTime > 0.2")
    assert tab.evaluate("document.querySelector('audio').playbackRate") == 1.5
    tab.click('[data-action="pause"]')
    assert tab.evaluate("document.querySelector('audio').paused") is True
    tab.click('[data-action="pause"]')
    assert tab.evaluate("document.querySelector('audio').paused") is False
    tab.keyboard.press("Escape")
    assert tab.evaluate("[document.querySelector('audio').paused, document.querySelector('audio').currentTime]") == [
        True,
        0,
    ]
    assert tab.get_attribute('[data-action="read"]', "aria-pressed") == "false"
    context.close()
