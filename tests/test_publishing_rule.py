"""The publishing rule: nothing of an unpublished item reaches any output file
(tests/test_leak_scan.py scans every output file and name for the canaries' markers)."""

import datetime

import pytest
from sites import FIXTURE_CONTENT

from portal.content_model.publishing import is_published
from portal.file_writing.folders import OUTPUT_MARKER, OUTPUT_MARKER_TEXT


def test_a_link_to_a_withheld_item_is_not_made(fixture_site):
    page = (fixture_site / "responses" / "interprets-withheld" / "index.html").read_text()
    assert "解读对象" not in page


def test_published_items_are_all_there(fixture_site):
    for path in [
        "normative/policy-2019/",
        "normative/expired-2018/",
        "normative/repealed-2017/",
        "rules/rule-2019/",
        "regulations/parent-level-item/",
        "interpretation/policy-2019-explained/",
        "service-guides/test-license/",
        "responses/zh-original/",
        "responses/ug-translation/",
        "responses/en-notice/",
    ]:
        assert (fixture_site / path / "index.html").is_file(), path


NOW = datetime.datetime(2019, 6, 1, 12, 0)


@pytest.mark.parametrize(
    "metadata, published",
    [
        ({"disclosure": "主动公开", "date": datetime.datetime(2019, 6, 1)}, True),
        ({"disclosure": "proactive", "date": datetime.datetime(2019, 6, 1, 12, 0)}, True),
        ({"disclosure": "主动公开", "date": datetime.datetime(2019, 6, 1, 12, 1)}, False),
        ({"disclosure": "依申请公开", "date": datetime.datetime(2019, 1, 1)}, False),
        ({"disclosure": "on-request", "date": datetime.datetime(2019, 1, 1)}, False),
        ({"disclosure": "withheld", "date": datetime.datetime(2019, 1, 1)}, False),
        ({"disclosure": "主动公开", "date": datetime.datetime(2019, 1, 1), "status": "draft"}, False),
        ({"disclosure": "主动公开", "date": datetime.datetime(2019, 1, 1), "status": "hidden"}, False),
        ({"date": datetime.datetime(2019, 1, 1)}, False),
        ({"disclosure": "主动公开"}, False),
    ],
)
def test_the_rule(metadata, published):
    assert is_published(metadata, NOW) is published


def test_an_embargo_ends_when_its_date_passes(tmp_path):
    from sites import build_site

    early = tmp_path / "early"
    late = tmp_path / "late"
    assert build_site(FIXTURE_CONTENT, early, DISCLOSURE_NOW="2098-12-31 23:59").returncode == 0
    assert build_site(FIXTURE_CONTENT, late, DISCLOSURE_NOW="2099-01-01 09:00").returncode == 0
    assert not (early / "responses" / "canary-embargoed-file").exists()
    assert (late / "responses" / "canary-embargoed-file" / "index.html").is_file()


def test_a_build_without_the_publishing_rule_refuses(tmp_path):
    from sites import build_site

    plugins = [
        f"pelican.plugins.{name}"
        for name in (
            "content_validation",
            "disclosure_catalog",
            "disclosure_items",
            "plain_text",
            "item_audio",
            "stable_output",
        )
    ]
    output = tmp_path / "output"
    output.mkdir()
    (output / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT)
    (output / "index.html").write_text("the last good build")
    result = build_site(FIXTURE_CONTENT, output, PLUGINS=plugins)
    assert result.returncode != 0
    assert (
        "plugins not loaded: pelican.plugins.publishing_rule, pelican.plugins.body_sanitizer"
        in result.stdout + result.stderr
    )
    assert sorted(path.name for path in output.rglob("*")) == [OUTPUT_MARKER, "index.html"]
    assert (output / "index.html").read_text() == "the last good build"


def test_a_malformed_build_time_stops_instead_of_publishing_by_no_time():
    from portal.content_model.publishing import build_time

    with pytest.raises(SystemExit, match="DISCLOSURE_NOW"):
        build_time({"DISCLOSURE_NOW": "2019-13-01", "TIMEZONE": "Asia/Shanghai"})
