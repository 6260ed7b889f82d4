"""The validation plugin: each problem of the content model is reported, all at once."""

import shutil
import time

import pytest
from pelican.settings import read_settings
from sites import FIXTURE_CONTENT, SETTINGS, build_site

from portal.content_check import validate_site

GOOD = {
    "Title": "一条合格的信息",
    "Date": "2019-05-06",
    "Category": "normative",
    "Index_no": "11990000MB1A0827X6/2019-00100",
    "Publisher": "测试局",
    "Disclosure": "主动公开",
}

GUIDE_BODY = """## 设定依据

依据。

## 申请条件

条件。

## 申请材料

| 材料名称 | 份数 | 形式 | 来源 |
| --- | --- | --- | --- |
| 申请书 | 1 | 原件 | 自备 |

## 办理流程

1. 受理
2. 决定

## 办理地点和时间

地点。

## 咨询与投诉

电话。
"""


@pytest.fixture
def content(tmp_path):
    """An empty content folder with the fixture catalog and the two pages."""
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(FIXTURE_CONTENT / "catalog.toml", folder)
    shutil.copytree(FIXTURE_CONTENT / "pages", folder / "pages")
    (folder / "attachments").mkdir()
    return folder


def write_item(folder, name, body="正文。", drop=(), **values):
    metadata = {**GOOD, **values}
    header = "\n".join(f"{key}: {value}" for key, value in metadata.items() if key not in drop)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n\n{body}\n", encoding="utf-8")
    return path


def problems_of(folder):
    settings = read_settings(str(SETTINGS), override={"PATH": str(folder)})
    return [str(problem) for problem in validate_site(settings)]


def only_problem(folder):
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_valid_item_has_no_problem(content):
    write_item(content, "good.md")
    assert problems_of(content) == []


def test_the_fixture_site_is_valid():
    settings = read_settings(str(SETTINGS), override={"PATH": str(FIXTURE_CONTENT)})
    assert validate_site(settings) == []


@pytest.mark.parametrize("key", ["Title", "Date", "Category", "Index_no", "Publisher", "Disclosure"])
def test_a_missing_required_key_is_named(content, key):
    path = write_item(content, "item.md", drop=(key,))
    problem = only_problem(content)
    assert problem.startswith(f"{path}: {key}: missing (")


def test_duplicate_index_numbers_name_both_files(content):
    first = write_item(content, "a.md")
    second = write_item(content, "b.md")
    problems = problems_of(content)
    assert len(problems) == 2
    assert problems[0].startswith(f"{first}: Index_no: '{GOOD['Index_no']}' is also used by {second}")
    assert problems[1].startswith(f"{second}: Index_no:")
    assert problems[1].endswith("(unique across the site)")


def test_an_unknown_category_lists_the_catalog_ids(content):
    path = write_item(content, "item.md", Category="no-such-node")
    problem = only_problem(content)
    assert problem.startswith(f"{path}: Category: 'no-such-node' is not a node of the disclosure catalog (one of ")
    assert "service-guides" in problem


@pytest.mark.parametrize("date", ["2019-13-01", "2019/05/06", "2019-02-30", "五月六日", "2019-05-06 25:00"])
def test_a_bad_date_is_reported(content, date):
    path = write_item(content, "item.md", Date=date)
    assert only_problem(content) == (f"{path}: Date: '{date}' is not a valid date (YYYY-MM-DD or YYYY-MM-DD HH:MM)")


def test_written_after_date_is_reported(content):
    path = write_item(content, "item.md", Written="2019-05-07")
    assert only_problem(content) == (
        f"{path}: Written: 2019-05-07 is after the publication Date 2019-05-06 (a Written date on or before Date)"
    )


def test_a_summary_over_100_characters_is_reported(content):
    write_item(content, "ok.md", Summary="概" * 100)
    path = write_item(content, "long.md", Summary="概" * 101, Index_no="11990000MB1A0827X6/2019-00101")
    assert only_problem(content) == f"{path}: Summary: 101 characters long (at most 100 characters)"


