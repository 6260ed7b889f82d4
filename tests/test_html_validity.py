"""The Nu Html Checker (npm vnu-jar) finds no error on any built page."""

import json
import shutil
import subprocess

import pytest

from sites import ROOT, html_pages

pytestmark = pytest.mark.slow

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(folder):
    result = subprocess.run(
        [shutil.which("java") or "java", "-jar", str(VNU), "--errors-only", "--format", "json",
         "--skip-non-html", str(folder)],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').rsplit(str(folder), 1)[-1]}:{m.get('lastLine', '')}: {m['message']}"
            for m in messages]


@pytest.mark.parametrize("site_name", ["sample_site", "fixture_site"])
def test_every_page_is_valid_html(request, site_name):
    site = request.getfixturevalue(site_name)
    assert len(html_pages(site)) > 10
    errors = vnu_errors(site)
    assert not errors, "\n".join(errors)
