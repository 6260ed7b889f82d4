"""Writing a file whole or not at all: what the build and the tasks write others read.

A shared library (not a Pelican plugin) of the audio cache, the resized images,
``invoke new`` and ``invoke report``.
"""

import os


def write_atomically(path, data, replace=True):
    """Write *data* (text as UTF-8, or bytes) to *path*: a failure leaves the old
    file, or none, as it was, and no reader ever sees half a file.

    Without *replace* an existing file is never touched: ``FileExistsError``.
    """
    folder, name = os.path.split(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    # Hidden and not Markdown: a temporary file left by a crash is never read as an item.
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
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
