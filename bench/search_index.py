"""Search at scale: the Pagefind index's size per 1,000 items and the time to the
first result in headless Chromium, on a corpus made by bench/corpus.py.

    .venv/bin/python bench/search_index.py [--items 1000] [--runs 5]

Time to first result is measured in the page, from submitting the search form to
the first result in the list: cold (a fresh browser context: the index's entry,
WebAssembly and the query's chunks are fetched) and warm (the same page, another
query).  The local server has no network latency.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT
from corpus import make_corpus

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]
from chromium import CHROMIUM, CHROMIUM_ARGS, SEARCH_CSP, serve  # noqa: E402

QUERIES = ["食品安全", "抽检", "行政许可", "电梯", "11990000MB1A0827X6/2015-00105", "示市监发〔2019〕8号"]
#: Runs in the page: submits a query and resolves with the milliseconds to its first result.
FIRST_RESULT = """async (query) => {
  const list = document.getElementById("search-result-list");
  const status = document.getElementById("search-status");
  const field = document.getElementById("search-query");
  status.textContent = "";
  const started = performance.now();
  field.value = query;
  field.form.requestSubmit();
  while (!list.firstElementChild && !/^没有找到/.test(status.textContent)) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return performance.now() - started;
}"""


def folder_bytes(folder):
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def build(content, output):
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(output),
            "-q",
            "-e",
            "AUDIO_ENABLED=false",
        ],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started


def time_to_first_result(output, runs):
    from playwright.sync_api import sync_playwright

    url, server = serve(output, csp=SEARCH_CSP)
    cold, warm = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(runs):
            context = browser.new_context()
            tab = context.new_page()
            tab.goto(f"{url}search/")
            cold.append(tab.evaluate(FIRST_RESULT, QUERIES[run % len(QUERIES)]))
            warm += [tab.evaluate(FIRST_RESULT, query) for query in QUERIES]
            context.close()
        browser.close()
    server.shutdown()
    return cold, warm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        content = make_corpus(options.items, Path(folder) / "content")
        output = Path(folder) / "output"
        seconds = build(content, output)
        index = output / "pagefind"
        total = folder_bytes(index)
        words = sum(folder_bytes(shard / "index") for shard in index.iterdir())
        fragments = sum(folder_bytes(shard / "fragment") for shard in index.iterdir())
        library = sum(
            (shard / name).stat().st_size for shard in index.iterdir() for name in ("pagefind.js", "wasm.en.pagefind")
        )
        per_thousand = 1000 / options.items
        print(f"corpus: {options.items} items; build without audio {seconds:.1f} s")
        print(
            f"index: {total / 1024:.0f} KiB in all, {total * per_thousand / 1024:.0f} KiB per 1,000 items "
            f"(word index {words * per_thousand / 1024:.0f} KiB, result fragments "
            f"{fragments * per_thousand / 1024:.0f} KiB per 1,000; files are gzipped already)"
        )
        print(f"search library a reader downloads once: {library / 1024:.0f} KiB (pagefind.js + WebAssembly)")
        cold, warm = time_to_first_result(output, options.runs)
        print(
            f"time to first result, cold: median {statistics.median(cold):.0f} ms "
            f"(min {min(cold):.0f}, max {max(cold):.0f}, {len(cold)} runs)"
        )
        print(
            f"time to first result, warm: median {statistics.median(warm):.0f} ms "
            f"(min {min(warm):.0f}, max {max(warm):.0f}, {len(warm)} searches)"
        )


if __name__ == "__main__":
    main()
