"""The annual report (invoke report): table 2 from the items, tables 3 and 4 from the records file."""

import copy
import json
import os
import shutil
import subprocess
import sys
import tomllib
from decimal import Decimal

import pytest
from pelican.settings import read_settings
from sites import ROOT, SAMPLE_CONTENT, SETTINGS

from portal.annual_report import records, statistics
from portal.annual_report.document import next_index_no, write_report
from portal.annual_report.statistics import DocumentCounts
from portal.content_check import validate_site
from portal.content_model.problems import ContentValidationError

SAMPLE_RECORDS = SAMPLE_CONTENT / "records" / "2019.toml"
SECTIONS = [
    "## 一、总体情况",
    "## 二、主动公开政府信息情况",
    "## 三、收到和处理政府信息公开申请情况",
    "## 四、政府信息公开行政复议、行政诉讼情况",
    "## 五、存在的主要问题及改进情况",
    "## 六、其他需要报告的事项",
]


def settings_of(content, **override):
    return read_settings(str(SETTINGS), override={"PATH": str(content), **override})


# --- Table 2 -------------------------------------------------------------------------------------


def test_table_2_of_the_sample_content_is_the_hand_count():
    figures = statistics.count_year(statistics.published_items(settings_of(SAMPLE_CONTENT)), 2019)
    assert figures.documents == {
        "规章": DocumentCounts(made=2, repealed=0, in_force=2),
        # Made in 2019: 示市监规〔2019〕1号, 3号 and 5号; the 2017 失效 one is not in force;
        # the 2017 废止 one was repealed on 2019-03-01.
        "行政规范性文件": DocumentCounts(made=3, repealed=1, in_force=3),
    }
    assert figures.decisions == {"行政许可": 37 + 18 + 9, "行政处罚": 1 + 12, "行政强制": 3}
    assert figures.fees == Decimal("126.48")
    assert str(figures.fees) == "126.48"


def test_documents_count_by_the_day_they_were_made_and_repealed():
    def document(**values):
        return {"stat_kind": "行政规范性文件", "date": "2019-06-01", **values}

    figures = statistics.count_year(
        [
            document(date="2020-01-06", written="2019-12-30"),  # made in 2019, published later
            document(date="2019-12-31 18:00"),
            document(date="2018-03-01", validity="废止", repealed="2020-01-01"),  # in force at the end of 2019
            document(date="2018-03-01", validity="废止", repealed="2019-12-31"),
            document(date="2018-03-01", validity="失效"),
            document(date="2020-02-01"),
        ],
        2019,
    )
    assert figures.documents["行政规范性文件"] == DocumentCounts(made=2, repealed=1, in_force=3)


ITEM = """Title: {name}
Date: {date}
Category: penalties
Index_no: 11990000MB1A0827X6/2019-{serial:05d}
Publisher: 测试局
{extra}
Stat_kind: {kind}
Stat_count: {count}

正文。
"""


def test_unpublished_items_do_not_count(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SAMPLE_CONTENT / "catalog.toml", content)
    items = [
        ("published", "2019-03-01", "Disclosure: 主动公开", "行政处罚", 5),
        ("published-rule", "2019-03-01", "Disclosure: 主动公开\nWritten: 2019-02-20", "规章", 1),
        ("draft", "2019-03-01", "Disclosure: 主动公开\nStatus: draft", "行政处罚", 10),
        ("draft-rule", "2019-03-01", "Disclosure: 主动公开\nStatus: draft", "规章", 1),
        ("hidden", "2019-03-01", "Disclosure: 主动公开\nStatus: hidden", "行政处罚", 100),
        ("withheld", "2019-03-01", "Disclosure: 不予公开\nWithhold_basis: 条例第十四条", "行政处罚", 1000),
        ("on-request", "2019-03-01", "Disclosure: 依申请公开\nWithhold_basis: 条例第十五条", "行政处罚", 10000),
        ("embargoed", "2019-07-01 09:00", "Disclosure: 主动公开", "行政处罚", 100000),
    ]
    for serial, (name, date, extra, kind, count) in enumerate(items, 1):
        (content / f"{name}.md").write_text(
            ITEM.format(name=name, date=date, serial=serial, extra=extra, kind=kind, count=count), encoding="utf-8"
        )
    settings = settings_of(content, DISCLOSURE_NOW="2019-06-30 12:00")
    assert validate_site(settings) == []

    figures = statistics.count_year(statistics.published_items(settings), 2019)
    assert figures.decisions["行政处罚"] == 5
    assert figures.documents["规章"] == DocumentCounts(made=1, repealed=0, in_force=1)


