"""Body HTML on an allow-list: what a body may hold, the sanitizer, and what it would remove.

:func:`sanitize` keeps the markup Python-Markdown makes with the portal's
extensions (extra, toc, stacked tables) and drops everything else with nh3
(the Ammonia sanitizer): scripts, event handlers, styles, frames, objects,
forms, ``<meta>``, ``<base>``, ``<link>``, comments, links other than
http(s), mailto, tel and relative ones, and images, audio and video of other
sites than the portal and the origins given.  :func:`removed_markup` says, in
Chinese, what sanitizing would remove, for the content check and the build's
warnings.
"""

import functools
import html.parser
import re
from collections.abc import Collection, Iterable
from urllib.parse import SplitResult, urlsplit

import nh3

#: What bodies may hold: the elements Python-Markdown makes with the portal's
#: extensions (h1 is the page title's alone), and audio and video.
ALLOWED_ELEMENTS = frozenset(
    {
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "sup",
        "sub",
        "abbr",
        "del",
        "ins",
        "span",
        "div",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "img",
        "audio",
        "video",
        "source",
    }
)
#: Removed with all they hold: their content is code, or markup and text that
#: only mean something inside them.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "noembed",
        "noframes",
        "xmp",
        "textarea",
        "select",
        "title",
        "svg",
        "math",
    }
)
#: Attributes allowed on every allowed element.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title"})
#: Attributes allowed on one element besides those; data-label is the stacked tables' column header.
ELEMENT_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan", "data-label"},
    "audio": {"src", "controls"},
    "video": {"src", "controls", "width", "height"},
    "source": {"src", "type"},
}
#: What a link may point to, besides a URL relative to the portal.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: The elements that load what their src names, and what they load.
MEDIA_KINDS = {"img": "图片", "audio": "音频", "video": "视频", "source": "媒体文件"}
URL_ATTRIBUTES = frozenset({"href", "src"})
#: Pelican's placeholders at the start of a URL ({static}, {attach}, {filename}…, or |static|):
#: Pelican replaces them with a URL of the portal once the body is read.
PLACEHOLDER_RE = re.compile(r"[{|][^{}|]*[|}]")
#: What browsers remove from a URL before parsing it: C0 controls and spaces around it, tabs and newlines in it.
URL_SURROUNDINGS = "".join(map(chr, range(0x21)))
URL_TABS_AND_NEWLINES_RE = re.compile(r"[\t\n\r]")
#: The style Python-Markdown writes on a table cell of an aligned column.
COLUMN_ALIGNMENT_RE = re.compile(r"text-align:\s*(?:left|center|right);?")


def url_parts(url: str) -> SplitResult:
    """*url* split as a browser reads it: without the characters it ignores, a backslash being a slash."""
    return urlsplit(URL_TABS_AND_NEWLINES_RE.sub("", url.strip(URL_SURROUNDINGS)).replace("\\", "/"))


def without_placeholder(url: str) -> str:
    placeholder = PLACEHOLDER_RE.match(url)
    return url[placeholder.end() :] if placeholder else url


def is_portal_url(url: str) -> bool:
    """True for a URL relative to the page or to the portal's root: no scheme, no host."""
    parts = url_parts(without_placeholder(url))
    return not parts.scheme and not parts.netloc


def is_allowed_url(element: str, url: str, media_origins: Collection[str]) -> bool:
    """True if the *element*'s href or src *url* may stay in a body."""
    if element in MEDIA_KINDS:
        parts = url_parts(url)
        return is_portal_url(url) or f"{parts.scheme}://{parts.netloc.lower()}" in media_origins
    return url_parts(without_placeholder(url)).scheme in LINK_SCHEMES | {""}


def origins(media_origins: Iterable[str]) -> frozenset[str]:
    """The setting's origins as they are compared: lower case, no trailing slash."""
    return frozenset(origin.lower().rstrip("/") for origin in media_origins)


@functools.lru_cache(maxsize=8)
def cleaner(media_origins: frozenset[str]) -> nh3.Cleaner:
    def keep_allowed_url(element, attribute, value):
        if attribute in URL_ATTRIBUTES and not is_allowed_url(element, value, media_origins):
            return None
        return value

    attributes = {element: set(names) for element, names in ELEMENT_ATTRIBUTES.items()}
    return nh3.Cleaner(
        tags=set(ALLOWED_ELEMENTS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={"*": set(GLOBAL_ATTRIBUTES), **attributes},
        attribute_filter=keep_allowed_url,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(LINK_SCHEMES),
    )


def sanitize(body: str, media_origins: Iterable[str] = ()) -> str:
    """The HTML *body* with only what bodies may hold.

    *media_origins* (``BODY_MEDIA_ORIGINS``) are the origins, such as
    ``https://media.example.gov.cn``, whose images, audio and video a body
    may show besides the portal's own.  Markup that was allowed keeps its
    bytes, but for character references, which become the characters (a
    no-break space is written ``&nbsp;``).
    """
    return cleaner(origins(media_origins)).clean(body)


class RemovedMarkup(html.parser.HTMLParser):
    """Walks a body, noting what :func:`sanitize` removes from it."""

    #: Elements whose content an HTML parser reads as text, not markup.
    CDATA_CONTENT_ELEMENTS = (
        "script",
        "style",
        "iframe",
        "noscript",
        "noembed",
        "noframes",
        "xmp",
        "textarea",
        "title",
    )

    def __init__(self, media_origins: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.media_origins = media_origins
        self.removed = []

    def handle_starttag(self, element: str, attributes: list[tuple[str, str | None]]) -> None:
        if element not in ALLOWED_ELEMENTS:
            self.removed.append(f"删除了 <{element}> 元素")
            return
        for name, value in attributes:
            if element in ("th", "td") and name == "style" and COLUMN_ALIGNMENT_RE.fullmatch(value or ""):
                continue  # Markdown's own column alignment (:--:), which the policy would block anyway
            if name not in GLOBAL_ATTRIBUTES and name not in ELEMENT_ATTRIBUTES.get(element, ()):
                self.removed.append(f"删除了属性 {name}（<{element}>）")
            elif name in URL_ATTRIBUTES and not is_allowed_url(element, value or "", self.media_origins):
                self.removed.append(removed_url_message(element, name, value))


def shortened(url: str, length: int = 80) -> str:
    return url if len(url) <= length else url[: length - 1] + "…"


def removed_url_message(element: str, attribute: str, url: str) -> str:
    parts = url_parts(url)
    if element not in MEDIA_KINDS:
        return f"删除了不允许的链接 {shortened(url)}（<{element}> 的 {attribute}）"
    if parts.netloc or parts.scheme in ("http", "https"):
        return f"删除了来自其他网站的{MEDIA_KINDS[element]} {shortened(url)}"
    return f"删除了不允许的{MEDIA_KINDS[element]}地址 {shortened(url)}（<{element}> 的 {attribute}）"


def removed_markup(body: str, media_origins: Iterable[str] = ()) -> list[str]:
    """What :func:`sanitize` removes from the HTML *body*, each once, in Chinese:
    ``删除了 <script> 元素``, ``删除了属性 onload（<img>）``,
    ``删除了来自其他网站的图片 https://…``; empty when the body is all allowed.
    Comments are removed without a word: they are never meant to be published."""
    walk = RemovedMarkup(origins(media_origins))
    walk.feed(body)
    walk.close()
    return list(dict.fromkeys(walk.removed))
