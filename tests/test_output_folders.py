"""file_writing.folders: an output folder is replaced whole, used by one writer at a time, never a stranger's."""

import errno
import os
import subprocess
import sys
import time

import pytest
from sites import fingerprint

from portal.file_writing import folders


def folder_with(path, **files):
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_replacing_swaps_the_new_folder_in_and_removes_the_old(tmp_path):
    live = folder_with(tmp_path / "output", **{"index.html": "old", "gone.html": "old"})
    staging = folder_with(tmp_path / "output.new", **{"index.html": "new"})
    inode = staging.stat().st_ino

    folders.replace_folder(str(staging), str(live))

    assert fingerprint(live) == fingerprint(tmp_path / "output") and live.stat().st_ino == inode
    assert (live / "index.html").read_text(encoding="utf-8") == "new" and not (live / "gone.html").exists()
    assert os.listdir(tmp_path) == ["output"]


def test_replacing_makes_the_first_live_folder(tmp_path):
    folders.replace_folder(str(folder_with(tmp_path / "output.new", a="1")), str(tmp_path / "output"))
    assert os.listdir(tmp_path) == ["output"] and (tmp_path / "output" / "a").is_file()


def test_where_folders_cannot_be_exchanged_two_renames_replace_them(tmp_path, monkeypatch):
    live = folder_with(tmp_path / "output", a="old")
    staging = folder_with(tmp_path / "output.new", a="new")

    def unsupported(first, second):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(folders, "exchange_folders", unsupported)
    folders.replace_folder(str(staging), str(live))

    assert (live / "a").read_text(encoding="utf-8") == "new" and os.listdir(tmp_path) == ["output"]


def test_another_failure_of_the_exchange_changes_nothing(tmp_path, monkeypatch):
    live = folder_with(tmp_path / "output", a="old")
    staging = folder_with(tmp_path / "output.new", a="new")

    def full(first, second):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(folders, "exchange_folders", full)
    with pytest.raises(OSError):
        folders.replace_folder(str(staging), str(live))
    assert (live / "a").read_text(encoding="utf-8") == "old" and (staging / "a").is_file()


def test_a_linked_copy_shares_the_files_until_one_is_replaced(tmp_path):
    live = folder_with(tmp_path / "output", a="old")
    (live / "sub").mkdir()
    (live / "sub" / "b").write_text("b", encoding="utf-8")

    folders.linked_copy(str(live), str(tmp_path / "copy"))

    assert fingerprint(tmp_path / "copy") == fingerprint(live)
    assert (tmp_path / "copy" / "sub" / "b").stat().st_ino == (live / "sub" / "b").stat().st_ino
    from portal.file_writing import write_if_changed

    write_if_changed(tmp_path / "copy" / "a", "new")
    assert (live / "a").read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    "state, refused", [("missing", False), ("empty", False), ("portal", False), ("stranger", True), ("file", True)]
)
def test_only_a_missing_or_empty_folder_or_a_portal_output_may_be_the_output(tmp_path, state, refused):
    path = tmp_path / "output"
    if state == "file":
        path.write_text("x", encoding="utf-8")
    elif state != "missing":
        path.mkdir()
    if state == "portal":
        (path / folders.OUTPUT_MARKER).write_text(folders.OUTPUT_MARKER_TEXT, encoding="utf-8")
        (path / "index.html").write_text("x", encoding="utf-8")
    if state == "stranger":
        (path / "thesis.docx").write_bytes(b"x")

    if refused:
        with pytest.raises(folders.OutputFolderError, match="output"):
            folders.check_output_folder(str(path))
    else:
        folders.check_output_folder(str(path))


LOCK_HOLDER = """\
import time
from portal.file_writing.folders import output_lock
with output_lock({path!r}):
    print("held", flush=True)
    time.sleep(1.0)
"""


def test_a_second_writer_waits_for_the_lock_and_says_so(tmp_path):
    path = str(tmp_path / "output")
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER.format(path=path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    said = []
    asked = time.monotonic()

    with folders.output_lock(path, announce=said.append):
        assert time.monotonic() - asked > 0.5, "the lock is taken only once the holder let it go"
    assert len(said) == 1 and "正在使用" in said[0]
    holder.wait()
