"""Speech of every block (plugin page_speech): what it adds to a build, what it stores, what a reader waits for.

    .venv/bin/python bench/speech.py                  # the sample portal
    .venv/bin/python bench/speech.py --items 1000     # bench/corpus.py's copies of the sample's items

In one run, side by side: the portal built with its items' recordings only,
then with every block's too, each from an empty audio cache (cold) and again
with nothing changed (warm); then, from the second output served on a local
server in headless Chromium, the time from a click on a paragraph with 指读
on to its first sound, and the bytes fetched to hear it, over --tries pages.
"""

import argparse
import collections
import json
import pathlib
import shutil
import statistics
import sys

from build_speed import measure
from common import ROOT, SAMPLE_CONTENT, pelican_command
from corpus import make_corpus

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]
from chromium import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

from portal.speech.blocks import page_blocks  # noqa: E402

SPEECH = "audio/speech"
#: Time for a page's map, or a playing clip, to have been fetched (an <audio> keeps its connection open).
SETTLE_MS = 1000
#: Records, in the page, the time of a click and of the first sound that follows.
TIMING = """() => {
  window.clicked = null;
  window.sounded = null;
  document.addEventListener("click", () => { window.clicked = performance.now(); }, true);
  document.addEventListener("a11y-speech", (event) => {
    if (event.detail.type === "start" && window.sounded === null) { window.sounded = performance.now(); }
  });
}"""


def build(content, output, cache, speech, log):
    command = pelican_command(
        content,
        output,
        AUDIO_ENABLED=True,
        SPEECH_ENABLED=speech,
        AUDIO_CACHE_PATH=str(cache),
        CACHE_PATH=f"{output}-cache",
    )
    return measure(command, log)


def recordings(cache):
    return {path.name for path in cache.rglob("*.mp3")}


def html_pages(output):
    return [path for path in output.rglob("*.html") if path.relative_to(output).parts[0] != "text"]


def storage(output):
    """Bytes of the block recordings and maps: shared by every page, per item page, in all."""
    clips = output / SPEECH / "clips"
    maps = sorted((output / SPEECH / "pages").rglob("*.json"))
    users = collections.Counter()
    page_clips = {}
    for page_map in maps:
        names = {clip[0] for entry in json.loads(page_map.read_text("utf-8"))["blocks"].values() for clip in entry}
        page_clips[page_map] = names
        users.update(names)
    size = {name: (clips / name).stat().st_size for name in users}
    everywhere = [name for name, count in users.items() if count == len(maps)]
    item_maps = [page_map for page_map in maps if is_item(output, page_map)]
    own = [sum(size[name] for name in page_clips[page_map] if users[name] == 1) for page_map in item_maps]
    return {
        "clip files": len(size),
        "clip bytes": sum(size.values()),
        "map bytes": sum(page_map.stat().st_size for page_map in maps),
        "on every page: clips": len(everywhere),
        "on every page: bytes": sum(size[name] for name in everywhere),
        "item pages": len(item_maps),
        "per item page: own clip bytes (median)": statistics.median(own) if own else 0,
        "per item page: map bytes (median)": statistics.median(page_map.stat().st_size for page_map in item_maps),
    }


def is_item(output, page_map):
    page = output / page_map.relative_to(output / SPEECH / "pages").with_suffix("")
    return "item-audio__player" in page.read_text("utf-8")


def block_count(output):
    return sum(len(page_blocks(page.read_bytes())) for page in html_pages(output))


def item_urls(output):
    pages = [page for page in html_pages(output) if "item-audio__player" in page.read_text("utf-8")]
    return ["/" + str(page.relative_to(output).parent) + "/" for page in sorted(pages)]


def first_sound(output, tries):
    """Milliseconds from a click on a paragraph to its first sound, and bytes fetched to hear it, per try."""
    from playwright.sync_api import sync_playwright

    url, server = serve(output)
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(url)
        tab.evaluate("localStorage.setItem('a11y-preferences', JSON.stringify({point: true}))")
        fetched = []
        tab.on("requestfinished", lambda request: fetched.append(request))  # noqa: PLW0108  (Playwright wants a function)
        pages = item_urls(output)
        for index in range(tries):
            fetched.clear()
            tab.goto(url + pages[index % len(pages)].lstrip("/"))
            tab.evaluate(TIMING)
            tab.wait_for_timeout(SETTLE_MS)
            paragraphs = tab.locator("#main p:not(:has(a))")
            paragraphs.nth(min(1, paragraphs.count() - 1)).click()
            tab.wait_for_function("() => window.sounded !== null", timeout=10000)
            tab.wait_for_timeout(SETTLE_MS)  # the clip plays on: what it fetches counts
            heard = [request for request in fetched if SPEECH in request.url]
            results.append(
                {
                    "ms": tab.evaluate("window.sounded - window.clicked"),
                    "bytes": sum(request.sizes()["responseBodySize"] for request in heard),
                    "clip bytes": sum(
                        request.sizes()["responseBodySize"] for request in heard if ".mp3" in request.url
                    ),
                }
            )
        browser.close()
    server.shutdown()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=0, help="0: the sample portal")
    parser.add_argument("--tries", type=int, default=30)
    parser.add_argument("--workdir", default="/tmp/speech-bench", help="replaced; kept afterwards for inspection")
    arguments = parser.parse_args()
    workdir = pathlib.Path(arguments.workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    content = SAMPLE_CONTENT
    if arguments.items:
        content = workdir / "content"
        make_corpus(arguments.items, content)

    runs = {}
    for name, speech in (("items only", False), ("items and blocks", True)):
        output, cache = workdir / name.replace(" ", "-"), workdir / f"{name.replace(' ', '-')}-audio"
        runs[name, "cold"] = build(content, output, cache, speech, workdir / f"{name}-cold.log")
        before = recordings(cache)
        runs[name, "warm"] = build(content, output, cache, speech, workdir / f"{name}-warm.log")
        runs[name, "synthesized warm"] = len(recordings(cache) - before)
    output = workdir / "items-and-blocks"
    figures = {
        "items": arguments.items or "sample",
        "builds (wall s, CPU s)": {
            f"{name}, {state}": (round(run["wall"], 1), round(run["cpu"], 1))
            for (name, state), run in runs.items()
            if state != "synthesized warm"
        },
        "added, cold (wall s)": round(runs["items and blocks", "cold"]["wall"] - runs["items only", "cold"]["wall"], 1),
        "added, warm (wall s)": round(runs["items and blocks", "warm"]["wall"] - runs["items only", "warm"]["wall"], 1),
        "recordings synthesized by the warm build": runs["items and blocks", "synthesized warm"],
        "blocks (all pages)": block_count(output),
        **storage(output),
    }
    tries = first_sound(output, arguments.tries)
    figures["first sound after a click, ms (median, 90th percentile)"] = (
        round(statistics.median(trial["ms"] for trial in tries)),
        round(statistics.quantiles([trial["ms"] for trial in tries], n=10)[-1]),
    )
    figures["bytes fetched to hear one paragraph (median: map and clip, clip)"] = (
        statistics.median(trial["bytes"] for trial in tries),
        statistics.median(trial["clip bytes"] for trial in tries),
    )
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
