"""Recordings of every readable block (plugin page_speech): the blocks, their keys, the maps, the cache."""

import json
import os

import pytest
from bs4 import BeautifulSoup
from sites import html_pages, pelican_command

from portal.speech.blocks import page_blocks, text_key
from portal.speech.spoken import readable_text

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><title>不读</title></head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/catalog/">信息公开目录</a></li></ul></nav>
<template id="t"><button type="button">指读</button></template>
<main>
  <h1>关于  加强
     食品安全的通知</h1>
  <p>请阅读<a href="/guide/">公开指南</a>。<span hidden>隐藏</span></p>
  <ul><li>第一章<ul><li>第一节</li></ul></li></ul>
  <div hidden><p>看不见的段落</p></div>
  <p aria-hidden="true">装饰</p>
  <dl><dt>发布机构</dt><dd>示例局</dd></dl>
  <table><caption>抽检结果</caption><tr><th>产品</th><td>大米</td></tr></table>
  <img src="a.png" alt="办理流程图"><img src="b.png" alt="">
  <p>其他语言版本（<span lang="ug" dir="rtl">ئۇيغۇرچە</span>）</p>
  <section lang="en"><p>Market Supervision</p></section>
  <p>请阅读<a href="/guide/">公开指南</a>。<span hidden>隐藏</span></p>
  <script>var notRead = "脚本";</script>
</main></body></html>"""


def blocks_of(markup):
    return [(block.text, block.lang) for block in page_blocks(markup.encode("utf-8"))]


def test_text_keys_are_32_bit_fnv1a_of_utf16_code_units():
    assert text_key("") == "811c9dc5"
    assert text_key("a") == "e40c292c"
    # A character outside the BMP is two UTF-16 code units, as in JavaScript's charCodeAt.
    assert text_key("𠀀") != text_key("\u0000")
    assert len({text_key(text) for text in ["首页", "首頁", "首页 ", "信息公开目录"]}) == 4


def test_readable_text_collapses_white_space_as_the_browser_script_does():
    assert readable_text(" 关于\n  加强\u3000食品\t") == "关于 加强 食品"


def test_the_blocks_are_the_leaves_a_reader_points_at_in_document_order():
    found = blocks_of(PAGE)
    texts = [text for text, _ in found]
    assert texts[:3] == ["首页", "信息公开目录", "指读"], "navigation links, then the toolbar's template"
    assert "关于 加强 食品安全的通知" in texts
    assert "请阅读公开指南。隐藏" in texts, "a paragraph reads as its textContent does"
    assert "公开指南" in texts, "a link inside a paragraph is a block of its own"
    assert "第一节" in texts and "第一章第一节" not in texts, "a list item that holds another is not a block"
    assert {"发布机构", "示例局", "抽检结果", "产品", "大米", "办理流程图"} <= set(texts)
    assert not {"看不见的段落", "装饰", "不读", "脚本", ""} & set(texts)
    assert texts.count("请阅读公开指南。隐藏") == 1, "each distinct text once"


def test_a_block_has_the_language_of_its_nearest_lang():
    found = dict(blocks_of(PAGE))
    assert found["Market Supervision"] == "en"
    assert found["其他语言版本（ئۇيغۇرچە）"] == "zh-CN"
    assert found["首页"] == "zh-CN"


def speech_map(site, page):
    return json.loads((site / "audio/speech/pages" / f"{page}.json").read_text(encoding="utf-8"))


def page_path(site, page):
    return str(page.relative_to(site)).replace(os.sep, "/")


@pytest.mark.audio
@pytest.mark.slow
def test_every_block_of_every_page_has_its_recordings(spoken_site):
    pages = html_pages(spoken_site)
    assert len(pages) > 150
    unmapped, blocks, recordings = [], 0, set()
    for page in pages:
        mapped = speech_map(spoken_site, page_path(spoken_site, page))
        assert mapped["clips"] == "/audio/speech/clips/"
        for block in page_blocks(page.read_bytes()):
            if not any(character.isalnum() for character in block.text):
                continue
            blocks += 1
            clips = mapped["blocks"].get(text_key(block.text))
            if not clips:
                unmapped.append(f"{page_path(spoken_site, page)}: {block.text[:40]}")
                continue
            for name, start, end in clips:
                assert (spoken_site / "audio/speech/clips" / name).stat().st_size > 500
                assert 0 == start < end
                recordings.add(name)
    assert unmapped == []
    assert len(recordings) < blocks / 2, "a text shown on many pages is recorded once"


@pytest.mark.audio
@pytest.mark.slow
def test_the_navigation_and_an_items_title_share_one_recording_across_pages(spoken_site):
    home = speech_map(spoken_site, "index.html")["blocks"]
    catalog = speech_map(spoken_site, "catalog/index.html")["blocks"]
    assert home[text_key("信息公开目录")] == catalog[text_key("信息公开目录")]
    item = next(spoken_site.glob("rules/*/index.html"))
    title = readable_text(BeautifulSoup(item.read_bytes(), "html.parser").h1.get_text())
    item_clips = speech_map(spoken_site, page_path(spoken_site, item))["blocks"][text_key(title)]
    listings = [
        speech_map(spoken_site, page_path(spoken_site, page))["blocks"].get(text_key(title))
        for page in html_pages(spoken_site)
        if page != item and f">{title}<" in page.read_text(encoding="utf-8")
    ]
    assert len(listings) >= 2, "the catalog's listing and the column's show the title"
    assert all(clips == item_clips for clips in listings)


@pytest.mark.audio
@pytest.mark.slow
def test_a_block_in_two_scripts_is_read_by_two_voices(spoken_site):
    mixed = [
        (page, clips)
        for page in html_pages(spoken_site)
        for block in page_blocks(page.read_bytes())
        if "CMA" in block.text and any("\u4e00" <= character <= "\u9fff" for character in block.text)
        for clips in [speech_map(spoken_site, page_path(spoken_site, page))["blocks"].get(text_key(block.text))]
    ]
    assert mixed, "the sample has a Chinese block naming CMA"
    assert all(clips and len(clips) >= 2 for _, clips in mixed)


@pytest.mark.audio
@pytest.mark.slow
def test_the_search_page_maps_every_listed_title(spoken_site):
    search = speech_map(spoken_site, "search/index.html")["blocks"]
    catalog = speech_map(spoken_site, "catalog/index.html")["blocks"]
    assert set(catalog) <= set(search)


@pytest.mark.audio
@pytest.mark.slow
def test_a_second_build_with_nothing_changed_synthesizes_nothing(spoken_site):
    import subprocess

    from sites import ROOT, SAMPLE_CONTENT, build_environment

    cache = spoken_site.parent / "audio-cache"
    before = {path: path.stat().st_mtime_ns for path in cache.rglob("*.mp3")}
    clips = {path: path.stat().st_mtime_ns for path in (spoken_site / "audio/speech").rglob("*")}
    command = pelican_command(
        SAMPLE_CONTENT,
        spoken_site,
        AUDIO_ENABLED=True,
        SPEECH_ENABLED=True,
        AUDIO_ENGINE="espeak-ng",
        AUDIO_CACHE_PATH=str(cache),
    )
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=build_environment())
    assert result.returncode == 0, result.stderr
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*.mp3")} == before
    assert {path: path.stat().st_mtime_ns for path in (spoken_site / "audio/speech").rglob("*")} == clips
