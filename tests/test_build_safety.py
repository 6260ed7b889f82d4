"""A build changes the output whole or not at all: failures are loud, kills and rivals harmless."""

import os
import shutil
import subprocess
import time

import pytest
from sites import (
    FIXTURE_CONTENT,
    FIXTURE_NOW,
    ROOT,
    build_environment,
    build_site,
    fingerprint,
    pelican_command,
    site_state,
)

#: A plugin that logs an error, as Pelican does when it cannot process a file, and lets the build go on.
ERROR_PLUGIN = """\
import logging
from pelican import signals

def log_an_error(generator):
    logging.getLogger("pelican.generators").error("Could not process %s", "regulations/x.md")

def register():
    signals.article_generator_finalized.connect(log_an_error)
"""


def edited_copy(folder):
    """The fixture content with an item edited, one withdrawn, an attachment and an image changed."""
    shutil.copytree(FIXTURE_CONTENT, folder)
    item = folder / "regulations" / "parent-level-item.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n\n构建安全测试新增的段落。\n", encoding="utf-8")
    (folder / "responses" / "en-notice.md").unlink()
    (folder / "attachments" / "published-attachment.csv").write_text("名称,数量\n改过的附件,2\n", encoding="utf-8")
    shutil.copyfile(folder / "images" / "sample-chart.png", folder / "images" / "quarterly-pass-rates.png")
    return folder


def build(content, output, **settings):
    return build_site(content, output, DISCLOSURE_NOW=FIXTURE_NOW, **settings)


def start_build(content, output):
    return subprocess.Popen(
        pelican_command(content, output, DISCLOSURE_NOW=FIXTURE_NOW),
        cwd=ROOT,
        env=build_environment(),
        start_new_session=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def output(tmp_path):
    """A live output folder holding a build of the fixture site."""
    folder = tmp_path / "output"
    result = build(FIXTURE_CONTENT, folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_a_build_that_logs_an_error_fails_and_changes_nothing(output, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "logs_an_error.py").write_text(ERROR_PLUGIN, encoding="utf-8")
    before = fingerprint(output)
    times = {path: path.stat().st_mtime_ns for path in output.rglob("*")}
    assert len(times) >= 100, "the fixture site's pages, twins, feeds, exports and theme"

    result = build(
        edited_copy(tmp_path / "edited"),
        output,
        PLUGIN_PATHS=[str(plugins)],
        PLUGINS=[*build_settings_plugins(), "logs_an_error"],
    )

    assert result.returncode != 0
    assert "构建失败：记录了 1 个错误" in result.stderr
    assert "  Could not process regulations/x.md" in result.stderr, "the failure names the file"
    assert fingerprint(output) == before
    assert {path: path.stat().st_mtime_ns for path in output.rglob("*")} == times
    assert sorted(os.listdir(tmp_path)) == ["edited", "output", "output-cache", "output.lock", "plugins"]


def build_settings_plugins():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def test_a_build_killed_at_any_moment_leaves_the_output_whole(output, tmp_path):
    edited = edited_copy(tmp_path / "edited")
    original = site_state(output)
    started = time.monotonic()
    assert build(edited, output).returncode == 0
    duration = time.monotonic() - started
    changed = site_state(output)
    assert build(FIXTURE_CONTENT, output).returncode == 0
    assert changed != original and site_state(output) == original

    outcomes = []
    for step in range(20):
        content = FIXTURE_CONTENT if site_state(output) == changed else edited
        process = start_build(content, output)
        time.sleep(duration * (step + 0.5) / 20)
        os.killpg(process.pid, 9)
        process.wait()
        state = site_state(output)
        assert state in (original, changed), f"killed after {step + 0.5}/20 of a build"
        outcomes.append(state == (original if content == FIXTURE_CONTENT else changed))
    assert not all(outcomes), "some kills came before the swap"

    assert build(edited, output).returncode == 0
    assert site_state(output) == changed
    assert sorted(os.listdir(tmp_path)) == ["edited", "output", "output-cache", "output.lock"], (
        "the next build removes what the killed ones left"
    )


def test_two_builds_of_one_output_run_one_after_the_other(output, tmp_path):
    edited = edited_copy(tmp_path / "edited")
    first = start_build(edited, output)
    while not os.path.exists(f"{output}.building"):
        time.sleep(0.01)
    second = start_build(FIXTURE_CONTENT, output)

    assert first.wait() == 0 and second.wait() == 0
    assert "另一个构建或发布正在使用" in second.stderr.read()
    alone = tmp_path / "alone"
    assert build(FIXTURE_CONTENT, alone).returncode == 0
    assert site_state(output) == site_state(alone), "the output is the whole site of the build that ended last"


def test_a_folder_that_is_not_a_portal_output_is_refused(tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("not a portal", encoding="utf-8")

    result = build(FIXTURE_CONTENT, documents)

    assert result.returncode != 0
    assert "不是本门户构建的输出" in result.stderr
    assert os.listdir(documents) == ["letter.txt"]


def test_an_empty_folder_may_be_the_output(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(FIXTURE_CONTENT, empty).returncode == 0
    assert (empty / "index.html").is_file() and (empty / ".portal-output").is_file()
