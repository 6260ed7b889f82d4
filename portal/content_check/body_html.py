"""The check of a body's HTML: what the portal's sanitizer (plugin ``body_sanitizer``) would remove.

Only a body that may hold markup the sanitizer removes is rendered, so the
check stays quick: one with raw HTML, or a link, image or reference whose
address has a scheme other than http(s), mailto and tel, or names another
site's image.  Any other body renders to markup the sanitizer keeps whole.  The
build's sanitizing reader is the last word: it removes what this check may
have missed, and says so as a warning naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from markdown import Markdown

from portal.html_sanitizer import removed_markup

if TYPE_CHECKING:
    from pelican.settings import Settings

#: A Markdown body that may render to markup the sanitizer removes.
MAY_HOLD_REMOVED_MARKUP_RE = re.compile(
    r"<[A-Za-z!/?]"  # raw HTML, comments and autolinks
    r"|\]\(\s*<?\s*(?!(?:https?|mailto|tel):)[A-Za-z][A-Za-z0-9+.\-]*:"  # a link with another scheme
    r"|!\[[^\]]*\]\(\s*<?\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|//|\\)"  # an image with a scheme or a host
    r"|^\s{0,3}\[[^\]]+\]:\s*<?\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|//|\\)"  # a reference with a scheme or a host
    r"|\]\([^)]*&",  # an address with a character reference, which may hide a scheme
    re.MULTILINE,
)


def body_markdown(settings: Settings) -> Markdown:
    """Python-Markdown as Pelican's Markdown reader sets it up from ``MARKDOWN``."""
    config = dict(settings["MARKDOWN"])
    config["extensions"] = [
        *config.get("extensions", []),
        *(name for name in config.get("extension_configs", {}) if name not in config.get("extensions", [])),
    ]
    return Markdown(**config)


def body_html_problems(
    settings: Settings, sources: Mapping[str, tuple[Mapping[str, str], str]]
) -> Iterator[tuple[str, str, str]]:
    """``(path, what, expected)`` for each thing the sanitizer would remove from the bodies of *sources*
    (``{path: (metadata, body)}``)."""
    markdown = None
    for path, (_, body) in sources.items():
        if not MAY_HOLD_REMOVED_MARKUP_RE.search(body):
            continue
        markdown = markdown or body_markdown(settings)
        html = markdown.reset().convert(body)
        for what in removed_markup(html, settings.get("BODY_MEDIA_ORIGINS", ())):
            yield (
                path,
                what,
                (
                    "正文只能用 Markdown 和内容模型允许的 HTML（docs/CONTENT-MODEL.md，“Body HTML”）；"
                    "图片、音视频只能来自本网站"
                ),
            )
