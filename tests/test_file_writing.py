"""file_writing: a file is written whole or not at all, and rewritten only when its bytes change.

The folders a build is swapped into are tested in tests/test_output_folders.py.
"""

import errno
import multiprocessing
import os

import pytest

from portal import file_writing

OLD = "旧的内容：whole, never half\n" * 100
NEW = "新的内容\n" * 300
#: A timestamp no write of the test makes: 2001-09-09.
LONG_AGO = 1_000_000_000 * 10**9


@pytest.fixture(autouse=True)
def fresh_build():
    """Each test notes the files of a build of its own, and leaves no notes to the next."""
    file_writing.start_build()
    yield
    file_writing.start_build()


def written(path, text=OLD, stamp=LONG_AGO):
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    return path


def names_in(folder):
    return sorted(os.listdir(folder))


def test_text_is_written_as_utf8_and_bytes_as_they_are(tmp_path):
    file_writing.write_atomically(tmp_path / "text.html", "政府信息公开 ئۇيغۇرچە")
    file_writing.write_atomically(tmp_path / "data.bin", b"\x00\xff\xfe")
    assert (tmp_path / "text.html").read_bytes() == "政府信息公开 ئۇيغۇرچە".encode()
    assert (tmp_path / "data.bin").read_bytes() == b"\x00\xff\xfe"
    assert names_in(tmp_path) == ["data.bin", "text.html"]


def test_the_folders_of_a_new_file_are_made(tmp_path):
    file_writing.write_atomically(tmp_path / "a" / "b" / "index.html", "页")
    assert (tmp_path / "a" / "b" / "index.html").read_text(encoding="utf-8") == "页"


def test_a_file_is_replaced_by_a_new_one_so_a_reader_of_the_old_one_reads_it_whole(tmp_path):
    path = written(tmp_path / "index.html")
    old_inode = path.stat().st_ino
    with open(path, "rb") as reader:
        reader.read(10)
        file_writing.write_atomically(path, NEW)
        assert reader.read() == OLD.encode()[10:]
    assert path.read_text(encoding="utf-8") == NEW
    assert path.stat().st_ino != old_inode
    assert names_in(tmp_path) == ["index.html"]


def test_the_temporary_file_is_hidden_beside_the_file_and_not_markdown(tmp_path, monkeypatch):
    """Beside it, so that the rename stays on one file system; hidden and not .md, so that no build reads it."""
    seen = []
    replace = os.replace

    def replace_and_look(source, target):
        seen.append((os.path.dirname(os.path.abspath(source)), os.path.basename(source), names_in(tmp_path)))
        return replace(source, target)

    monkeypatch.setattr(os, "replace", replace_and_look)
    file_writing.write_atomically(tmp_path / "item.md", "Title: 草稿\n")
    [(folder, name, present)] = seen
    assert folder == str(tmp_path) and name in present
    assert name.startswith(".") and not name.endswith(".md")
    assert names_in(tmp_path) == ["item.md"]


def fail_to_encode(monkeypatch):
    return "半个文件" * 1000 + "\ud800"  # a lone surrogate: UTF-8 cannot encode it


def fail_to_sync(monkeypatch):
    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    return NEW


def fail_to_rename(monkeypatch):
    def refused(source, target):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    return NEW