@pytest.mark.parametrize("section", ["设定依据", "申请条件", "申请材料", "办理流程", "办理地点和时间", "咨询与投诉"])
def test_a_service_guide_missing_a_section_names_it(content, section):
    body = GUIDE_BODY.replace(f"## {section}\n", "## 其他说明\n")
    path = write_item(content, "guide.md", body=body, Category="service-guides")
    problems = problems_of(content)
    assert f"{path}: service guide section '## {section}' is missing" in "\n".join(problems)


def test_a_complete_service_guide_passes(content):
    write_item(content, "guide.md", body=GUIDE_BODY, Category="service-guides")
    assert problems_of(content) == []


def test_a_guide_materials_table_and_steps_are_checked(content):
    body = GUIDE_BODY.replace("| 材料名称 | 份数 | 形式 | 来源 |", "| 名称 | 数量 | 形式 | 来源 |")
    body = body.replace("1. 受理\n2. 决定", "- 受理\n- 决定")
    write_item(content, "guide.md", body=body, Category="service-guides")
    problems = "\n".join(problems_of(content))
    assert "section '## 申请材料' has no materials table" in problems
    assert "section '## 办理流程' has no numbered steps" in problems


def test_a_guide_step_with_a_malformed_note_is_reported(content):
    body = GUIDE_BODY.replace("1. 受理\n2. 决定", "1. 受理（承办：窗口）\n2. 决定（承办:局领导）")
    path = write_item(content, "guide.md", body=body, Category="service-guides")
    problem = only_problem(content)
    assert problem.startswith(f"{path}: ## 办理流程, step 2: ") and "half-width ':'" in problem


@pytest.mark.parametrize(
    "number, expected",
    [
        ("11990000MB1A0827X6/2019-042", "is malformed"),
        ("2019-00042", "is malformed"),
        ("11990000MB1A0827X6/2018-00042", "year 2018 does not match the Date year 2019"),
    ],
)
def test_a_malformed_index_number_is_reported(content, number, expected):
    path = write_item(content, "item.md", Index_no=number)
    assert only_problem(content).startswith(
        f"{path}: Index_no: '{number}' {expected}" if "malformed" in expected else f"{path}: Index_no: {expected}"
    )


def test_the_index_year_follows_written_when_given(content):
    write_item(content, "item.md", Written="2018-12-28", Index_no="11990000MB1A0827X6/2018-00100")
    assert problems_of(content) == []


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("Disclosure", "公开", "'公开' is unknown"),
        ("Validity", "有效期内", "'有效期内' is unknown"),
        ("Genre", "通知书", "'通知书' is not an official document type"),
        ("Stat_kind", "罚款", "'罚款' is unknown"),
        ("Stat_count", "十二", "'十二' is not a number"),
        ("Lang", "fr", "'fr' is not a supported language"),
        ("Status", "archived", "'archived' is unknown"),
        ("Interprets", "11990000MB1A0827X6/2019-99999", "is not the Index_no of any item"),
        ("Attachments", "missing.pdf", "'missing.pdf' does not exist"),
        ("Summery", "拼错的键", "is not a key of the content model"),
        ("Effective", "2019-5-1", "'2019-5-1' is not a valid date"),
    ],
)
def test_bad_values_are_reported(content, key, value, expected):
    path = write_item(content, "item.md", **{key: value})
    problem = only_problem(content)
    assert problem.startswith(f"{path}: {key}: ") and expected in problem, problem


def test_a_withheld_item_needs_its_legal_ground(content):
    path = write_item(content, "item.md", Disclosure="withheld")
    assert only_problem(content).startswith(f"{path}: Withhold_basis: missing for a 不予公开 item")


def test_a_repealed_item_needs_its_date(content):
    path = write_item(content, "item.md", Validity="废止")
    assert only_problem(content).startswith(f"{path}: Repealed: missing for a repealed (废止) item")


