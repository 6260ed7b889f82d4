"""更新记录: an item's first publication and the public notes (``Public-note:`` trailers) of the commits that changed it."""

import os
import re
import shutil
import subprocess

import pytest
from leak_scan import scan
from pelican.plugins.revision_history import FIRST_PUBLICATION
from pelican.plugins.revision_history.history import Log, file_histories, read_log
from sites import FIXTURE_CONTENT, FIXTURE_NOW, built, read_page

POLICY = "normative/policy-2019/"  # regulations/normative/policy-2019.md, Date 2019-03-15 10:30
RULE = "rules/rule-2019/"  # regulations/rules/rule-2019.md, Date 2019-01-20
WITHHELD_ITEM = """Title: 另一条不予公开的信息
Date: 2019-07-01
Category: responses
Index_no: 11990000MB1A0827X6/2019-{serial}
Publisher: 测试局
Disclosure: 不予公开
Withhold_basis: 条例第十四条

不予公开的正文。
"""
UNANSWERED_MESSAGE = '''[[message]]
id = "2019-900"
subject = "一条尚未答复的留言"
topic = "食品安全"
received = 2019-07-01
question = """
尚未答复的留言不公开。
"""
'''
#: What each commit that shows nothing public also changed, beside the rule's file: (name, path from the
#: top of the repository, its new text, or None to add a line).  Each commit's note names it.
NOT_PUBLIC = [
    ("withheld", "content/canaries/canary-withheld-file.md", None),
    ("markdown", "content/canaries/withheld-item.markdown", WITHHELD_ITEM.format(serial="09101")),
    ("mkd", "content/canaries/withheld-item.mkd", WITHHELD_ITEM.format(serial="09102")),
    ("messages", "content/messages.toml", UNANSWERED_MESSAGE),
    ("attachment", "content/attachments/canary-withheld-attachment.txt", None),
    ("outside", "editors-notes.txt", "不在内容文件夹里的文件。\n"),
]
HIDDEN_NOTES = [f"Qzx{name}noteqzx" for name, _, _ in NOT_PUBLIC]


def git(repository, *arguments, date=None):
    """Run git in *repository*, apart from the user's configuration, at commit time *date*."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.gov.cn",
    }
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(
        ["git", "-C", str(repository), *arguments], env=env, check=True, capture_output=True, text=True
    ).stdout


def commit(repository, date, subject, *notes):
    """Commit every change, with *subject* and a ``Public-note:`` trailer for each of *notes*."""
    trailers = "\n".join(f"Public-note: {note}" for note in notes)
    message = f"{subject}\n\n{trailers}" if notes else subject
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "-m", message, date=date)


def add_line(path, line):
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(f"\n{line}\n")


def in_a_git_work_tree(folder):
    return (
        subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True
        ).stdout.strip()
        == "true"
    )


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository of the fixture site, imported and then changed with and without public notes.

    Every subject holds a marker (Qzx…subjectqzx) that must never be shown.
    """
    repository = tmp_path_factory.mktemp("history")
    git(repository, "init", "--quiet")
    content = shutil.copytree(FIXTURE_CONTENT, repository / "content")
    policy = content / "regulations" / "normative" / "policy-2019.md"
    rule = content / "regulations" / "rules" / "rule-2019.md"
    commit(repository, "2019-03-01T10:00:00+08:00", "Qzximportsubjectqzx: import the site", "导入测试站点")
    add_line(policy, "发布前补充的一句。")
    commit(repository, "2019-03-10T10:00:00+08:00", "Qzxdraftsubjectqzx: before publication", "发布前的修改")
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("测规〔2019〕1号", "测规〔2019〕2号"), encoding="utf-8"
    )
    # Late at night in UTC, the next day in Asia/Shanghai (TIMEZONE).
    commit(repository, "2019-05-02T23:30:00+00:00", "Qzxcorrectsubjectqzx: fix the number", "更正通知的文号")
    add_line(policy, "一句不值得说明的改动。")
    commit(repository, "2019-05-10T10:00:00+08:00", "Qzxunnotedsubjectqzx: reword")
    git(repository, "mv", "content/regulations/normative/policy-2019.md", "content/regulations/policy-2019.md")
    commit(repository, "2019-06-10T09:00:00+08:00", "Qzxmovesubjectqzx: move up", "移到上级目录，编者注：<em>待审</em>")
    policy = content / "regulations" / "policy-2019.md"
    add_line(policy, "与目录和附件同时更新的一句。")
    add_line(content / "catalog.toml", "# 目录说明")
    add_line(content / "attachments" / "published-attachment.csv", "3,新增的一行")
    commit(repository, "2019-06-20T09:00:00+08:00", "Qzxpublicsubjectqzx: with public files", "同时更新目录和附件")
    add_line(rule, "两处更正。")
    commit(
        repository,
        "2019-06-25T09:00:00+08:00",
        "Qzxtwonotessubjectqzx: two notes",
        "第一处更正",
        "第二处更正，\n  写成两行",
    )
    for day, ((name, path, text), note) in enumerate(zip(NOT_PUBLIC, HIDDEN_NOTES), 1):
        add_line(rule, f"与{name}同时的改动。")
        if text is None:
            add_line(repository / path, f"改动 {name}")
        else:
            (repository / path).write_text(text, encoding="utf-8")
        commit(repository, f"2019-07-{day:02}T09:00:00+08:00", f"Qzx{name}subjectqzx: also {name}", f"更正 {note}")
    # Files of other extensions are not items: they go, and only their history stays.
    for name in ("withheld-item.markdown", "withheld-item.mkd"):
        (content / "canaries" / name).unlink()
    commit(repository, "2019-07-20T09:00:00+08:00", "Qzxcleanupsubjectqzx: remove the other extensions")
    return repository


