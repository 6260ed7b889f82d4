"""invoke publish: a production build swapped in for the live folder only once it passed, then rsynced."""

import errno
import hashlib
import os
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from invoke import Config, Context

from sites import FIXTURE_CONTENT, FIXTURE_NOW, ROOT

sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402

#: publishconf.py for the tests: no speech synthesis, the fixture site's clock, no
#: target.  THEME is repeated because Pelican resolves a relative THEME against the
#: folder of the settings file, here a temporary one.
TEST_SETTINGS = f"""\
import sys
sys.path.insert(0, {str(ROOT)!r})
from publishconf import *
THEME = {str(ROOT / "theme")!r}
AUDIO_ENABLED = False
DISCLOSURE_NOW = {FIXTURE_NOW!r}
PUBLISH_TARGET = ""
"""
TODAY = FIXTURE_NOW.split()[0]
#: An item of a catalog node that does not exist.
BROKEN_ITEM = """\
Title: 一条栏目不存在的信息
Date: 2019-05-06
Category: no-such-node
Index_no: 11990000MB1A0827X6/2019-09999
Publisher: 测试局
Disclosure: 主动公开

正文。
"""


class FakeMonitor:
    """Stands in for `invoke monitor`: records what it was given and saw, and vetoes if told to."""

    def __init__(self, veto=False):
        self.veto = veto
        self.calls = []

    def __call__(self, c, **options):
        built = os.path.isfile(os.path.join(options["output"], "index.html"))
        self.calls.append({**options, "built": built})
        if self.veto:
            sys.exit("单项否决: the fake monitor vetoes.")


def write_settings(folder):
    path = folder / "publishtest.py"
    path.write_text(TEST_SETTINGS, encoding="utf-8")
    return str(path)


def previous_output(live):
    """A live output folder as an earlier publish left it."""
    (live / "notices").mkdir(parents=True)
    (live / "index.html").write_text("<p>the previous portal</p>", encoding="utf-8")
    (live / "notices" / "index.html").write_text("<p>a notice</p>", encoding="utf-8")
    (live / "gone.txt").write_bytes(b"\x00only in the previous build\xff")
    return live


