"""Helpers of the test suite: real Pelican builds of content folders and reading their pages."""

import hashlib
import json
import os
import runpy
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
#: pelicanconf.py, where the policies are defined once for the pages, deploy/ and the tests.
PORTAL_SETTINGS = runpy.run_path(str(SETTINGS))
#: The strict policy every page carries: everything from its own origin, nothing inline.
STRICT_CSP = PORTAL_SETTINGS["CONTENT_SECURITY_POLICY"]
#: The search page's, which also runs Pagefind's WebAssembly.
SEARCH_CSP = PORTAL_SETTINGS["SEARCH_CONTENT_SECURITY_POLICY"]


def pelican_command(content, output, flags=(), **settings):
    """The command line of a test build: Pelican with pelicanconf.py and *settings* given with ``-e``.

    Audio synthesis is off unless a test asks for it (tests/test_audio.py does), and
    so are the recordings of every block (tests/test_page_speech.py asks).
    Pelican's cache (readings, twins, search index) is kept beside the output, so
    that builds of different sites never share one.
    """
    settings = {"AUDIO_ENABLED": False, "SPEECH_ENABLED": False, "CACHE_PATH": f"{output}-cache", **settings}
    extra = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    return [sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS), "-o", str(output), *flags, "-e", *extra]


def build_environment(env=None):
    return {**os.environ, "COLUMNS": "250", **(env or {})}


def build_site(content, output, env=None, flags=(), **settings):
    """Run ``pelican CONTENT -s pelicanconf.py -o OUTPUT [FLAGS] -e SETTINGS…``; return the completed process."""
    return subprocess.run(
        pelican_command(content, output, flags, **settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=build_environment(env),
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


def fingerprint(folder):
    """Every file under *folder* with the SHA-256 of its bytes, and every subfolder."""
    found = {}
    for parent, folders, files in os.walk(folder):
        for name in folders:
            found[os.path.relpath(os.path.join(parent, name), folder) + "/"] = None
        for name in files:
            path = os.path.join(parent, name)
            found[os.path.relpath(path, folder)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return found


def site_state(folder):
    """The fingerprint of a built site, less the search index's files, and whether that index is whole.

    Pagefind names some index files by a hash that differs between two runs on the
    same records, so a site built again after its search cache was pruned holds
    the same pages with other index file names.
    """
    found = {name: digest for name, digest in fingerprint(folder).items() if not name.startswith("pagefind/")}
    found["pagefind: whole"] = all(
        os.path.isfile(os.path.join(folder, "pagefind", shard, "pagefind-entry.json"))
        for shard in os.listdir(os.path.join(folder, "pagefind"))
    )
    return found
