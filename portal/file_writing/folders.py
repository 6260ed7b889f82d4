"""Replacing a whole output folder at once, and one writer of it at a time.

A shared library (not a Pelican plugin), used by the ``stable_output`` plugin
(every build is made in a staging folder and swapped in) and by ``invoke
publish``.  Readers of the live folder (a web server, rsync, a preview) see
either the old portal or the new one, whole, whatever happens in between: the
swap is one ``renameat2(RENAME_EXCHANGE)`` system call, which Linux applies
atomically.  A process killed at any instant leaves the live folder complete;
what it leaves beside it (a staging folder) is removed by the next writer.
"""

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator

#: The file every portal output holds at its top: a folder without it that is
#: not empty is never emptied or replaced by a build.
OUTPUT_MARKER = ".portal-output"
OUTPUT_MARKER_TEXT = (
    "This folder is the output of the portal's build (plugins/stable_output). Builds replace it whole.\n"
)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputFolderError(Exception):
    """A folder that a build must not use as its output."""


def exchange_folders(first: str, second: str) -> None:
    """Swap the two existing folders *first* and *second* in one atomic step.

    Raises ``OSError`` (``EINVAL`` or ``ENOSYS``) where the kernel or the file
    system cannot exchange names; nothing is changed then.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        raise OSError(errno.ENOSYS, "renameat2 is not available", first)
    if libc.renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), first)


def replace_folder(staging: str, live: str) -> None:
    """Put the folder *staging* in the place of *live* (which need not exist), and remove the old one.

    The live folder is never missing and never a mix of the two: a first
    publish is one rename, a later one one exchange.
    """
    if not os.path.exists(live):
        os.rename(staging, live)
        return
    try:
        exchange_folders(staging, live)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOSYS):
            raise
        replace_by_two_renames(staging, live)
        return
    shutil.rmtree(staging)


def replace_by_two_renames(staging: str, live: str) -> None:
    """Where folders cannot be exchanged: *live* is missing for the moment between two renames."""
    old = f"{live}.old"
    shutil.rmtree(old, ignore_errors=True)
    os.rename(live, old)
    try:
        os.rename(staging, live)
    except OSError:
        os.rename(old, live)
        raise
    shutil.rmtree(old)


def linked_copy(source: str, target: str) -> None:
    """Make *target* a copy of the folder *source* whose files are hard links to *source*'s, and
    whose folders have *source*'s folders' times.

    Cheap (no file is read) and safe for a staging build as long as every
    writer replaces a file by renaming a new one over it (``file_writing``),
    never by writing into it: the live file keeps its bytes.
    """
    for folder, subfolders, names in os.walk(source):
        copy = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(copy, exist_ok=True)
        for name in names:
            original = os.path.join(folder, name)
            if os.path.islink(original):
                os.symlink(os.readlink(original), os.path.join(copy, name))
            else:
                os.link(original, os.path.join(copy, name))
        subfolders[:] = [name for name in subfolders if not os.path.islink(os.path.join(folder, name))]
    # Folders keep their times too: a build that adds nothing to a folder leaves it as it was.
    for folder, _, _ in os.walk(source, topdown=False):
        stamp = os.stat(folder)
        os.utime(os.path.join(target, os.path.relpath(folder, source)), ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def check_output_folder(path: str) -> None:
    """Raise :class:`OutputFolderError` if *path* exists and is neither empty nor a portal output."""
    if not os.path.exists(path):
        return
    if not os.path.isdir(path) or os.path.islink(path):
        raise OutputFolderError(
            f"{path}：不是文件夹，不能作为输出目录（not a folder; refusing to use it as the output）"
        )
    if os.listdir(path) and not os.path.isfile(os.path.join(path, OUTPUT_MARKER)):
        raise OutputFolderError(
            f"{path}：文件夹不是空的，也不是本门户构建的输出（缺少 {OUTPUT_MARKER}），构建不会清空或替换它；"
            f"请指定一个空文件夹或原来的输出目录（not empty and not a portal output: refusing to replace it; "
            f"give an empty folder or the portal's own output folder）"
        )


def mark_output(path: str) -> None:
    """Write the marker that says *path* is a portal output."""
    from portal.file_writing import write_if_changed

    write_if_changed(os.path.join(path, OUTPUT_MARKER), OUTPUT_MARKER_TEXT)


@contextlib.contextmanager
def output_lock(path: str, announce: Callable[[str], object] | None = None) -> Iterator[None]:
    """Hold the lock of the output folder *path* (the file ``<path>.lock`` beside it) while the block runs.

    A second build or publish of the same folder waits until the first ends,
    saying so once through *announce* (default: a line on standard error).  The
    lock goes with the process that holds it, however it ends.
    """
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(f"{path}.lock", "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = (
                f"另一个构建或发布正在使用 {path}，等它结束后再继续……"
                f"（another build or publish is using {path}; waiting for it to finish）"
            )
            (announce or (lambda text: print(text, file=sys.stderr, flush=True)))(message)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield
