"""Static guard: no source text, and nothing from outside the content folder, is ever copied.

Adds: once Pelican's static generator knows the files it will copy (the
``STATIC_PATHS`` folders, the attachments of published items, and every file a
``{static}`` or ``{attach}`` link names), the build stops, before anything is
written, if one of them is a Markdown file (the text of an item or page, which
may be unpublished) or lies outside ``PATH`` once its symbolic links are
followed.  The content check refuses such files and links first; this guard
holds whatever link or plugin brings one in.

Adds too: a file of the ``STATIC_PATHS`` folders (the images) is copied only
when a published item or page shows or links it, so an image that only an
unpublished item shows never reaches the output, not even by its name.

Signals: ``static_generator_finalized`` (the items and pages are read, the
publishing rule has chosen them and their bodies are parsed (item_bodies);
nothing is copied yet).
"""

import logging
import os
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.plugins.item_bodies import published_items

from portal.content_model.problems import ContentValidationError, Problem
from portal.content_model.sources import is_inside, is_markdown

logger = logging.getLogger(__name__)


def copy_problem(settings, static):
    """What forbids copying the static file *static*: ``(what, expected)``, or None."""
    if not is_inside(settings, static.source_path):
        return (
            f"位于内容文件夹以外（{os.path.realpath(static.source_path)}），不能复制到网站",
            "内容文件夹里的文件本身，不用符号链接或 '..'",
        )
    if is_markdown(static.source_path) or is_markdown(os.path.realpath(static.source_path)):
        return ("是 Markdown 源文件，不能原样复制到网站", "链接条目或页面用 {filename}；附件和图片不用 Markdown 文件")
    return None


def linked_paths(context):
    """The URL paths (without query or fragment) that the published bodies link or show (``item.body.links``,
    Pelican's {static} placeholders included)."""
    return {unquote(urlsplit(address).path) for item in published_items(context) for address in item.body.links}


def shown(static, paths):
    """True if one of *paths* names the static file *static* (relative, from the root or on SITEURL)."""
    return any(
        path.endswith(static.save_as) and (path == static.save_as or path[-len(static.save_as) - 1] in "/}|")
        for path in paths
    )


def drop_unshown_static_files(generator):
    """Keep, of the files found in STATIC_PATHS, those that a published body shows or links."""
    linked = set(generator.context["static_links"])
    paths = linked_paths(generator.context)
    kept = [
        static
        for static in generator.staticfiles
        if static.get_relative_source_path() in linked or shown(static, paths)
    ]
    for static in generator.staticfiles:
        if static not in kept:
            generator.context["static_content"].pop(static.get_relative_source_path(), None)
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = kept


def refuse_unsafe_copies(generator):
    problems = []
    for static in generator.staticfiles:
        problem = copy_problem(generator.settings, static)
        if problem:
            problems.append(Problem(static.source_path, "", *problem))
    for problem in problems:
        logger.error("%s", problem)
    if problems:
        raise ContentValidationError(problems)


def guard_static_files(generator):
    refuse_unsafe_copies(generator)
    drop_unshown_static_files(generator)


def register():
    signals.static_generator_finalized.connect(guard_static_files)
