"""What the content folder holds, checked before any key of an item is read.

Pelican reads as items and pages only the ``.md`` files (``READERS``) that are
not dot-files (``IGNORE_FILES``).  Every other file among them, every symbolic
link under ``PATH``, and every item or page that is not UTF-8 text, hides
control characters in its header or nests lists and quotes deeper than
Markdown can take is a problem here: nothing is silently left out of the
build, and nothing makes Pelican fail on it later.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from markdown.extensions.meta import META_RE
from pelican.readers import BaseReader

from portal.content_model.sources import all_entries, is_data_file, is_hidden, is_markdown, is_under

if TYPE_CHECKING:
    from pelican.settings import Settings

#: Every extension a Pelican reader knows: a dot-file with one of them looks like an item.
SOURCE_EXTENSIONS = frozenset(
    extension for reader in BaseReader.__subclasses__() for extension in reader.file_extensions
)
#: Invisible characters that reorder the text around them when it is shown.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Python-Markdown recurses once per nested list or quote; far below this it is unreadable anyway.
NESTING_LIMIT = 20
#: A block quote marker or a list marker, with the space after it.
CONTAINER_RE = re.compile(r"(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))[ ]?")
FENCE_RE = re.compile(r"^(```|~~~)")
LINK_EXPECTED = "把文件或文件夹本身放进内容文件夹：符号链接会把它指向的任何文件发布出去"


def file_problems(settings: Settings, sources: Collection[str]) -> Iterator[tuple[str, str, str]]:
    """``(relative path, what, expected)`` of every entry under ``PATH`` that is a symbolic
    link, or a file that is not one of the items and pages *sources* nor an attachment,
    an image or a data file of the portal."""
    for relative in all_entries(settings):
        full = os.path.join(settings["PATH"], relative)
        if os.path.islink(full):
            yield relative, f"是符号链接，指向 {os.readlink(full)}", LINK_EXPECTED
        elif os.path.isfile(full) and relative not in sources:
            problem = stray_file_problem(settings, relative)
            if problem:
                yield relative, *problem


def stray_file_problem(settings: Settings, relative: str) -> tuple[str, str] | None:
    """What is wrong with a file Pelican does not read as an item or page: ``(what, expected)`` or None."""
    extension = os.path.splitext(relative)[1].lower()
    if is_hidden(relative):
        if extension[1:] in SOURCE_EXTENSIONS:
            return "文件名或所在文件夹名以点开头，这个文件永远不会发布", "去掉开头的点，例如 notice.md"
        return None
    asset_folders = [settings["ATTACHMENTS_PATH"], *settings["STATIC_PATHS"]]
    if any(is_under(relative, folder) for folder in asset_folders):
        if is_markdown(relative):
            return (
                "Markdown 文件放在附件或图片文件夹里，会被原样复制到网站，而不是作为条目发布",
                f"条目放在 {'、'.join(folder + '/' for folder in asset_folders)} 以外的文件夹",
            )
        return None
    if is_data_file(settings, relative):
        return None
    if is_markdown(relative):
        return f"扩展名为 {extension} 的文件不会被读取，这个条目不会发布", "条目和页面用 .md 扩展名"
    return (
        f"不是条目文件：{extension or '没有扩展名的'}文件不会发布",
        f"条目和页面是 .md 文件；附件放在 {settings['ATTACHMENTS_PATH']}/，"
        f"图片放在 {'、'.join(folder + '/' for folder in settings['STATIC_PATHS'])}",
    )


def unfenced_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a Markdown text outside fenced code blocks."""
    fenced = False
    for number, line in enumerate(text.split("\n"), 1):
        if FENCE_RE.match(line.strip()):
            fenced = not fenced
        elif not fenced:
            yield number, line


def text_problems(text: str) -> Iterator[tuple[str, str, str]]:
    """``(key, what, expected)`` of the header lines and the nesting of an item's or page's text."""
    yield from header_problems(text)
    yield from nesting_problems(text)


def header_lines(text: str) -> Iterator[str]:
    """The lines the header may take: up to the first blank one, control characters aside
    (Python-Markdown drops some of them, so a hidden one may join or start a key)."""
    for line in text.split("\n"):
        if not "".join(char for char in line if not is_control(char)).strip():
            return
        yield line


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char != "\t"


def header_problems(text: str) -> Iterator[tuple[str, str, str]]:
    """Hidden characters, and keys written twice (Pelican would keep one, or a list)."""
    keys = set()
    for number, line in enumerate(header_lines(text), 1):
        match = META_RE.match("".join(char for char in line if not is_control(char)))
        key = match["key"].lower() if match else ""
        if key in keys:
            yield key, f"第 {number} 行又写了一次这个键", "每个键只写一次；几个值写在一行，用逗号隔开"
        if key:
            keys.add(key)
        for char in dict.fromkeys(line):
            if is_control(char):
                yield (
                    key,
                    f"第 {number} 行含看不见的控制字符 U+{ord(char):04X}",
                    "删除这个字符（多由复制粘贴带入）：它会让这一行被读成另一个键或值",
                )
            elif char in BIDI_CONTROLS:
                yield (
                    key,
                    f"第 {number} 行含看不见的双向文本控制字符 U+{ord(char):04X}",
                    "删除这个字符：它会让文字显示的顺序与实际不同；从右到左的语言用 Lang 标明",
                )


def nesting_depth(line: str) -> int:
    """How many lists and quotes the line's block is nested in: its indentation
    (4 spaces a level, as Python-Markdown counts) plus the markers before its text."""
    depth = 0
    rest = line.expandtabs(4)
    while True:
        text = rest.lstrip(" ")
        depth += (len(rest) - len(text)) // 4
        marker = CONTAINER_RE.match(text)
        if not marker:
            return depth
        depth += 1
        rest = text[marker.end() :]


def nesting_problems(text: str) -> Iterator[tuple[str, str, str]]:
    for number, line in unfenced_lines(text):
        depth = nesting_depth(line)
        if depth > NESTING_LIMIT:
            yield (
                "",
                f"第 {number} 行的列表或引用嵌套了 {depth} 层，Markdown 无法转换",
                f"最多嵌套 {NESTING_LIMIT} 层",
            )
            return
