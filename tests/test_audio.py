"""Audio versions of the items, synthesized for real with pyttsx3 and espeak-ng."""

import os
import re
import shutil
import subprocess
import wave

import miniaudio
import pytest
from sites import FIXTURE_CONTENT, FIXTURE_NOW, build_site, read_page

from portal.speech.sound import SILENCE_RMS, plausible_seconds

pytestmark = pytest.mark.audio

PUBLISHED = [
    "normative/policy-2019",
    "normative/expired-2018",
    "normative/repealed-2017",
    "rules/rule-2019",
    "regulations/parent-level-item",
    "interpretation/policy-2019-explained",
    "service-guides/test-license",
    "responses/zh-original",
    "responses/ug-translation",
    "responses/en-notice",
    "responses/interprets-withheld",
]


def build_with_audio(content, output, cache, **settings):
    result = build_site(
        content,
        output,
        flags=["--verbose"],
        AUDIO_ENABLED=True,
        AUDIO_CACHE_PATH=str(cache),
        DISCLOSURE_NOW=FIXTURE_NOW,
        **settings,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return log


def synthesized_count(log):
    return int(re.search(r"Audio: \d+ items, (\d+) synthesized", log).group(1))


@pytest.fixture(scope="module")
def audio_site(tmp_path_factory):
    """The fixture site built with audio through pyttsx3."""
    folder = tmp_path_factory.mktemp("audio")
    content = folder / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    log = build_with_audio(content, folder / "output", folder / "cache", AUDIO_ENGINE="pyttsx3")
    return {"content": content, "output": folder / "output", "cache": folder / "cache", "log": log}


def planned_segments(content, path):
    """The (voice, text) segments the plugin plans for the item at URL path *path*."""
    from pelican import Pelican, signals
    from pelican.plugins.item_audio.build import item_segments
    from pelican.settings import read_settings
    from sites import SETTINGS

    found = {}

    def grab(generators):  # when the plugin plans: every body is parsed and final
        for generator in generators:
            for item in getattr(generator, "articles", []):
                if item.url == path + "/":
                    found["segments"] = item_segments(item, generator.settings)

    signals.all_generators_finalized.connect(grab)
    try:
        settings = read_settings(
            str(SETTINGS),
            override={
                "PATH": str(content),
                "OUTPUT_PATH": str(content.parent / "plan-output"),
                "AUDIO_ENABLED": False,
                "CACHE_PATH": str(content.parent / "plan-cache"),
                "DISCLOSURE_NOW": FIXTURE_NOW,
            },
        )
        Pelican(settings).run()
    finally:
        signals.all_generators_finalized.disconnect(grab)
    return found["segments"]


def decoded(path):
    sound = miniaudio.decode_file(str(path), output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    samples = sound.samples
    rms = (sum(sample * sample for sample in samples[::16]) / max(1, len(samples[::16]))) ** 0.5
    return sound.duration, rms


def test_every_published_item_has_a_plausible_mp3(audio_site):
    output = audio_site["output"]
    files = sorted(path.relative_to(output / "audio").as_posix() for path in (output / "audio").rglob("*.mp3"))
    assert files == sorted(f"{path}.mp3" for path in PUBLISHED)
    for path in [
        "normative/policy-2019",
        "service-guides/test-license",
        "responses/ug-translation",
        "responses/en-notice",
    ]:
        seconds, rms = decoded(output / "audio" / f"{path}.mp3")
        shortest, longest = plausible_seconds(planned_segments(audio_site["content"], path))
        assert shortest <= seconds <= longest, (path, seconds, shortest, longest)
        assert rms > SILENCE_RMS, path


def test_each_language_is_read_in_its_own_voice(audio_site):
    voices = {
        path: {voice for voice, _ in planned_segments(audio_site["content"], path)}
        for path in ["responses/zh-original", "responses/en-notice", "responses/ug-translation"]
    }
    assert voices["responses/zh-original"] == {"cmn-latn-pinyin"}
    assert "en-us" in voices["responses/en-notice"]
    assert "ug" in voices["responses/ug-translation"]
    # The recording really is the voices' speech: espeak-ng reading the same segments lasts as long.
    for path in voices:
        seconds, _ = decoded(audio_site["output"] / "audio" / f"{path}.mp3")
        direct = 0.0
        for voice, text in planned_segments(audio_site["content"], path):
            wav = audio_site["cache"].parent / "direct.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", "175", "-w", str(wav)], input=text.encode(), check=True)
            with wave.open(str(wav)) as sound:
                direct += sound.getnframes() / sound.getframerate()
        assert abs(seconds - direct) < 0.1 * direct + 1.5, (path, seconds, direct)


def test_the_item_page_has_an_accessible_player(audio_site):
    page = read_page(audio_site["output"], "normative/policy-2019/")
    player = page.select_one("audio.item-audio__player")
    assert player["src"] == "/audio/normative/policy-2019.mp3"
    assert player.has_attr("controls") and player["preload"] == "metadata" and not player.has_attr("autoplay")
    assert player["aria-labelledby"] == "audio-heading"
    section = page.select_one("section.item-audio")
    assert section["aria-labelledby"] == "audio-heading" and section.h2.get_text() == "收听本文"
    details = page.find(id=player["aria-describedby"]).get_text()
    assert re.search(r"时长 (\d+分)?\d+秒，MP3 格式，\d+ KB", details)
    links = {a.get_text(): a["href"] for a in section.select("a")}
    assert links["文字稿（纯文本版）"] == "/text/normative/policy-2019/"
    assert links["下载音频"] == "/audio/normative/policy-2019.mp3"


