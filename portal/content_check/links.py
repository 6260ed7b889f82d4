"""Links from published items and pages, held to the publishing rule.

A link names a file of the content folder either in one of Pelican's forms
(``{filename}``, ``{static}``, ``{attach}``, ``{index}`` …, or the old
``|filename|``; resolved from the linking file's folder, or from ``PATH`` after
a leading ``/``), or as a plain path or URL in a Markdown link or image, a
reference definition or an HTML attribute.  A published item or page may not
link to an unpublished one, nor to an attachment that only unpublished items
list: Pelican would write its file name or URL, or copy the file, into the
output.  ``{static}`` and ``{attach}`` may not name a Markdown source at all
(Pelican would copy the source as it is) nor a file that does not exist (the
copy would fail), and Pelican's forms may not leave ``PATH``.
"""

import dataclasses
import html
import os
import posixpath
import re
from collections.abc import Collection, Iterable, Iterator
from urllib.parse import unquote, urljoin, urlsplit

from portal.content_model.sources import is_markdown

#: Pelican's link forms: {what}value or |what|value.
MARKER = r"[{|](?P<what>filename|static|attach|index|category|tag|author)[|}]"
#: A Pelican link; its value runs to the quote or ``<`` that opened it, or else to a space, quote, ``)`` or ``>``.
MARKED_RE = re.compile(
    r"""(?:(?P<quote>["'])|(?P<angle><))?"""
    + MARKER
    + r"""(?P<value>(?(quote)[^"'\n]*|(?(angle)[^>\n]*|[^\s"'<>)]*)))"""
)
#: The destination of a Markdown link or image, of a reference definition, or of an HTML URL attribute.
PLAIN_RE = re.compile(
    r"""
      \]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<inline>[^\s)]+))
    | ^\ {0,3}\[[^\]\n]+\]:\s*(?:<(?P<reference_angle>[^>\n]*)>|(?P<reference>\S+))
    | \b(?:href|src|poster|data|cite|formaction|action)\s*=\s*
      (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'>]+))
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: Pelican's forms that name a file by its path (the others name a tag, a category … or nothing).
PATH_FORMS = ("filename", "static", "attach")
#: The forms that make Pelican copy the file they name into the output.
COPY_FORMS = ("static", "attach")
UNPUBLISHED_EXPECTED = (
    "只链接已发布的条目、页面和它们的附件：未发布条目的任何内容，连同文件名和网址，都不能出现在网站上"
)


@dataclasses.dataclass(frozen=True)
class Document:
    """An item or page as links see it."""

    relative: str  # its path under PATH
    url: str  # the URL path of its page, e.g. /normative/policy-2019/
    published: bool
    attachments: tuple  # the paths under PATH of the files its Attachments key lists
    lines: tuple  # the lines of its text where a link may be


@dataclasses.dataclass(frozen=True)
class Link:
    text: str  # as written, e.g. {static}../withheld.md
    form: str  # filename, static … or "" for a plain path or URL
    path: str  # the path part of its value


def links(lines: Iterable[str]) -> Iterator[Link]:
    """Every link written in *lines*."""
    for line in lines:
        for match in MARKED_RE.finditer(line):
            yield Link(match[0].lstrip("\"'<"), match["what"], urlsplit(match["value"]).path)
        for match in PLAIN_RE.finditer(line):
            target = next(value for value in match.groupdict().values() if value is not None)
            parts = urlsplit(target)
            if not (re.search(MARKER, target) or parts.scheme or parts.netloc or not parts.path):
                yield Link(target, "", parts.path)


def spellings(path: str) -> dict[str, None]:
    """A path as written, percent-decoded and HTML-unescaped: Pelican tries each."""
    return dict.fromkeys([path, unquote(path), html.unescape(path)])


def source_path(path: str, document: Document) -> str | None:
    """The path under PATH that *path*, written in *document*, names as Pelican resolves it; None outside PATH."""
    if path.startswith("/"):
        joined = path[1:]
    else:
        joined = posixpath.join(posixpath.dirname(document.relative.replace(os.sep, "/")), path)
    normal = posixpath.normpath(joined)
    if normal == ".." or normal.startswith("../") or posixpath.isabs(normal):
        return None
    return normal.replace("/", os.sep)


class LinkRules:
    """What every published document may link to, given all items and pages."""

    def __init__(self, root: str, documents: Collection[Document]) -> None:
        self.root = root
        self.sources = {document.relative for document in documents}
        self.unpublished = {document.relative: document for document in documents if not document.published}
        self.unpublished_urls = {document.url: document for document in self.unpublished.values()}
        published_attachments = {path for document in documents if document.published for path in document.attachments}
        self.private_attachments = {
            path: document
            for document in self.unpublished.values()
            for path in document.attachments
            if path not in published_attachments
        }

    def problems(self, document: Document) -> Iterator[tuple[str, str]]:
        """``(what, expected)`` of each link of a published *document* that breaks a rule."""
        for link in dict.fromkeys(links(document.lines)):
            problem = self.judge(link, document)
            if problem:
                yield problem

    def judge(self, link: Link, document: Document) -> tuple[str, str] | None:
        for path in spellings(link.path):
            target = source_path(path, document)
            if target is None and link.form in PATH_FORMS:
                return f"链接 '{link.text}' 指向内容文件夹以外", "内容文件夹里的文件"
            for named in [target, *([] if link.form else self.url_targets(path, document))]:
                if named in self.unpublished:
                    return f"链接 '{link.text}' 指向未发布的 {named}", UNPUBLISHED_EXPECTED
                if named in self.private_attachments:
                    owner = self.private_attachments[named].relative
                    return f"链接 '{link.text}' 指向未发布条目 {owner} 的附件 {named}", UNPUBLISHED_EXPECTED
            if link.form in COPY_FORMS and target and (target in self.sources or is_markdown(target)):
                return (
                    f"链接 '{link.text}' 会把 Markdown 源文件 {target} 原样复制到网站",
                    "链接条目或页面用 {filename}，例如 [标题]({filename}/regulations/notice.md)",
                )
        if link.form in COPY_FORMS:
            # The file Pelican's static generator copies: the path with only %20 decoded.
            copied = source_path(link.path.replace("%20", " "), document)
            if copied and not os.path.isfile(os.path.join(self.root, copied)):
                return (
                    f"链接 '{link.text}' 要复制的文件 {copied} 不存在",
                    "内容文件夹里的一个文件，例如 /images/chart.png",
                )
        return None

    def url_targets(self, path: str, document: Document) -> list[str | None]:
        """The files under PATH a plain *path* on *document*'s page leads to as a URL: an
        item's or page's page, or a static file (whose URL is its path)."""
        url = urljoin(document.url, path).removesuffix("index.html")
        urls = {url, url if url.endswith("/") else url + "/"}
        return [source_path(url, document) for url in urls] + [
            self.unpublished_urls[url].relative for url in urls if url in self.unpublished_urls
        ]
