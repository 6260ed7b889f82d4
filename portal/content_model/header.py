"""Read an item's raw metadata header without converting any value.

Pelican converts values while reading (a malformed date aborts the file), so the
validator reads the header itself, with the regular expressions of
Python-Markdown's ``meta`` extension that Pelican's Markdown reader uses.  The
text is read as Pelican reads it (UTF-8, an optional BOM, universal newlines),
except that a file Pelican could not read as text raises :class:`SourceError`.
"""

import os

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Return ``(metadata, body)`` of a Markdown item.

    *metadata* maps lower-case keys to their raw string values (continuation
    lines joined with a space); *body* is the Markdown after the header.
    """
    lines = text.split("\n")
    metadata = {}
    key = None
    position = 0
    if lines and BEGIN_RE.match(lines[0]):
        position = 1
    while position < len(lines):
        line = lines[position]
        if line.strip() == "" or (position and END_RE.match(line)):
            if line.strip() != "":
                position += 1  # the closing --- of a YAML-style block
            break
        match = META_RE.match(line)
        if match:
            key = match.group("key").lower().strip()
            value = match.group("value").strip()
            metadata[key] = f"{metadata[key]} {value}" if key in metadata else value
        else:
            more = META_MORE_RE.match(line)
            if not (more and key):
                break
            metadata[key] = f"{metadata[key]} {more.group('value').strip()}".strip()
        position += 1
    return metadata, "\n".join(lines[position:])


class SourceError(ValueError):
    """A content file that is not UTF-8 text; ``what`` and ``expected`` say so to editors."""

    def __init__(self, what: str, expected: str) -> None:
        super().__init__(what)
        self.what = what
        self.expected = expected


def read_source(path: str | os.PathLike[str]) -> str:
    """The text of the Markdown file at *path*, as Pelican reads it; :class:`SourceError` if it is not text."""
    with open(path, "rb") as stream:
        data = stream.read()
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise SourceError(f"第 {line} 行含 NUL 字节，这不是文本文件", "用文本编辑器保存的 UTF-8 Markdown 文本")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"不是 UTF-8 编码的文本（第 {line} 行有无法解码的字节）",
            "用 UTF-8 编码另存这个文件（例如记事本“另存为”时编码选 UTF-8）",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_item(path: str | os.PathLike[str]) -> tuple[dict[str, str], str]:
    """Return ``(metadata, body)`` of the Markdown file at *path*; :class:`SourceError` if it is not text."""
    return split_header(read_source(path))