@pytest.fixture(scope="module")
def history_site(repository, tmp_path_factory):
    return built(repository / "content", tmp_path_factory.mktemp("history-site") / "output", DISCLOSURE_NOW=FIXTURE_NOW)


def revisions(page):
    section = page.find("section", class_="revisions")
    if section is None:
        return None
    assert section.find("h2").get_text() == "更新记录"
    return [
        (item.find("time")["datetime"], item.get_text().removeprefix(item.find("time").get_text() + "："))
        for item in section.find("ol").find_all("li")
    ]


def test_an_item_lists_its_noted_changes_newest_first_across_its_move_then_its_first_publication(history_site):
    assert revisions(read_page(history_site, POLICY)) == [
        ("2019-06-20", "同时更新目录和附件"),
        ("2019-06-10", "移到上级目录，编者注：<em>待审</em>"),
        ("2019-05-03", "更正通知的文号"),
        ("2019-03-15", FIRST_PUBLICATION),
    ]


def test_notes_are_shown_as_written_and_escaped(history_site):
    listing = read_page(history_site, POLICY).find("section", class_="revisions")
    assert listing.find("em") is None


def test_each_note_of_a_commit_is_an_entry_and_a_folded_note_is_one_line(history_site):
    assert revisions(read_page(history_site, RULE)) == [
        ("2019-06-25", "第一处更正"),
        ("2019-06-25", "第二处更正， 写成两行"),
        ("2019-01-20", FIRST_PUBLICATION),
    ]


def test_a_change_without_a_note_or_before_the_first_publication_shows_nothing(history_site):
    dates = [date for date, _ in revisions(read_page(history_site, POLICY))]
    assert "2019-05-10" not in dates and "2019-03-10" not in dates and "2019-03-01" not in dates


def test_no_commit_subject_is_in_any_output_file(repository, history_site):
    subjects = git(repository, "log", "--format=%s").splitlines()
    markers = [subject.split(":")[0] for subject in subjects]
    assert len(markers) > 10 and all(re.fullmatch(r"Qzx\w+subjectqzx", marker) for marker in markers)
    assert scan(history_site, markers) == []


def test_a_note_beside_any_file_that_is_not_public_is_in_no_output_file(history_site):
    # A withheld item, files of other extensions, messages.toml, a withheld item's attachment, a file
    # outside the content folder: the note could name any of them.
    assert scan(history_site, HIDDEN_NOTES) == []


def test_a_shallow_clone_shows_the_first_publication_only(repository, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repository}", str(clone))
    assert read_log(clone / "content").text == ""
    site = built(clone / "content", tmp_path / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    assert revisions(read_page(site, POLICY)) == [("2019-03-15", FIRST_PUBLICATION)]


def test_a_content_folder_outside_git_shows_the_first_publication_only(tmp_path):
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    if in_a_git_work_tree(content):
        pytest.skip(f"{tmp_path} is inside a git work tree")
    site = built(content, tmp_path / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    assert revisions(read_page(site, POLICY)) == [("2019-03-15", FIRST_PUBLICATION)]


def test_renames_are_followed_back_without_lending_an_older_files_commits():
    # Newest first: a.md becomes b.md while a new a.md is added; an older b.md, deleted before,
    # lends the b.md of now nothing.  A file outside the folder is named None.
    log = Log(
        "".join(
            [
                "\x1e1111111\x1f1560000000\x1fswap\n\0\nR100\0content/a.md\0content/b.md\0A\0content/a.md\0M\0top.txt\0",
                "\x1e2222222\x1f1550000000\x1fedit a\n\0\nM\0content/a.md\0",
                "\x1e3333333\x1f1540000000\x1f\0\nD\0content/b.md\0",
                "\x1e4444444\x1f1530000000\x1fold b\nand more\n\0\nA\0content/b.md\0",
            ]
        ),
        prefix="content/",
    )
    histories = file_histories(log, "UTC")
    assert [commit.notes for commit in histories["b.md"]] == [("swap",), ("edit a",)]
    assert [commit.notes for commit in histories["a.md"]] == [("swap",)]
    assert histories["a.md"][0].files == ("b.md", "a.md", None)
    assert "top.txt" not in histories
