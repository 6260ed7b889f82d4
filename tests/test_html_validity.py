"""The Nu Html Checker (npm vnu-jar) finds no error on any built page, plain-text twins included."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sites import ROOT, html_pages, twin_pages

pytestmark = pytest.mark.slow

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_check(folder):
    """The files the checker read under *folder* (--verbose lists them) and its errors."""
    result = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            "--verbose",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    checked = {Path(line) for line in result.stdout.splitlines() if line}
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return checked, [
        f"{m.get('url', '').rsplit(str(folder), 1)[-1]}:{m.get('lastLine', '')}: {m['message']}" for m in messages
    ]


@pytest.mark.parametrize("site_name", ["sample_site", "fixture_site"])
def test_every_page_is_valid_html(request, site_name):
    site = request.getfixturevalue(site_name)
    pages, twins = html_pages(site), twin_pages(site)
    assert len(pages) > 10 and len(twins) == len(pages)
    checked, errors = vnu_check(site)
    assert set(pages + twins) <= checked
    assert not errors, "\n".join(errors)
