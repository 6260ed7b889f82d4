"""Read an item's raw metadata header without converting any value.

Pelican converts values while reading (a malformed date aborts the file), so the
validator reads the header itself, with the regular expressions of
Python-Markdown's ``meta`` extension that Pelican's Markdown reader uses.
"""

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE


def split_header(text):
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


def read_item(path):
    """Return ``(metadata, body)`` of the Markdown file at *path*."""
    with open(path, encoding="utf-8-sig") as stream:
        return split_header(stream.read())
