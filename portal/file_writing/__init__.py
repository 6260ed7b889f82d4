"""Writing files whole, and only when they change: what the build and the tasks write others read.

A shared library (not a Pelican plugin). ``write_atomically`` serves the audio
cache, the resized images, ``invoke new`` and ``invoke report``;
``write_if_changed`` and ``copy_if_changed`` every file of a build's output,
which they also note as an output of the running build (see
:func:`built_files`), so that the sweep of the ``stable_output`` plugin keeps it.
"""

import os

_built_files = set()


def write_atomically(
    path: str | os.PathLike[str], data: str | bytes, replace: bool = True, durable: bool = True
) -> None:
    """Write *data* (text as UTF-8, or bytes) to *path*: a failure leaves the old
    file, or none, as it was, and no reader ever sees half a file.

    Without *replace* an existing file is never touched: ``FileExistsError``.
    Without *durable* the data is not forced to disk first (a build's output,
    which the next build can make again).
    """
    folder, name = os.path.split(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    # Hidden and not Markdown: a temporary file left by a crash is never read as an item.
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            # A hard link is made whole, and refused if the name is taken, even by a race.
            os.link(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def holds(path: str | os.PathLike[str], data: bytes) -> bool:
    """True if the file at *path* holds exactly the bytes *data*."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as stream:
            return stream.read() == data
    except FileNotFoundError:
        return False


def write_if_changed(path: str | os.PathLike[str], data: str | bytes) -> bool:
    """Write *data* (text as UTF-8, or bytes) to *path* unless the file holds it already; True if written.

    An unchanged file keeps its timestamp, so rsync and browsers see it
    unchanged; a changed one is replaced whole.  Either way *path* is noted as
    an output of the running build.
    """
    data = data.encode("utf-8") if isinstance(data, str) else data
    note_built(path)
    if holds(path, data):
        return False
    write_atomically(path, data, durable=False)
    return True


def copy_if_changed(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> bool:
    """Copy the file *source* to *target*, with its timestamp, unless *target* holds its bytes already; True if copied.

    What is copied from a cache keeps the cache's timestamp, so even a build
    into an empty folder gives an unchanged file its old timestamp.
    """
    with open(source, "rb") as stream:
        if not write_if_changed(target, stream.read()):
            return False
    stamp = os.stat(source)
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    return True


def note_built(path: str | os.PathLike[str]) -> None:
    """Note *path* as a file the running build made (or found already made)."""
    _built_files.add(os.path.abspath(path))


def built_files() -> frozenset[str]:
    """The absolute paths noted since :func:`start_build`."""
    return frozenset(_built_files)


def start_build() -> None:
    _built_files.clear()