def fingerprint(folder):
    """Every file under *folder* with the SHA-256 of its bytes, and every subfolder."""
    found = {}
    for parent, folders, files in os.walk(folder):
        for name in folders:
            found[os.path.relpath(os.path.join(parent, name), folder) + "/"] = None
        for name in files:
            path = os.path.join(parent, name)
            found[os.path.relpath(path, folder)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return found


def publish(live, content=FIXTURE_CONTENT, **options):
    # in_stream: commands must not read stdin, which pytest captures.
    context = Context(Config(overrides={"run": {"in_stream": False}}))
    return tasks.publish(context, content=str(content), output=str(live), now=TODAY, **options)


@pytest.fixture
def fake_monitor(monkeypatch):
    monitor = FakeMonitor()
    monkeypatch.setattr(tasks, "monitor", monitor)
    return monitor


@pytest.fixture
def live(tmp_path, monkeypatch):
    """The live output folder of a previous publish, in a folder of its own; the test settings in force."""
    monkeypatch.setattr(tasks, "PUBLISH_SETTINGS", write_settings(tmp_path))
    return previous_output(tmp_path / "site" / "output")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture site published locally over a previous output, with a passing monitor."""
    folder = tmp_path_factory.mktemp("published")
    live = previous_output(folder / "output")
    monitor = FakeMonitor()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tasks, "PUBLISH_SETTINGS", write_settings(folder))
        patch.setattr(tasks, "monitor", monitor)
        publish(live, sync=False)
    return SimpleNamespace(live=live, monitor=monitor)


def test_the_new_build_replaces_the_live_folder(published):
    files = fingerprint(published.live)
    assert "gone.txt" not in files and "notices/" not in files
    assert "catalog.json" in files and "regulations/" in files
    # output.cache: the twins and search index of this build, for the next publish.
    assert sorted(os.listdir(published.live.parent)) == ["output", "output.cache", "publishtest.py"]


def test_the_monitor_checks_the_staging_build(published):
    [call] = published.monitor.calls
    assert call["built"]
    assert call["output"] == f"{published.live}.new-{os.getpid()}"
    assert call["now"] == TODAY
    assert call["report"] == f"{published.live}.monitor"


def test_the_build_has_the_production_settings(published):
    home = (published.live / "index.html").read_text(encoding="utf-8")
    assert 'href="https://scjg.example.gov.cn/catalog/"' in home
    assert (published.live / "feeds" / "all.atom.xml").is_file()


def test_drafts_produce_no_output(published):
    assert not (published.live / "drafts").exists()
    leaking = [path for path in published.live.rglob("*")
               if path.is_file() and b"CANARY-draft" in path.read_bytes()]
    assert leaking == []


@pytest.mark.parametrize("stopped_by, message", [("check", r"\d+ problems? found\.$"),
                                                 ("build", r"The production build failed")])
def test_invalid_content_leaves_the_live_folder_intact(stopped_by, message, live, fake_monitor, tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "regulations" / "broken.md").write_text(BROKEN_ITEM, encoding="utf-8")
    if stopped_by == "build":  # the build's own validation must stop it too
        monkeypatch.setattr(tasks, "check", lambda c, content: None)
    before = fingerprint(live)

    with pytest.raises(SystemExit) as stop:
        publish(live, content=content, sync=False)

    assert re.search(message, stop.value.code)
    assert fingerprint(live) == before
    assert sorted(os.listdir(live.parent)) == ["output"]
    assert fake_monitor.calls == []


def test_a_monitor_veto_leaves_the_live_folder_intact(live, monkeypatch, capsys):
    monitor = FakeMonitor(veto=True)
    monkeypatch.setattr(tasks, "monitor", monitor)
    before = fingerprint(live)

    with pytest.raises(SystemExit) as stop:
        publish(live, sync=False)

    assert "monitor stopped the publish" in stop.value.code and "unchanged" in stop.value.code
    assert "the fake monitor vetoes" in capsys.readouterr().err
    assert [call["built"] for call in monitor.calls] == [True]
    assert fingerprint(live) == before
    assert sorted(os.listdir(live.parent)) == ["output", "output.cache"]


def test_no_target_is_refused_before_anything_is_built(live, fake_monitor):
    before = fingerprint(live)

    with pytest.raises(SystemExit) as stop:
        publish(live)

    message = stop.value.code
    for hint in ("No publish target is set", "--target", "PUBLISH_TARGET", "--no-sync", "Nothing was built"):
        assert hint in message
    assert fingerprint(live) == before
    assert fake_monitor.calls == []


def test_a_missing_rsync_is_refused_with_how_to_install_it(live, fake_monitor, tmp_path, monkeypatch):
    monkeypatch.setattr(tasks.shutil, "which", lambda command: None)

    with pytest.raises(SystemExit) as stop:
        publish(live, target=str(tmp_path / "server"))

    assert "rsync is not installed" in stop.value.code and "apt-get install rsync" in stop.value.code
    assert fake_monitor.calls == []


@pytest.mark.skipif(not shutil.which("rsync"), reason="rsync is not installed")
def test_the_live_folder_is_rsynced_to_the_target(live, fake_monitor, tmp_path):
    server = tmp_path / "server"
    server.mkdir()
    (server / "stale.html").write_text("from an older publish", encoding="utf-8")

    publish(live, target=f"{server}/")

    assert fingerprint(server) == fingerprint(live)
    assert "catalog.json" in fingerprint(server)
    times = {path: path.stat().st_mtime_ns for path in server.rglob("*") if path.is_file()}
    publish(live, target=f"{server}/")
    assert {path: path.stat().st_mtime_ns for path in server.rglob("*") if path.is_file()} == times, \
        "a second publish of the same content touches no file on the server"


def test_swap_replaces_the_live_folder(tmp_path):
    live, staging = previous_output(tmp_path / "output"), tmp_path / "output.new-1"
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    (tmp_path / "output.old").mkdir()  # left by a publish killed between the renames

    tasks.swap_in(str(staging), str(live))

    assert fingerprint(live) == fingerprint(tmp_path / "output")
    assert (live / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == ["output"]


def test_swap_makes_the_first_live_folder(tmp_path):
    staging = tmp_path / "output.new-1"
    staging.mkdir()

    tasks.swap_in(str(staging), str(tmp_path / "output"))

    assert sorted(os.listdir(tmp_path)) == ["output"]


def test_a_failed_swap_puts_the_live_folder_back(tmp_path, monkeypatch):
    live, staging = previous_output(tmp_path / "output"), tmp_path / "output.new-1"
    staging.mkdir()
    before = fingerprint(live)
    rename = os.rename

    def rename_across_devices(source, destination):
        if source == str(staging):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        rename(source, destination)

    monkeypatch.setattr(os, "rename", rename_across_devices)
    with pytest.raises(OSError):
        tasks.swap_in(str(staging), str(live))

    assert fingerprint(live) == before
    assert sorted(os.listdir(tmp_path)) == ["output", "output.new-1"]