def test_unpublished_items_never_get_audio(audio_site):
    cached = list(audio_site["cache"].glob("*.mp3"))
    assert len(cached) == len(PUBLISHED)
    assert not [path for path in audio_site["output"].rglob("*") if "canary" in path.name]


def test_a_rebuild_with_nothing_changed_synthesizes_nothing(audio_site, tmp_path):
    mtimes = {path: path.stat().st_mtime_ns for path in audio_site["cache"].glob("*.mp3")}
    log = build_with_audio(audio_site["content"], tmp_path / "output", audio_site["cache"], AUDIO_ENGINE="pyttsx3")
    assert synthesized_count(log) == 0
    assert {path: path.stat().st_mtime_ns for path in audio_site["cache"].glob("*.mp3")} == mtimes
    assert len(list((tmp_path / "output" / "audio").rglob("*.mp3"))) == len(PUBLISHED)


def test_changing_one_item_synthesizes_only_it(audio_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(audio_site["content"], content)
    cache = tmp_path / "cache"
    shutil.copytree(audio_site["cache"], cache)
    item = content / "responses" / "zh-original.md"
    item.write_text(item.read_text(encoding="utf-8").replace("中文原文。", "中文原文，已经修改。"), encoding="utf-8")
    log = build_with_audio(content, tmp_path / "output", cache, AUDIO_ENGINE="pyttsx3")
    assert synthesized_count(log) == 1
    assert len(list(cache.glob("*.mp3"))) == len(PUBLISHED) + 1


def test_auto_picks_the_espeak_command_line_here():
    from portal.speech.engines import resolve_engine

    assert resolve_engine("auto") == "espeak-ng"
    assert resolve_engine("pyttsx3") == "pyttsx3"


def test_the_espeak_engine_gives_the_same_recordings(audio_site, tmp_path):
    log = build_with_audio(
        audio_site["content"], tmp_path / "output", tmp_path / "cache", AUDIO_ENGINE="espeak-ng", AUDIO_WORKERS=2
    )
    assert synthesized_count(log) == len(PUBLISHED)
    for path in ["normative/policy-2019", "responses/ug-translation"]:
        with_pyttsx3, _ = decoded(audio_site["output"] / "audio" / f"{path}.mp3")
        with_espeak, _ = decoded(tmp_path / "output" / "audio" / f"{path}.mp3")
        assert abs(with_pyttsx3 - with_espeak) < 0.05 * with_espeak + 0.5


def test_without_a_speech_engine_the_portal_builds_without_players(tmp_path):
    bin_without_espeak = tmp_path / "bin"
    bin_without_espeak.mkdir()
    path = os.pathsep.join(
        [str(bin_without_espeak)]
        + [
            folder
            for folder in os.environ["PATH"].split(os.pathsep)
            if not os.path.exists(os.path.join(folder, "espeak-ng"))
        ]
    )
    result = build_site(
        FIXTURE_CONTENT,
        tmp_path / "output",
        env={"PATH": path},
        AUDIO_ENABLED=True,
        AUDIO_CACHE_PATH=str(tmp_path / "cache"),
        DISCLOSURE_NOW=FIXTURE_NOW,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "No audio versions: espeak-ng is not installed" in log
    assert not (tmp_path / "output" / "audio").exists()
    assert read_page(tmp_path / "output", "normative/policy-2019/").select_one("audio, .item-audio") is None
    strict = build_site(
        FIXTURE_CONTENT,
        tmp_path / "strict",
        env={"PATH": path},
        AUDIO_ENABLED=True,
        AUDIO_STRICT=True,
        AUDIO_CACHE_PATH=str(tmp_path / "cache"),
        DISCLOSURE_NOW=FIXTURE_NOW,
    )
    assert strict.returncode != 0
    assert "espeak-ng is not installed" in strict.stdout + strict.stderr


def test_an_item_that_fails_loses_only_its_player(tmp_path):
    voices = {"zh": "cmn-latn-pinyin", "en": "en-us", "ug": "no-such-voice"}
    log = build_with_audio(
        FIXTURE_CONTENT, tmp_path / "output", tmp_path / "cache", AUDIO_VOICES=voices, AUDIO_ENGINE="espeak-ng"
    )
    assert re.search(r"ug-translation\.md: no audio version", log)
    output = tmp_path / "output"
    assert not (output / "audio" / "responses" / "ug-translation.mp3").exists()
    assert read_page(output, "responses/ug-translation/").select_one(".item-audio") is None
    assert read_page(output, "responses/zh-original/").select_one(".item-audio") is not None
    assert not list((tmp_path / "cache").glob("*.part"))
    strict = build_site(
        FIXTURE_CONTENT,
        tmp_path / "strict",
        AUDIO_ENABLED=True,
        AUDIO_STRICT=True,
        AUDIO_VOICES=voices,
        AUDIO_ENGINE="espeak-ng",
        AUDIO_CACHE_PATH=str(tmp_path / "cache"),
        DISCLOSURE_NOW=FIXTURE_NOW,
    )
    assert strict.returncode != 0
    assert "1 items have no audio version (AUDIO_STRICT is on)" in strict.stdout + strict.stderr


def test_prune_removes_only_what_the_last_build_did_not_use(audio_site, tmp_path):
    from portal.speech.cache import AudioCache

    cache = tmp_path / "cache"
    shutil.copytree(audio_site["cache"], cache)
    (cache / "0123456789abcdef0123456789abcdef.mp3").write_bytes(b"old")
    (cache / "0123456789abcdef0123456789abcdef.json").write_text("{}")
    assert AudioCache(str(cache)).prune() == 1
    assert len(list(cache.glob("*.mp3"))) == len(PUBLISHED)
