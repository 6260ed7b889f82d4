"""The writer that replaces a page only when it changes, and the notes of Pelican's static files."""

import os

from pelican.writers import Writer

from portal.file_writing import holds, note_built


class ReplaceIfChanged:
    """A file being written beside *target* that replaces it on close only if their bytes differ."""

    def __init__(self, stream, target):
        self.stream = stream
        self.target = target

    def write(self, text):
        return self.stream.write(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        self.stream.close()
        temporary = self.stream.name
        with open(temporary, "rb") as written:
            data = written.read()
        if kind is None and not holds(self.target, data):
            os.replace(temporary, self.target)
        else:
            os.remove(temporary)
        return False


class StableWriter(Writer):
    def _open_w(self, filename, encoding, override=False):
        # Pelican's own checks (a page written twice, override_output) see the
        # temporary name, which stands for exactly one target.
        folder, name = os.path.split(filename)
        stream = super()._open_w(os.path.join(folder, f".{name}.writing"), encoding, override)
        if stream.name == os.devnull:  # a page another kept with override_output
            return stream
        note_built(filename)
        return ReplaceIfChanged(stream, filename)