def test_body_headings_must_not_skip_levels(content):
    path = write_item(content, "item.md", body="# 大标题\n\n## 一\n\n#### 跳级\n")
    problems = problems_of(content)
    assert problems == [
        f"{path}: body heading '大标题' is a level-1 heading (the title is the page's only h1; "
        "body headings start at ##)",
        f"{path}: body heading '跳级' skips from level 2 to 4 (headings go down one level at a time)",
    ]


def test_a_broken_catalog_file_is_reported(content):
    (content / "catalog.toml").write_text('[[node]]\nid = "Bad Id"\nname = "坏"\n', encoding="utf-8")
    problems = problems_of(content)
    assert problems == [
        f"{content / 'catalog.toml'}: node[0].id: 'Bad Id' is not a valid id "
        "(lower-case ASCII letters, digits and hyphens)"
    ]


@pytest.mark.parametrize("node_id", ["interaction", "open-data", "search"])
def test_a_catalog_node_may_not_take_a_url_segment_of_the_portal(content, node_id):
    (content / "catalog.toml").write_text(f'[[node]]\nid = "{node_id}"\nname = "占用"\n', encoding="utf-8")
    assert problems_of(content)[0].startswith(
        f"{content / 'catalog.toml'}: node[0].id: '{node_id}' is reserved by the portal ("
    )


MESSAGE = 'id = "m-1"\nsubject = "标题"\ntopic = "食品安全"\nreceived = 2019-03-04\n'


@pytest.mark.parametrize(
    "text, problem",
    [
        (
            f"[[message]]\n{MESSAGE}",
            "message 1 (m-1): question: missing (the message as published, without the writer's personal details)",
        ),
        (f"[[message]\n{MESSAGE}", "not valid TOML: "),
    ],
)
def test_a_malformed_messages_file_is_a_problem_of_the_check(content, text, problem):
    write_item(content, "good.md")
    (content / "messages.toml").write_text(text, encoding="utf-8")
    assert only_problem(content).startswith(f"{content / 'messages.toml'}: {problem}")


def test_the_build_reports_every_problem_at_once_and_fails(content, tmp_path):
    write_item(content, "a.md", Date="2019-02-30")
    write_item(content, "b.md", Category="nowhere", Index_no="11990000MB1A0827X6/2019-00102")
    write_item(content, "c.md", Summary="长" * 120, Index_no="11990000MB1A0827X6/2019-00103")
    result = build_site(content, tmp_path / "output")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "a.md: Date: '2019-02-30' is not a valid date" in log
    assert "b.md: Category: 'nowhere' is not a node" in log
    assert "c.md: Summary: 120 characters long" in log
    assert "Content check failed: 3 problems; nothing was published." in log
    assert not (tmp_path / "output").exists()


def test_a_failed_build_leaves_the_previous_output_intact(content, tmp_path):
    write_item(content, "a.md")
    output = tmp_path / "output"
    assert build_site(content, output).returncode == 0
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert output / "index.html" in before and len(before) >= 20
    write_item(content, "b.md", Date="not a date", Index_no="11990000MB1A0827X6/2019-00104")
    assert build_site(content, output).returncode != 0
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before


def test_invoke_check_runs_alone_in_seconds(content):
    import subprocess
    import sys

    from sites import ROOT

    write_item(content, "a.md", Date="2019-02-30")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "a.md: Date: '2019-02-30' is not a valid date" in result.stderr
    assert "1 problem found." in result.stderr
    assert time.monotonic() - started < 10


def test_two_items_that_would_make_the_same_page_are_reported(content):
    first = write_item(content, "one/same-name.md")
    second = write_item(content, "two/same-name.md", Index_no="11990000MB1A0827X6/2019-00105")
    assert problems_of(content) == [
        f"{first}: Slug: the page /normative/same-name/ is also made from {second} "
        "(a file name (or Slug) unique within its Category)",
        f"{second}: Slug: the page /normative/same-name/ is also made from {first} "
        "(a file name (or Slug) unique within its Category)",
    ]


def test_the_same_file_name_in_two_categories_is_fine(content):
    write_item(content, "one/same-name.md")
    write_item(content, "two/same-name.md", Index_no="11990000MB1A0827X6/2019-00105", Category="rules")
    assert problems_of(content) == []
