"""Helpers of the test suite: real Pelican builds of content folders and reading their pages."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"
SAMPLE_CONTENT = ROOT / "content"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site"
#: The fixture site is built with tiny listing pages so pagination is exercised.
FIXTURE_PAGE_SIZE = 2
#: A fixed build time, so embargo tests do not depend on the clock.
FIXTURE_NOW = "2026-11-27 12:00"
#: The portal's public address (PORTAL_URL in pelicanconf.py): feeds, sitemap and exports use it.
PORTAL = "https://scjg.example.gov.cn"
#: Where the plain-text twins are written (PLAIN_TEXT_PATH in pelicanconf.py).
TWINS = "text"

sys.path.insert(0, str(ROOT / "plugins"))


def build_site(content, output, env=None, flags=(), **settings):
    """Run ``pelican CONTENT -s pelicanconf.py -o OUTPUT [FLAGS] -e SETTINGS…``; return the completed process.

    Audio synthesis is off unless a test asks for it (tests/test_audio.py does).
    Pelican's cache (readings, twins, search index) is kept beside the output, so
    that builds of different sites never share one.
    """
    settings = {"AUDIO_ENABLED": False, "CACHE_PATH": f"{output}-cache", **settings}
    extra = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS), "-o", str(output), *flags, "-e", *extra],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "COLUMNS": "250", **(env or {})},
    )


def built(content, output, **settings):
    result = build_site(content, output, **settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def read_page(site, path):
    """The parsed HTML of the page at URL path *path* (``catalog/`` -> catalog/index.html)."""
    file = site / path
    if path.endswith("/") or not path:
        file = file / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def html_pages(site):
    """Every page the theme renders, not their plain-text twins (see twin_pages)."""
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != TWINS)


def twin_pages(site):
    return sorted((site / TWINS).rglob("*.html"))
