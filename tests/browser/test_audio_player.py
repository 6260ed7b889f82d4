"""The audio player of an item page, and the toolbar playing it, in real headless Chromium."""

import shutil

import pytest
from chromium import run_axe, serve, set_preferences
from sites import FIXTURE_CONTENT, FIXTURE_NOW, TWINS, built

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


def test_the_player_has_a_name_and_shows_its_length_before_it_plays(browser, audio_url):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(audio_url + ITEM)
    player = tab.locator("audio.item-audio__player")
    session = context.new_cdp_session(tab)
    document = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": document, "selector": "audio.item-audio__player"})["nodeId"]
    name = session.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]["name"]
    assert name["value"] == "收听本文"
    # Only the recording's metadata is fetched: the player knows its length, and has not played.
    tab.wait_for_function("() => document.querySelector('audio').duration > 3")
    assert player.evaluate("audio => [audio.preload, audio.paused, audio.currentTime]") == ["metadata", True, 0]
    context.close()


@pytest.mark.parametrize(("preferences", "scale"), [({"text": 200}, 1), ({"zoom": 200}, 2)])
def test_page_zoom_magnifies_the_players_controls_and_text_size_leaves_them(browser, audio_url, preferences, scale):
    heights = []
    for settings in ({}, preferences):
        context = browser.new_context()
        tab = context.new_page()
        set_preferences(tab, audio_url, **settings)
        tab.goto(audio_url + ITEM)
        heights.append(
            tab.locator("audio.item-audio__player").evaluate("audio => audio.getBoundingClientRect().height")
        )
        context.close()
    assert heights[0] > 20 and heights[1] == pytest.approx(scale * heights[0], abs=1)


def test_the_items_twin_links_to_its_recording(browser, audio_url):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(audio_url + ITEM)
    recording = tab.locator("audio.item-audio__player").evaluate("audio => audio.src")
    tab.goto(f"{audio_url}{TWINS}/{ITEM}")
    links = tab.locator("a").evaluate_all("links => links.map(link => link.href)")
    context.close()
    assert recording.endswith(".mp3") and recording in links
