"""Site monitoring (invoke monitor): each planted defect is found, a clean portal is clean."""

import datetime
import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from monitored import MONITOR_DAY
from pelican.settings import read_settings
from sites import ROOT, SAMPLE_CONTENT, SETTINGS

from portal.site_monitor import monitor_portal
from portal.site_monitor.checks import check_timeliness
from portal.workdays import HolidayFileError, WorkCalendar, day_range

#: The sample portal is a snapshot of late 2019: it is judged as of this day.
SAMPLE_DAY = "2019-12-16"


def run_monitor(output, content, day, report, *flags):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "monitor",
            "--output",
            str(output),
            "--content",
            str(content),
            "--now",
            day,
            "--report",
            str(report),
            *flags,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def planted_report(monitored_site, tmp_path_factory):
    content, output, _ = monitored_site
    folder = tmp_path_factory.mktemp("planted-report")
    result = run_monitor(output, content, MONITOR_DAY, folder)
    return result, json.loads((folder / "report.json").read_text(encoding="utf-8")), folder


@pytest.mark.parametrize(
    "check, severity, location, words",
    [
        ("nodes", "error", "/catalog/rules/", "超过其更新周期 180 天"),
        ("empty", "veto", "/catalog/", "空白栏目 5 个"),
        ("empty", "error", "/catalog/empty-5/", "没有任何信息"),
        ("links", "error", "/normative/policy-2019/", "/no-such-page/ 不存在"),
        ("anchors", "error", "/normative/policy-2019/", "/catalog/#no-such-anchor 没有这个锚点"),
        ("attachments", "error", "/normative/policy-2019/", "/attachments/published-attachment.csv 不存在"),
        ("images", "error", "/normative/policy-2019/", "/images/sample-chart.png 没有替代文字"),
        ("validity", "error", "/normative/contradiction-2019/", "已于 2019-07-15 废止，有效性却标为“有效”"),
        ("timeliness", "error", "/normative/late-2019/", "用了 41 个工作日"),
        ("guides", "error", "/service-guides/incomplete-guide/", "缺少：受理机构、网上办理"),
    ],
)
def test_each_planted_defect_is_found(planted_report, check, severity, location, words):
    _, report, _ = planted_report
    assert any(
        finding["check"] == check
        and finding["severity"] == severity
        and finding["location"] == location
        and words in finding["message"]
        for finding in report["findings"]
    ), [finding for finding in report["findings"] if finding["check"] == check]


def test_nothing_else_is_found_and_a_veto_fails_the_run(planted_report):
    result, report, _ = planted_report
    assert len(report["findings"]) == 14, report["findings"]
    assert report["verdict"] == "veto"
    assert result.returncode != 0
    assert "单项否决: 空白栏目 5 个" in result.stderr


def test_the_clean_sample_portal_is_clean(sample_site, tmp_path):
    result = run_monitor(sample_site, SAMPLE_CONTENT, SAMPLE_DAY, tmp_path)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["findings"] == [] and report["verdict"] == "pass"
    assert report["pages"] > 300
    assert result.returncode == 0, result.stderr


def test_a_home_page_idle_for_more_than_two_weeks_is_a_veto(sample_site, tmp_path):
    result = run_monitor(sample_site, SAMPLE_CONTENT, "2019-12-31", tmp_path)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    home = [finding for finding in report["findings"] if finding["check"] == "home"]
    assert [finding["severity"] for finding in home] == ["veto"]
    assert "最近一条信息发布于 2019-12-10，已 21 天" in home[0]["message"]
    assert result.returncode != 0


def test_a_stale_news_like_node_is_a_veto(monitored_site, tmp_path):
    content, output, _ = monitored_site
    settings = read_settings(str(SETTINGS), override={"PATH": str(content), "MONITOR_NEWS_DAYS": 180})
    findings = monitor_portal(output, settings, datetime.date.fromisoformat(MONITOR_DAY))["findings"]
    assert [finding.severity for finding in findings if finding.check == "nodes"] == ["veto"]


def test_external_links_are_checked_only_when_asked_and_within_the_limit(monitored_site):
    content, output, external_base = monitored_site
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})
    day = datetime.date.fromisoformat(MONITOR_DAY)
    assert not [finding for finding in monitor_portal(output, settings, day)["findings"] if finding.check == "external"]
    checked = monitor_portal(output, settings, day, external=True)
    external = [finding for finding in checked["findings"] if finding.check == "external"]
    by_location = {finding.location: finding.message for finding in external}
    assert "HTTP 404" in by_location[f"{external_base}missing.html"]
    assert f"{external_base}ok.html" not in by_location
    # The fixture guide's online-service address and the footer's message platform do not resolve here: no network.
    assert set(by_location) == {
        f"{external_base}missing.html",
        "https://zwfw.example.gov.cn/test",
        settings["INTERACTION_PLATFORM_URL"],
    }
    limited = monitor_portal(output, {**settings, "MONITOR_EXTERNAL_LIMIT": 1}, day, external=True)
    notes = [finding.message for finding in limited["findings"] if finding.check == "external"]
    assert any("只检查了前 1 个" in note for note in notes)


def test_the_report_puts_its_summary_first(planted_report):
    _, _, folder = planted_report
    page = BeautifulSoup((folder / "report.html").read_text(encoding="utf-8"), "html.parser")
    main = page.find("main")
    assert main.find("h1").get_text() == "网站监测报告"
    assert "有单项否决项" in main.find("p", class_="verdict").get_text()
    assert main.find("h2").get_text() == "汇总"
    rows = {
        row.th.get_text(strip=True): [cell.get_text() for cell in row.find_all("td")]
        for row in main.select("table tbody tr")
    }
    assert rows["空白栏目"] == ["1", "5", "0"]
    assert page.select_one('a[href="#guides"]')
    assert page.select_one("link[rel=stylesheet]")["href"] == "report.css" and (folder / "report.css").is_file()


def test_working_days_skip_weekends_and_holidays_and_count_swapped_workdays():
    calendar = WorkCalendar(holidays=day_range("2019-10-01/2019-10-07"), workdays=day_range("2019-10-12"), years=[2019])
    day = datetime.date.fromisoformat
    assert calendar.working_days_between(day("2019-09-27"), day("2019-10-08")) == 2  # Sep 30, Oct 8
    assert calendar.working_days_between(day("2019-10-11"), day("2019-10-14")) == 2  # Sat Oct 12 worked, Mon 14
    assert calendar.missing_years(day("2019-12-30"), day("2020-01-02")) == [2020]


def test_the_sample_holiday_file_reads_and_a_bad_one_is_named(tmp_path):
    calendar = WorkCalendar.from_file(SAMPLE_CONTENT / "holidays.toml")
    assert not calendar.is_working_day(datetime.date(2019, 2, 5))
    assert calendar.is_working_day(datetime.date(2019, 2, 2))
    bad = tmp_path / "holidays.toml"
    bad.write_text('[2019]\nholidays = ["2019-13-01"]\n', encoding="utf-8")
    with pytest.raises(HolidayFileError, match=r"holidays.toml: \[2019\]"):
        WorkCalendar.from_file(bad)


def test_a_year_missing_from_the_holiday_file_is_noted():
    item = {"title": "测试", "written": "2021-01-04", "date": "2021-01-05", "url": "https://x/a/"}
    settings = {"MONITOR_PUBLISH_WORKING_DAYS": 20, "MONITOR_HOLIDAYS_FILE": "holidays.toml"}
    findings = check_timeliness([item], WorkCalendar(years=[2019]), settings, "https://x")
    assert [(finding.check, finding.severity) for finding in findings] == [("calendar", "warning")]