def test_an_invalid_content_folder_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    item = content / "penalties" / "2019-q3-penalty-decisions.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Date: 2019-10-15", "Date: 2019-13-15"), encoding="utf-8")
    with pytest.raises(ContentValidationError) as error:
        statistics.published_items(settings_of(content))
    assert [str(problem) for problem in error.value.problems] == [
        f"{item}: Date: '2019-13-15' is not a valid date (YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    ]


def test_the_index_number_is_the_next_free_serial_of_the_year():
    settings = settings_of(SAMPLE_CONTENT)
    assert next_index_no(settings, 2019) == "11990000MB1A0827X6/2019-00156"
    assert next_index_no(settings, 2031) == "11990000MB1A0827X6/2031-00001"
    highest = SAMPLE_CONTENT / "interpretation" / "2019-enforcement-recording-explained.md"
    assert next_index_no(settings, 2019, replacing=highest) == "11990000MB1A0827X6/2019-00155"


# --- Tables 3 and 4: the records file -------------------------------------------------------------


def sample_records():
    with open(SAMPLE_RECORDS, "rb") as stream:
        return tomllib.load(stream)


def write_records(folder, data):
    """*data* as a records file (flat tables of arrays, so JSON arrays are TOML arrays)."""
    lines = [f"year = {json.dumps(data['year'])}" if "year" in data else ""]
    for name in [key for key in data if key != "year"]:
        lines.append(f'["{name}"]')
        lines += [f'"{key}" = {json.dumps(values, ensure_ascii=False)}' for key, values in data[name].items()]
    path = folder / "2019.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems_of(folder, change):
    data = copy.deepcopy(sample_records())
    change(data)
    path = write_records(folder, data)
    with pytest.raises(records.RecordsError) as error:
        records.load_records(path, 2019)
    problems = [str(problem) for problem in error.value.problems]
    assert all(problem.startswith(f"{path}: ") for problem in problems), problems
    return [problem.removeprefix(f"{path}: ") for problem in problems]


def test_the_sample_records_file_passes():
    year_records = records.load_records(SAMPLE_RECORDS, 2019)
    assert list(year_records.requests) == list(records.REQUEST_ROWS)
    assert year_records.requests["本年新收"] == [28, 5, 0, 1, 2, 0, 36]
    assert year_records.appeals["行政复议"] == [1, 0, 0, 0, 1]


def test_a_row_total_that_is_not_the_sum_of_the_applicants_is_named(tmp_path):
    def change(data):
        data["表三"]["部分公开"][1] += 1

    assert (
        "表三.部分公开: 总计 is 4 but 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 add up to 5 "
        "(总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他)" in problems_of(tmp_path, change)
    )


def test_the_total_row_must_sum_the_result_rows_in_every_column(tmp_path):
    def change(data):
        data["表三"]["予以公开"][0] += 1
        data["表三"]["予以公开"][6] += 1

    assert problems_of(tmp_path, change) == [
        (
            f"表三.总计, {column}: is {total} but the result rows 予以公开 … 其他处理.其他 add up to {total + 1} "
            "(（七）总计 = the sum of the rows （一） to （六）)"
        )
        for column, total in (("自然人", 28), ("总计", 36))
    ]


def test_new_and_carried_over_requests_must_be_handled_or_carried_forward(tmp_path):
    def change(data):
        data["表三"]["本年新收"][2] += 1
        data["表三"]["本年新收"][6] += 1

    assert problems_of(tmp_path, change) == [
        (
            f"表三.本年新收 + 上年结转, {column}: {new} + {carried} = {new + carried} but 总计 + 结转下年 = "
            f"{handled} + {forward} = {handled + forward} "
            "(本年新收 + 上年结转 = 总计 + 结转下年: every request is handled or carried forward)"
        )
        for column, new, carried, handled, forward in (("科研机构", 1, 0, 0, 0), ("总计", 37, 2, 36, 2))
    ]


def test_a_review_or_lawsuit_total_that_is_not_the_sum_of_the_results_is_named(tmp_path):
    def change(data):
        data["表四"]["复议后起诉"][-1] = 1

    assert problems_of(tmp_path, change) == [
        "表四.复议后起诉: 总计 is 1 but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 add up to 0 "
        "(总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结)"
    ]


def test_an_unknown_row_is_named(tmp_path):
    def change(data):
        data["表三"]["不予公开.国家机密"] = [0] * 7

    [problem] = problems_of(tmp_path, change)
    assert problem.startswith("表三.不予公开.国家机密: is not a row of the table (one of 本年新收、上年结转、予以公开")


def test_a_missing_row_is_named(tmp_path):
    def change(data):
        del data["表四"]["行政复议"]

    assert problems_of(tmp_path, change) == [
        "表四.行政复议: missing (an array of 5 whole numbers: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计)"
    ]


def test_a_row_of_the_wrong_length_is_named(tmp_path):
    def change(data):
        data["表三"]["上年结转"].pop()

    assert problems_of(tmp_path, change) == [
        "表三.上年结转: has 6 numbers "
        "(an array of 7 whole numbers: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)"
    ]


@pytest.mark.parametrize("value", [-1, 1.5, "2", True])
def test_a_number_that_is_not_a_count_is_named_with_its_column(tmp_path, value):
    def change(data):
        data["表三"]["结转下年"][3] = value

    assert problems_of(tmp_path, change) == [
        f"表三.结转下年, 社会公益组织: {value!r} is not a count (a whole number, 0 or more)"
    ]


def test_the_year_must_be_the_year_of_the_report(tmp_path):
    def change(data):
        data["year"] = 2018

    assert problems_of(tmp_path, change) == ["year: 2018 is not the year of the report (year = 2019)"]


def test_every_problem_of_the_file_is_reported_at_once(tmp_path):
    def change(data):
        del data["year"]
        data["表3"] = {}
        data["表三"]["予以公开"][6] = 14
        data["表四"]["行政复议"] = [1, 0, 0, 0]

    problems = problems_of(tmp_path, change)
    assert [problem.split(":")[0] for problem in problems] == [
        "year",
        "表3",
        "表三.予以公开",
        "表三.总计, 总计",
        "表四.行政复议",
    ]


def test_a_missing_records_file_says_where_it_is_expected_and_what_it_holds(tmp_path):
    path = tmp_path / "records" / "2020.toml"
    with pytest.raises(records.RecordsError) as error:
        records.load_records(path, 2020)
    assert str(error.value) == (
        f"{path}: the records file of the year is missing (a TOML file here with year = 2020, "
        'the table ["表三"] of the information requests and the table ["表四"] of the administrative '
        "reviews and lawsuits)"
    )


# --- invoke report ---------------------------------------------------------------------------------


def invoke_report(content, *options):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "report", "--year", "2019", "--content", str(content), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def content(tmp_path):
    """A copy of the sample content."""
    return shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")


def test_the_report_is_written_with_the_six_sections_and_the_figures(content):
    result = invoke_report(content)
    assert result.returncode == 0, result.stderr
    report = content / "annual-reports" / "2019-annual-report.md"
    assert str(report) in result.stdout
    assert "行政许可: 64 decisions" in result.stdout
    text = report.read_text(encoding="utf-8")
    assert text.startswith("Title: 示例自治区市场监督管理局2019年政府信息公开工作年度报告\n")
    assert "Status: draft" in text.split("\n\n")[0].splitlines()
    assert [line for line in text.splitlines() if line.startswith("## ")] == SECTIONS
    for row in [
        "| 规章 | 2 | 0 | 2 |",
        "| 行政规范性文件 | 3 | 1 | 3 |",
        "| 行政许可 | 64 |",
        "| 行政处罚 | 13 |",
        "| 行政强制 | 3 |",
        "| 行政事业性收费 | 126.48 |",
        "| 一、本年新收政府信息公开申请数量 | 28 | 5 | 0 | 1 | 2 | 0 | 36 |",
        "| （七）总计 | 28 | 5 | 0 | 1 | 2 | 0 | 36 |",
        "| 行政复议 | 1 | 0 | 0 | 0 | 1 |",
    ]:
        assert f"\n{row}\n" in text, row
    assert text.count("【待填写】") == 3 + 1  # sections 一, 五, 六, and the editor's note naming it
    assert validate_site(settings_of(content)) == []


def test_an_existing_report_is_only_overwritten_with_force(content):
    report = content / "annual-reports" / "2019-annual-report.md"
    assert invoke_report(content).returncode == 0
    edited = report.read_text(encoding="utf-8") + "\n编辑补写的段落。\n"
    report.write_text(edited, encoding="utf-8")

    result = invoke_report(content)
    assert result.returncode != 0
    assert f"{report} exists; --force overwrites it." in result.stderr
    assert report.read_text(encoding="utf-8") == edited

    assert invoke_report(content, "--force").returncode == 0
    regenerated = report.read_text(encoding="utf-8")
    assert "编辑补写的段落" not in regenerated
    index_no = [line for line in edited.splitlines() if line.startswith("Index_no: ")]
    assert index_no == [line for line in regenerated.splitlines() if line.startswith("Index_no: ")]
    assert sorted(path.name for path in report.parent.iterdir()) == ["2018-annual-report.md", "2019-annual-report.md"]


def test_a_bad_records_file_writes_nothing_and_names_the_row(content):
    records_file = content / "records" / "2019.toml"
    records_file.write_text(
        records_file.read_text(encoding="utf-8").replace(
            '"部分公开"                = [ 3, 1,', '"部分公开"                = [ 4, 1,'
        ),
        encoding="utf-8",
    )

    result = invoke_report(content)
    assert result.returncode != 0
    assert f"{records_file}: 表三.部分公开: 总计 is 4 but" in result.stderr
    assert "no report was written" in result.stderr
    assert sorted(path.name for path in (content / "annual-reports").iterdir()) == ["2018-annual-report.md"]


def test_the_report_goes_where_output_says(content, tmp_path):
    report = tmp_path / "drafts" / "report.md"
    assert invoke_report(content, "--output", str(report)).returncode == 0
    assert "## 六、其他需要报告的事项" in report.read_text(encoding="utf-8")
    assert not (content / "annual-reports" / "2019-annual-report.md").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    report = tmp_path / "2019-annual-report.md"
    report.write_text("the old draft\n", encoding="utf-8")

    def fail(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_report(report, "the new draft\n")
    assert report.read_text(encoding="utf-8") == "the old draft\n"
    assert list(tmp_path.iterdir()) == [report]
