"""invoke new: a new item that passes the check, with the next free index number."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import read_settings
from sites import ROOT, SAMPLE_CONTENT, SETTINGS

from portal.content_check import validate_site
from portal.content_check.validator import guide_sections
from portal.content_model import fields
from portal.content_model.guide_steps import markdown_steps, parse_step, step_problems
from portal.content_model.header import read_item
from portal.item_drafting import answers
from portal.item_drafting.placement import item_path, next_index_no

ALL_OPTIONS = (
    "--category",
    "normative",
    "--title",
    "关于开展质量月活动的通知",
    "--publisher",
    "示例自治区市场监督管理局",
    "--disclosure",
    "主动公开",
    "--date",
    "2019-08-20",
)


def settings_of(content):
    return read_settings(str(SETTINGS), override={"PATH": str(content)})


def invoke_new(content, *options):
    """``invoke new`` with no terminal to ask at (stdin is not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "new", "--content", str(content), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def written_file(result):
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("Wrote "))
    return Path(line.removeprefix("Wrote ").split(" (Status: draft")[0])


def markdown_files(content):
    return sorted(content.rglob("*.md"))


@pytest.fixture
def content(tmp_path):
    """A copy of the sample content."""
    return shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")


def test_new_items_pass_the_check_and_take_the_next_free_numbers(content):
    expected = next_index_no(settings_of(content), 2019)
    used = {read_item(path)[0].get("index_no") for path in markdown_files(content)}

    first = written_file(invoke_new(content, *ALL_OPTIONS))
    second = written_file(invoke_new(content, *ALL_OPTIONS))

    assert first.parent == second.parent == content / "regulations" / "normative"
    assert first.name == "2019-08-20-guan-yu-kai-zhan-zhi-liang-yue-huo-dong.md"
    assert second.name == "2019-08-20-guan-yu-kai-zhan-zhi-liang-yue-huo-dong-2.md"
    numbers = [read_item(path)[0]["index_no"] for path in (first, second)]
    assert numbers[0] == expected
    assert numbers[1] != numbers[0] and not used & set(numbers)
    assert validate_site(settings_of(content)) == []

    metadata, body = read_item(first)
    assert metadata == {
        "title": "关于开展质量月活动的通知",
        "date": "2019-08-20",
        "category": "normative",
        "index_no": expected,
        "publisher": "示例自治区市场监督管理局",
        "disclosure": "主动公开",
        "status": "draft",
    }
    assert "【待填写】" in body and "文号（Doc_no）" in body


def test_a_service_guide_gets_every_section_and_the_guide_keys(content):
    path = written_file(
        invoke_new(
            content,
            "--category",
            "service-guides",
            "--title",
            "测试许可办事指南",
            "--date",
            "2019-08-20",
            "--slug",
            "test-license",
        )
    )
    assert path == content / "licensing" / "service-guides" / "test-license.md"
    metadata, body = read_item(path)
    assert set(fields.GUIDE_KEYS) <= set(metadata)
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings == [f"## {name}" for name in fields.GUIDE_SECTIONS]
    assert "| 材料名称 | 份数 | 形式 | 来源 |" in body
    assert "\n1. 申请：" in body
    process = guide_sections(body)["办理流程"]
    steps = [parse_step(number, text) for number, text in markdown_steps(process)]
    assert len(steps) == 5 and all(step.office == "【待填写】" for step in steps)
    assert step_problems(process) == []
    assert validate_site(settings_of(content)) == []


def test_a_consultation_opens_on_its_date_for_30_days_with_the_mailbox(content):
    path = written_file(
        invoke_new(
            content,
            "--category",
            "consultations",
            "--date",
            "2019-08-20",
            "--title",
            "关于《测试办法（征求意见稿）》公开征求意见的公告",
        )
    )
    metadata, body = read_item(path)
    settings = settings_of(content)
    assert (metadata["opens"], metadata["closes"]) == ("2019-08-20", "2019-09-19")
    assert metadata["comment_email"] == settings["INTERACTION_MAILBOX"]
    assert "收到意见数（Comment_count）" in body and "在线提交意见网址（Comment_url）" in body
    assert validate_site(settings) == []
    check = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_only_a_consultation_lists_the_consultation_keys(content):
    path = written_file(invoke_new(content, *ALL_OPTIONS))
    body = read_item(path)[1]
    assert not [key for key in fields.CONSULTATION_KEYS if f"（{key.capitalize()}" in body]