FAILURES = [fail_to_encode, fail_to_sync, fail_to_rename]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failure_while_writing_leaves_the_old_file_as_it_was_and_no_temporary_file(tmp_path, monkeypatch, failure):
    path = written(tmp_path / "index.html")
    before = path.stat()
    data = failure(monkeypatch)
    with pytest.raises((OSError, UnicodeError)):
        file_writing.write_atomically(path, data)
    assert path.read_text(encoding="utf-8") == OLD
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert names_in(tmp_path) == ["index.html"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failure_while_writing_a_new_file_leaves_none(tmp_path, monkeypatch, failure):
    data = failure(monkeypatch)
    with pytest.raises((OSError, UnicodeError)):
        file_writing.write_atomically(tmp_path / "index.html", data)
    assert names_in(tmp_path) == []


def test_without_replace_an_existing_file_is_never_touched(tmp_path):
    path = written(tmp_path / "2019-00104.md")
    before = path.stat()
    with pytest.raises(FileExistsError):
        file_writing.write_atomically(path, NEW, replace=False)
    assert path.read_text(encoding="utf-8") == OLD
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert names_in(tmp_path) == ["2019-00104.md"]


def test_without_replace_a_new_file_is_written(tmp_path):
    file_writing.write_atomically(tmp_path / "2019-00104.md", NEW, replace=False)
    assert (tmp_path / "2019-00104.md").read_text(encoding="utf-8") == NEW
    assert names_in(tmp_path) == ["2019-00104.md"]


def write_in_a_race(path, data, barrier, outcomes):
    """In a process of its own: write *path* without replacing, once both racers are about to make it appear."""
    for name in ("link", "replace"):
        make_appear = getattr(os, name)

        def when_both_are_ready(*args, make_appear=make_appear, **kwargs):
            barrier.wait(timeout=20)
            return make_appear(*args, **kwargs)

        setattr(os, name, when_both_are_ready)
    try:
        file_writing.write_atomically(path, data, replace=False)
        outcomes.put((data, "written"))
    except FileExistsError:
        outcomes.put((data, "refused"))


def test_without_replace_two_processes_racing_for_one_name_never_both_write(tmp_path):
    """Both have written their data and checked whatever they check: only then may either make its file appear."""
    context = multiprocessing.get_context("fork")
    barrier, outcomes = context.Barrier(2), context.Queue()
    path = tmp_path / "2019-00104.md"
    racers = [context.Process(target=write_in_a_race, args=(path, data, barrier, outcomes)) for data in (OLD, NEW)]
    for racer in racers:
        racer.start()
    results = dict(outcomes.get(timeout=30) for _ in racers)
    for racer in racers:
        racer.join(timeout=30)
    assert sorted(results.values()) == ["refused", "written"]
    [winner] = [data for data, outcome in results.items() if outcome == "written"]
    assert path.read_text(encoding="utf-8") == winner
    assert names_in(tmp_path) == ["2019-00104.md"]


@pytest.mark.parametrize("durable, synced", [(True, 1), (False, 0)])
def test_only_a_durable_write_forces_the_data_to_disk_before_the_file_appears(tmp_path, monkeypatch, durable, synced):
    path = tmp_path / "index.html"
    syncs = []
    sync = os.fsync

    def sync_and_note(descriptor):
        syncs.append((os.fstat(descriptor).st_size, path.exists()))
        return sync(descriptor)

    monkeypatch.setattr(os, "fsync", sync_and_note)
    file_writing.write_atomically(path, NEW, durable=durable)
    assert syncs == [(len(NEW.encode()), False)] * synced
    assert path.read_text(encoding="utf-8") == NEW


def test_a_file_holds_exactly_its_bytes(tmp_path):
    path = tmp_path / "index.html"
    assert not file_writing.holds(path, b"")
    path.write_bytes(b"abc")
    assert file_writing.holds(path, b"abc")
    assert not file_writing.holds(path, b"abd"), "the same size, other bytes"
    assert not file_writing.holds(path, b"abcd") and not file_writing.holds(path, b"ab")


def test_unchanged_bytes_keep_the_file_and_its_timestamp_and_are_noted_as_built(tmp_path):
    path = written(tmp_path / "index.html")
    before = path.stat()
    assert file_writing.write_if_changed(path, OLD) is False
    assert file_writing.write_if_changed(path, OLD.encode()) is False
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, LONG_AGO)
    assert file_writing.built_files() == {str(path)}


def test_changed_bytes_replace_the_file_whole_and_are_noted_as_built(tmp_path):
    path = written(tmp_path / "index.html")
    old_inode = path.stat().st_ino
    with open(path, "rb") as reader:
        assert file_writing.write_if_changed(path, NEW) is True
        assert reader.read() == OLD.encode()
    assert path.read_text(encoding="utf-8") == NEW
    assert path.stat().st_ino != old_inode and path.stat().st_mtime_ns != LONG_AGO
    assert file_writing.built_files() == {str(path)}
    assert names_in(tmp_path) == ["index.html"]


def test_a_new_file_is_written_in_new_folders_and_noted_as_built(tmp_path):
    path = tmp_path / "text" / "catalog" / "index.html"
    assert file_writing.write_if_changed(path, b"") is True
    assert path.read_bytes() == b""
    assert file_writing.built_files() == {str(path)}


def test_a_copy_takes_the_bytes_and_the_timestamp_of_its_source(tmp_path):
    source = written(tmp_path / "cache-key", NEW, stamp=LONG_AGO + 123)
    target = tmp_path / "output" / "audio" / "notice.mp3"
    assert file_writing.copy_if_changed(source, target) is True
    assert target.read_text(encoding="utf-8") == NEW
    assert target.stat().st_mtime_ns == LONG_AGO + 123
    assert file_writing.built_files() == {str(target)}


def test_a_changed_copy_replaces_the_target_and_takes_the_sources_timestamp(tmp_path):
    source = written(tmp_path / "cache-key", NEW, stamp=LONG_AGO + 123)
    target = written(tmp_path / "index.html", OLD)
    assert file_writing.copy_if_changed(source, target) is True
    assert target.read_text(encoding="utf-8") == NEW and target.stat().st_mtime_ns == LONG_AGO + 123


def test_an_unchanged_copy_keeps_the_target_and_its_own_timestamp_and_is_noted_as_built(tmp_path):
    source = written(tmp_path / "cache-key", OLD, stamp=LONG_AGO + 123)
    target = written(tmp_path / "index.html", OLD)
    before = target.stat()
    assert file_writing.copy_if_changed(source, target) is False
    assert (target.stat().st_ino, target.stat().st_mtime_ns) == (before.st_ino, LONG_AGO)
    assert file_writing.built_files() == {str(target)}


def test_a_build_notes_absolute_paths_from_its_start_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    file_writing.note_built("before.html")
    file_writing.start_build()
    assert file_writing.built_files() == frozenset()
    file_writing.note_built("index.html")
    file_writing.note_built(tmp_path / "index.html")
    file_writing.note_built(os.path.join("text", "..", "feeds", "all.atom.xml"))
    noted = file_writing.built_files()
    assert noted == {str(tmp_path / "index.html"), str(tmp_path / "feeds" / "all.atom.xml")}
    file_writing.note_built("later.html")
    assert isinstance(noted, frozenset) and str(tmp_path / "later.html") not in noted
    assert str(tmp_path / "later.html") in file_writing.built_files()
