"""The site monitor's report page in Chromium: axe-core finds nothing to fix."""

import pytest
from chromium import run_axe, serve
from monitored import MONITOR_DAY
from test_monitor import run_monitor

pytestmark = pytest.mark.browser


def test_axe_finds_no_violation_on_the_report(page, monitored_site, tmp_path):
    content, output, _ = monitored_site
    run_monitor(output, content, MONITOR_DAY, tmp_path)
    url, server = serve(tmp_path)
    page.goto(url + "report.html")
    violations = run_axe(page)
    server.shutdown()
    assert not violations, "\n".join(violations)
