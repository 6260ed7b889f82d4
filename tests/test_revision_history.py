"""更新记录: item pages list the commits that changed their file, from git."""

import os
import shutil
import subprocess

import pytest

from revision_history import UNSHOWN_SUBJECT
from revision_history.history import file_histories, read_log
from sites import FIXTURE_CONTENT, FIXTURE_NOW, built, read_page

POLICY = "normative/policy-2019/"  # regulations/normative/policy-2019.md
RULE = "rules/rule-2019/"  # regulations/rules/rule-2019.md
# Commit times; the second is late at night in UTC, the next day in Asia/Shanghai (TIMEZONE).
COMMITS = [
    ("2019-03-01T10:00:00+08:00", "导入测试站点", "2019-03-01"),
    ("2019-05-02T23:30:00+00:00", "更正通知的文号", "2019-05-03"),
    ("2019-06-10T09:00:00+08:00", "移到上级目录，编者注：<em>待审</em>", "2019-06-10"),
]


def git(repository, *arguments, date=None):
    """Run git in *repository*, apart from the user's configuration, at commit time *date*."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
           "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "editor@example.gov.cn"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repository), *arguments], env=env, check=True,
                          capture_output=True, text=True).stdout


def in_a_git_work_tree(folder):
    return subprocess.run(["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
                          capture_output=True, text=True).stdout.strip() == "true"


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository of the fixture site: imported, one item corrected, then moved up a folder."""
    repository = tmp_path_factory.mktemp("history")
    git(repository, "init", "--quiet")
    content = shutil.copytree(FIXTURE_CONTENT, repository / "content")
    imported, corrected, moved = COMMITS
    git(repository, "add", "content")
    git(repository, "commit", "--quiet", "-m", imported[1], date=imported[0])
    policy = content / "regulations" / "normative" / "policy-2019.md"
    policy.write_text(policy.read_text(encoding="utf-8").replace("测规〔2019〕1号", "测规〔2019〕2号"),
                      encoding="utf-8")
    git(repository, "commit", "--quiet", "-am", corrected[1], date=corrected[0])
    git(repository, "mv", "content/regulations/normative/policy-2019.md", "content/regulations/policy-2019.md")
    git(repository, "commit", "--quiet", "-m", moved[1], date=moved[0])
    return repository


@pytest.fixture(scope="module")
def history_site(repository, tmp_path_factory):
    return built(repository / "content", tmp_path_factory.mktemp("history-site") / "output",
                 DISCLOSURE_NOW=FIXTURE_NOW)


def revisions(page):
    section = page.find("section", class_="revisions")
    if section is None:
        return None
    assert section.find("h2").get_text() == "更新记录"
    return [(item.find("time")["datetime"], item.get_text().removeprefix(item.find("time").get_text() + "："))
            for item in section.find("ol").find_all("li")]


def test_an_item_lists_its_commits_newest_first_across_its_move(history_site):
    # The import also added the withheld canary items: its subject is not shown (see below).
    shown = [(day, subject) for _, subject, day in reversed(COMMITS[1:])] + [(COMMITS[0][2], UNSHOWN_SUBJECT)]
    assert revisions(read_page(history_site, POLICY)) == shown


def test_subjects_are_shown_as_written_and_escaped(history_site):
    listing = read_page(history_site, POLICY).find("section", class_="revisions")
    assert listing.find("em") is None
    assert "编者注：<em>待审</em>" in listing.get_text()


def test_a_commit_that_also_changed_an_unpublished_item_shows_its_date_but_not_its_subject(history_site):
    # The subject could name the withheld item; the publishing rule forbids that.
    assert revisions(read_page(history_site, RULE)) == [("2019-03-01", UNSHOWN_SUBJECT)]
    assert "导入测试站点" not in "".join(path.read_text(encoding="utf-8") for path in history_site.rglob("*.html"))


def test_a_content_folder_outside_git_has_no_revision_history(tmp_path):
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    if in_a_git_work_tree(content):
        pytest.skip(f"{tmp_path} is inside a git work tree")
    site = built(content, tmp_path / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    assert revisions(read_page(site, POLICY)) is None
    assert "更新记录" not in (site / RULE / "index.html").read_text(encoding="utf-8")


def test_a_shallow_clone_gives_no_history(repository, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repository}", str(clone))
    assert read_log(clone / "content") == ""
    history = file_histories(read_log(repository / "content"), "Asia/Shanghai")["regulations/rules/rule-2019.md"]
    assert [(date, subject) for date, subject, _ in history] == [("2019-03-01", "导入测试站点")]


def test_renames_are_followed_back_without_lending_an_older_files_commits():
    # Newest first: a.md becomes b.md while a new a.md is added; an older b.md, deleted before,
    # lends the b.md of now nothing.
    log = "".join([
        "\x1e1560000000\x1fswap\0\nR100\0a.md\0b.md\0A\0a.md\0",
        "\x1e1550000000\x1fedit a\0\nM\0a.md\0",
        "\x1e1540000000\x1fdrop the old b\0\nD\0b.md\0",
        "\x1e1530000000\x1fold b\0\nA\0b.md\0",
    ])
    histories = file_histories(log, "UTC")
    assert [subject for _, subject, _ in histories["b.md"]] == ["swap", "edit a"]
    assert [subject for _, subject, _ in histories["a.md"]] == ["swap"]
    assert histories["a.md"][0][2] == ("b.md", "a.md")
