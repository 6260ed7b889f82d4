"""Where a new item goes: its index number, its folder and its file name."""

from __future__ import annotations

import collections
import itertools
import os
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from unidecode import unidecode

from portal.content_check.validator import item_slug
from portal.content_model import fields
from portal.content_model.header import read_item
from portal.content_model.sources import item_files

from .answers import NewItem, Refused

if TYPE_CHECKING:
    from pelican.settings import Settings

    from portal.content_model.catalog import Node

#: A default file name keeps at most this many characters of the title (as pinyin).
TITLE_WORDS_MAX_CHARS = 40


def existing_items(settings: Settings) -> list[tuple[str, dict[str, str]]]:
    """``(path relative to PATH, raw metadata)`` of every item file."""
    return [(relative, read_item(os.path.join(settings["PATH"], relative))[0]) for relative in item_files(settings)]


def next_index_no(settings: Settings, year: int, replacing: str | os.PathLike[str] | None = None) -> str:
    """The organization's next free index number of *year*: one above the highest serial in use.

    The file at *replacing* (a draft regenerated with ``--force``) does not count,
    so a regenerated draft keeps its number.
    """
    organization = settings["ORG_CODE"]
    serials = [0]
    for relative, metadata in existing_items(settings):
        path = os.path.join(settings["PATH"], relative)
        if replacing and os.path.abspath(path) == os.path.abspath(replacing):
            continue
        match = fields.INDEX_NO_RE.match(metadata.get("index_no", ""))
        if match and match["org"] == organization and int(match["year"]) == year:
            serials.append(int(match["serial"]))
    return f"{organization}/{year}-{max(serials) + 1:05d}"


def node_folder(settings: Settings, node: Node, items: Collection[tuple[str, Mapping[str, str]]]) -> str:
    """The folder, relative to ``PATH``, that a new item of *node* goes in.

    The folder most of the node's items live in; without any, a folder named
    after the node in its parent's folder (in the first article path, for a
    top-level node).
    """
    folders = collections.Counter(
        os.path.dirname(relative) for relative, metadata in items if metadata.get("category", "").strip() == node.id
    )
    if folders:
        return folders.most_common(1)[0][0]
    parent = node_folder(settings, node.parent, items) if node.parent else settings["ARTICLE_PATHS"][0]
    return os.path.normpath(os.path.join(parent, node.id))


def title_words(title: str) -> str:
    """A few ASCII words of *title*, hyphenated; Han characters as pinyin, e.g. ``zhi-liang-yue``."""
    kept = ""
    for word in re.findall(r"[a-z0-9]+", unidecode(title).lower()):
        if len(kept) + 1 + len(word) > TITLE_WORDS_MAX_CHARS:
            break
        kept = f"{kept}-{word}" if kept else word
    return kept


def item_path(settings: Settings, item: NewItem) -> str:
    """The file of the new *item*, whose name and page URL no other item has.

    The default name is ``<date>-<words of the title>``, with ``-2``, ``-3`` …
    added while taken (``<date>-1`` … for a title without any); a ``--slug``
    that is taken is :class:`Refused`.
    """
    items = existing_items(settings)
    folder = os.path.join(settings["PATH"], node_folder(settings, item.node, items))
    slugs = {
        item_slug(relative, metadata, settings)
        for relative, metadata in items
        if metadata.get("category", "").strip() == item.node.id
    }

    def taken(slug):
        return slug in slugs or any(
            os.path.exists(os.path.join(folder, f"{slug}{extension}")) for extension in (".md", ".markdown")
        )

    if item.slug:
        if taken(item.slug):
            raise Refused(f"--slug: {item.slug!r} is taken in {folder} or by another item of {item.node.id}")
        return os.path.join(folder, f"{item.slug}.md")
    words = title_words(item.title)
    if words:
        stem = f"{item.date.isoformat()}-{words}"
        candidates = itertools.chain([stem], (f"{stem}-{number}" for number in itertools.count(2)))
    else:
        candidates = (f"{item.date.isoformat()}-{number}" for number in itertools.count(1))
    return os.path.join(folder, f"{next(slug for slug in candidates if not taken(slug))}.md")
