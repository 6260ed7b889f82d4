"""The files of the content folder, found the way Pelican finds them.

Pelican reads as items and pages the files its generators' ``get_files``
returns.  The content check and the build's static guard call that very
method here, so they can never see another set of files than the build reads.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pelican.generators import Generator
from pelican.readers import MarkdownReader, Readers

if TYPE_CHECKING:
    from pelican.settings import Settings

#: Every extension Pelican's Markdown reader knows, enabled in READERS or not.
MARKDOWN_EXTENSIONS = frozenset(MarkdownReader.file_extensions)


class _FileFinder:
    """Just enough of a Pelican generator to run its own ``get_files``."""

    get_files = Generator.get_files
    _include_path = Generator._include_path

    def __init__(self, settings):
        self.settings = settings
        self.path = settings["PATH"]
        self.readers = Readers(settings)


def files_read(settings: Settings, paths: Iterable[str], exclude: list[str]) -> list[str]:
    """The files under *paths* that Pelican reads, relative to ``PATH``, sorted."""
    found = _FileFinder(settings).get_files(paths, exclude=exclude)
    return sorted(os.path.normpath(path) for path in found)


def item_files(settings: Settings) -> list[str]:
    """The files Pelican reads as items (articles), relative to ``PATH``."""
    return files_read(settings, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])


def page_files(settings: Settings) -> list[str]:
    """The files Pelican reads as standalone pages, relative to ``PATH``."""
    return files_read(settings, settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"])


def all_entries(settings: Settings) -> Iterator[str]:
    """Every file, folder and symbolic link under ``PATH``, relative to it; links are not followed."""
    root = settings["PATH"]
    for folder, subfolders, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        for name in sorted(subfolders + names):
            yield os.path.normpath(os.path.join(relative, name))


def is_markdown(path: str) -> bool:
    return os.path.splitext(path)[1][1:].lower() in MARKDOWN_EXTENSIONS


def is_hidden(relative: str) -> bool:
    """True for a dot-file or a file in a dot-folder, which Pelican never reads (``IGNORE_FILES``)."""
    return any(part.startswith(".") for part in relative.split(os.sep))


def is_under(relative: str, folder: str) -> bool:
    folder = os.path.normpath(folder)
    return relative == folder or relative.startswith(folder + os.sep)


def is_data_file(settings: Settings, relative: str) -> bool:
    """True for the data files the portal reads from ``PATH`` besides items: catalog, messages, records, holidays."""
    patterns = [settings.get(key) for key in ("CATALOG_FILE", "MESSAGES_FILE", "MONITOR_HOLIDAYS_FILE")]
    if settings.get("ANNUAL_REPORT_RECORDS"):
        patterns.append(settings["ANNUAL_REPORT_RECORDS"].format(year="*"))
    return any(fnmatch.fnmatch(relative, os.path.normpath(pattern)) for pattern in patterns if pattern)


def is_inside(settings: Settings, path: str) -> bool:
    """True if *path*, its symbolic links followed, lies inside ``PATH``."""
    root = os.path.realpath(settings["PATH"])
    return os.path.realpath(path).startswith(root + os.sep)


def is_linked(settings: Settings, relative: str) -> bool:
    """True if *relative* (under ``PATH``) is or passes through a symbolic link."""
    root = os.path.realpath(settings["PATH"])
    return os.path.realpath(os.path.join(root, relative)) != os.path.join(root, relative)
