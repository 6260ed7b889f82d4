"""invoke publish: a production build swapped in for the live folder only once it passed, then rsynced."""

import os
import re
import shutil
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from invoke import Config, Context
from sites import FIXTURE_CONTENT, FIXTURE_NOW, ROOT, fingerprint, site_state

import tasks
from portal.file_writing.folders import OUTPUT_MARKER, OUTPUT_MARKER_TEXT

#: publishconf.py for the tests: no speech synthesis, the fixture site's clock, no
#: target.  THEME is repeated because Pelican resolves a relative THEME against the
#: folder of the settings file, here a temporary one.
TEST_SETTINGS = f"""\
import runpy
globals().update((name, value) for name, value in runpy.run_path({str(ROOT / "publishconf.py")!r}).items()
                 if name.isupper())
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
    (live / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT, encoding="utf-8")
    return live


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
    assert sorted(os.listdir(published.live.parent)) == ["output", "output.cache", "output.lock", "publishtest.py"]


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
    leaking = [path for path in published.live.rglob("*") if path.is_file() and b"CANARY-draft" in path.read_bytes()]
    assert leaking == []


@pytest.mark.parametrize(
    "stopped_by, message", [("check", r"\d+ problems? found\.$"), ("build", r"The production build failed")]
)
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
    assert sorted(os.listdir(live.parent)) == ["output"] + ["output.lock"] * (stopped_by == "build")
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
    assert sorted(os.listdir(live.parent)) == ["output", "output.cache", "output.lock"]


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
def test_the_live_folder_is_uploaded_as_a_release_and_served_through_current(live, fake_monitor, tmp_path):
    server = tmp_path / "server"
    server.mkdir()

    publish(live, target=f"{server}/")

    assert fingerprint(server / "current") == fingerprint(live)
    assert os.readlink(server / "current").startswith("releases/")
    [first] = os.listdir(server / "releases")
    files = {
        path.relative_to(server / "current"): path.stat() for path in (server / "current").rglob("*") if path.is_file()
    }
    assert len(files) >= 100, "the fixture site's pages, twins, feeds, exports and theme"

    publish(live, target=f"{server}/")

    assert len(os.listdir(server / "releases")) == 2
    assert os.readlink(server / "current") != f"releases/{first}"
    for name, before in files.items():
        after = (server / "current" / name).stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), (
            f"{name}: an unchanged file is the same file on the server, not a new copy"
        )
    publish(live, target=f"{server}/")
    assert len(os.listdir(server / "releases")) == 2, "only the two newest releases are kept"
    assert first not in os.listdir(server / "releases")
    assert sorted(os.listdir(server)) == ["current", "releases"], "nothing temporary is left beside the release"


def test_a_folder_that_is_not_a_portal_output_is_never_replaced(tmp_path, fake_monitor, monkeypatch):
    monkeypatch.setattr(tasks, "PUBLISH_SETTINGS", write_settings(tmp_path))
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("not a portal", encoding="utf-8")

    with pytest.raises(SystemExit) as stop:
        publish(documents, sync=False)

    assert "不是本门户构建的输出" in stop.value.code and "Nothing was built" in stop.value.code
    assert fingerprint(documents) == {"letter.txt": fingerprint(documents)["letter.txt"]}
    assert fake_monitor.calls == []


#: Publishes the fixture site in a process of its own, with the test settings and no monitor.
PUBLISH_SCRIPT = """\
import tasks
from invoke import Config, Context
tasks.PUBLISH_SETTINGS = {settings!r}
tasks.monitor = lambda c, **options: None
tasks.publish(Context(Config(overrides={{"run": {{"in_stream": False}}}})), content={content!r}, output={live!r},
              now={now!r}, sync=False)
"""


def publish_process(settings, content, live):
    script = PUBLISH_SCRIPT.format(settings=settings, content=str(content), live=str(live), now=TODAY)
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_publish_killed_at_any_moment_leaves_a_whole_live_site(tmp_path):
    settings = write_settings(tmp_path)
    edited = tmp_path / "edited"
    shutil.copytree(FIXTURE_CONTENT, edited)
    item = edited / "regulations" / "parent-level-item.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n\n发布中途被终止的测试段落。\n", encoding="utf-8")
    live = tmp_path / "site" / "output"
    sites = {}
    for content in (edited, FIXTURE_CONTENT):
        started = time.monotonic()
        process = publish_process(settings, content, live)
        assert process.wait() == 0, process.stderr.read()
        duration = time.monotonic() - started
        sites[content] = site_state(live)
    assert sites[edited] != sites[FIXTURE_CONTENT]

    outcomes = []
    for step in range(10):
        content = edited if site_state(live) == sites[FIXTURE_CONTENT] else FIXTURE_CONTENT
        process = publish_process(settings, content, live)
        time.sleep(duration * (step + 0.5) / 10)
        os.killpg(process.pid, 9)
        process.wait()
        now_live = site_state(live)
        assert now_live in (sites[edited], sites[FIXTURE_CONTENT]), f"killed after {step}/10 of a publish"
        outcomes.append(now_live == sites[content])
    assert not all(outcomes), "some kills came before the swap"

    process = publish_process(settings, edited, live)
    assert process.wait() == 0, process.stderr.read()
    assert site_state(live) == sites[edited]
    assert sorted(os.listdir(live.parent)) == ["output", "output.cache", "output.lock"], (
        "the next publish removes what the killed ones left"
    )
