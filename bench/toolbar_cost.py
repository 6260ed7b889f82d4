"""What the assistive toolbar costs: its files' size (raw and gzipped) and the time
it adds to first paint, in headless Chromium, against the same page without it.

    .venv/bin/python bench/toolbar_cost.py [--runs N]
"""

import argparse
import gzip
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from common import ROOT, SAMPLE_CONTENT, pelican_command

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from chromium import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

TOOLBAR_FILES = ["theme/static/js/a11y-preferences.js", "theme/static/js/a11y-toolbar.js", "theme/static/css/a11y.css"]
TOOLBAR_TAGS = re.compile(
    r'\s*<(script src="[^"]*a11y-[^"]*"[^>]*></script|link rel="stylesheet" href="[^"]*a11y\.css")>'
    r'|<template id="a11y-toolbar-template".*?</template>',
    re.S,
)
PAGES = ["", "catalog/normative/", "service-guides/industrial-product-license/"]


def sizes():
    total_raw = total_gzip = 0
    for name in TOOLBAR_FILES:
        data = (ROOT / name).read_bytes()
        packed = len(gzip.compress(data, 9))
        total_raw += len(data)
        total_gzip += packed
        print(f"{name}: {len(data):,} B raw, {packed:,} B gzipped")
    print(f"toolbar total: {total_raw:,} B raw, {total_gzip:,} B gzipped ({total_gzip / 1024:.1f} KiB)")


FIRST_PAINT = """new Promise(resolve => new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) { observer.disconnect(); resolve(entry.startTime); }
  }).observe({type: 'paint', buffered: true}))"""


def first_paints(bases, runs):
    """First contentful paint of every page under each base URL, loads interleaved."""
    from playwright.sync_api import sync_playwright

    timings = {(base, path): [] for base in bases for path in PAGES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            for path in PAGES:
                for base in bases:
                    context = browser.new_context()
                    tab = context.new_page()
                    tab.goto(base + path, wait_until="load")
                    timings[(base, path)].append(tab.evaluate(FIRST_PAINT))
                    context.close()
        browser.close()
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    sizes()
    with tempfile.TemporaryDirectory() as folder:
        with_toolbar = pathlib.Path(folder) / "with"
        without_toolbar = pathlib.Path(folder) / "without"
        subprocess.run(
            pelican_command(SAMPLE_CONTENT, with_toolbar, "-q"),
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        shutil.copytree(with_toolbar, without_toolbar)
        for page in without_toolbar.rglob("*.html"):
            page.write_text(TOOLBAR_TAGS.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
        base_with, server_with = serve(with_toolbar)
        base_without, server_without = serve(without_toolbar)
        try:
            measured = first_paints([base_with, base_without], runs)
        finally:
            server_with.shutdown()
            server_without.shutdown()
    print(f"first contentful paint, median of {runs} interleaved loads (ms): with toolbar / without / added")
    for path in PAGES:
        with_median = statistics.median(measured[(base_with, path)])
        without_median = statistics.median(measured[(base_without, path)])
        print(f"  /{path}: {with_median:.1f} / {without_median:.1f} / {with_median - without_median:+.1f}")


if __name__ == "__main__":
    main()