def test_an_item_not_proactively_disclosed_takes_its_withholding_basis(content):
    path = written_file(
        invoke_new(
            content,
            "--category",
            "penalties",
            "--title",
            "内部研究稿",
            "--disclosure",
            "withheld",
            "--withhold-basis",
            "条例第十六条（过程性信息）",
        )
    )
    metadata, _ = read_item(path)
    assert (metadata["disclosure"], metadata["withhold_basis"]) == ("不予公开", "条例第十六条（过程性信息）")
    assert validate_site(settings_of(content)) == []


def test_a_missing_option_without_a_terminal_is_named_and_nothing_is_written(content):
    before = markdown_files(content)
    result = invoke_new(content, "--category", "normative")
    assert result.returncode != 0
    assert "--title not given, and there is no terminal to ask at" in result.stderr

    result = invoke_new(content, "--category", "penalties", "--title", "内部研究稿", "--disclosure", "不予公开")
    assert result.returncode != 0
    assert "--withhold-basis not given" in result.stderr
    assert markdown_files(content) == before


def test_an_unknown_category_is_refused_with_the_known_ids(content):
    result = invoke_new(content, "--category", "no-such-node", "--title", "标题")
    assert result.returncode != 0
    assert (
        "--category: 'no-such-node' is not a node of the catalog; the nodes are organization, regulations, "
        "rules, normative" in result.stderr
    )
    assert "annual-reports" in result.stderr


def test_a_taken_file_name_is_never_overwritten(content):
    existing = content / "penalties" / "2019-false-advertising-penalty.md"
    text = existing.read_text(encoding="utf-8")
    result = invoke_new(content, "--category", "penalties", "--title", "标题", "--slug", existing.stem)
    assert result.returncode != 0
    assert "--slug: '2019-false-advertising-penalty' is taken" in result.stderr
    assert existing.read_text(encoding="utf-8") == text


def test_a_node_without_items_gets_a_folder_in_its_parents(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SAMPLE_CONTENT / "catalog.toml", content)
    path = written_file(invoke_new(content, "--category", "inspection-results", "--title", "抽查结果"))
    assert path.parent == content / "inspections" / "inspection-results"
    assert validate_site(settings_of(content)) == []


def test_a_title_without_letters_or_digits_gets_a_numbered_file_name(content):
    settings = settings_of(content)
    options = dict.fromkeys(["publisher", "disclosure", "withhold_basis", "slug"])
    item = answers.gather(settings, {**options, "category": "plans", "title": "——", "date": "2019-08-20"})
    assert item_path(settings, item) == str(content / "plans" / "2019-08-20-1.md")
    (content / "plans" / "2019-08-20-1.md").write_text("", encoding="utf-8")
    assert item_path(settings, item) == str(content / "plans" / "2019-08-20-2.md")


def test_the_questions_ask_again_until_an_answer_is_valid(capsys):
    settings = settings_of(SAMPLE_CONTENT)
    replies = iter(
        ["no-such-node", "normative", "", "关于开展质量月活动的通知", "", "maybe", "withheld", "条例第十四条"]
    )
    prompts = []

    def ask(question, check, default=None):
        return answers.ask(question, check, default, read=lambda prompt: prompts.append(prompt) or next(replies))

    options = dict.fromkeys(["category", "title", "publisher", "disclosure", "withhold_basis", "date", "slug"])
    item = answers.gather(settings, {**options, "date": "2019-08-20"}, ask=ask)

    assert item.node.id == "normative"
    assert (item.title, item.publisher, item.disclosure, item.withhold_basis) == (
        "关于开展质量月活动的通知",
        settings["SITENAME"],
        "不予公开",
        "条例第十四条",
    )
    assert prompts[0] == "目录分类（Category，填写上列编号或名称）："
    assert prompts[4] == f"发布机构（Publisher）［直接回车：{settings['SITENAME']}］："
    printed = capsys.readouterr().out
    assert "    normative" in printed and "行政规范性文件" in printed
    assert "'no-such-node' is not a node of the catalog" in printed
    assert "  must not be empty" in printed
    assert "'maybe' is unknown" in printed
