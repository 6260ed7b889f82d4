"""The plain-text twin of a rendered page, and the walk that writes every twin."""

import concurrent.futures
import dataclasses
import functools
import hashlib
import html
import os
import pathlib
from urllib.parse import urljoin, urlsplit

import lxml.html

from portal import item_body
from portal.file_writing import copy_if_changed, note_built, write_atomically, write_if_changed
from portal.item_body import is_hidden
from portal.urls import url_path
from portal.worker_processes import worker_context, worker_count

#: Elements the twin keeps (with the attributes below); any other element is
#: unwrapped, its content kept, unless it is dropped, replaced or a div/span
#: carrying an id or a language.
KEPT_ELEMENTS = frozenset(
    {
        "body",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "a",
        "nav",
        "header",
        "main",
        "footer",
        "section",
        "article",
        "aside",
        "address",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "blockquote",
        "q",
        "abbr",
        "dfn",
        "time",
        "data",
        "br",
        "hr",
        "wbr",
        "sub",
        "sup",
        "small",
        "mark",
        "del",
        "ins",
        "s",
        "kbd",
        "samp",
        "var",
        "cite",
        "bdi",
        "bdo",
        "ruby",
        "rt",
        "rp",
        "details",
        "summary",
        "figure",
        "figcaption",
    }
)
#: Elements left out with everything in them: scripts, embedded content and
#: controls, which a text-only page without scripts cannot offer.
DROPPED_ELEMENTS = frozenset(
    {
        "script",
        "noscript",
        "style",
        "template",
        "iframe",
        "canvas",
        "link",
        "meta",
        "object",
        "embed",
        "source",
        "track",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "output",
        "dialog",
    }
)
#: div and span stay (as themselves) only when they carry one of these.
IDENTITY_ATTRIBUTES = frozenset({"id", "lang", "dir"})
ELEMENT_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "download"},
    "th": {"scope", "colspan", "rowspan", "headers", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
    "abbr": {"title"},
    "dfn": {"title"},
    "details": {"open"},
}
#: aria-label and aria-labelledby are not allowed on generic elements (div,
#: span, p, strong…), whose ARIA role the twin no longer gives them.
NAMEABLE_ELEMENTS = frozenset(
    {
        "a",
        "nav",
        "header",
        "main",
        "footer",
        "section",
        "article",
        "aside",
        "ul",
        "ol",
        "dl",
        "li",
        "table",
        "th",
        "td",
        "details",
        "figure",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
NAMING_ATTRIBUTES = frozenset({"aria-label", "aria-labelledby"})
#: The government-site <meta name> tags copied into the twin's head.
SITE_META_NAMES = frozenset(
    {
        "SiteName",
        "SiteDomain",
        "SiteIDCode",
        "ColumnName",
        "ColumnDescription",
        "ArticleTitle",
        "PubDate",
        "ContentSource",
        "Keywords",
        "Description",
        "description",
        "Url",
    }
)
MEDIA_LINK_TEXT = {"audio": "音频文件", "video": "视频文件"}
#: The class of the page's link to its twin (partials/utility_bar.html).
TWIN_LINK_CLASS = "plain-text-link"
BACK_LINK_TEXT = "返回标准版"
TITLE_SUFFIX = " - 纯文本版"
#: The one script of a twin, under the theme's static folder: it applies the
#: toolbar's stored preferences and loads nothing else (no toolbar).
PREFERENCES_SCRIPT = "js/a11y-preferences.js"

#: The characters of a blank text, which becomes a single newline (or space) outside preformatted text.
BLANK_CHARACTERS = " \n\t\f\r"
#: The void elements the twin keeps: written, when empty, as ``<br>`` without an end tag.
VOID_ELEMENTS = frozenset({"br", "hr", "wbr"})


@dataclasses.dataclass(frozen=True)
class Site:
    """Where the site and its twins live, from the settings."""

    root: str  #: SITEURL and a slash: every page URL starts with it
    twins: str  #: PLAIN_TEXT_PATH
    stylesheet: str  #: the twins' stylesheet URL
    policy: str  #: CONTENT_SECURITY_POLICY: the strict one fits every twin
    referrer: str  #: REFERRER_POLICY
    #: The theme's a11y-preferences.js: the reader's colour scheme and text size, before first paint
    preferences: str = ""

    @classmethod
    def from_settings(cls, settings):
        root = settings["SITEURL"].rstrip("/") + "/"
        return cls(
            root,
            settings["PLAIN_TEXT_PATH"].strip("/"),
            root + settings["PLAIN_TEXT_STYLESHEET"].lstrip("/"),
            settings["CONTENT_SECURITY_POLICY"],
            settings["REFERRER_POLICY"],
            f"{root}{settings.get('THEME_STATIC_DIR', 'theme').strip('/')}/{PREFERENCES_SCRIPT}",
        )


@dataclasses.dataclass(frozen=True)
class Page:
    """The rendered page being turned into its twin."""

    url: str
    site: Site


def is_page_path(path):
    """True for the URL path (under the site root) of an HTML page."""
    return path == "" or path.endswith(("/", ".html"))


def twin_href(href, page_url, site):
    """Where a link of the page at *page_url* points in that page's twin.

    A link to another HTML page of the site points to that page's twin; any
    other link keeps its target (a relative one is resolved, as the twin lives
    in another folder than its page).
    """
    if href.startswith("#"):
        return href
    target = urlsplit(urljoin(page_url, href))
    root = urlsplit(site.root)
    if (target.scheme, target.netloc) != (root.scheme, root.netloc) or not target.path.startswith(root.path):
        return href
    path = target.path[len(root.path) :]
    if is_page_path(path) and not path.startswith(site.twins + "/"):
        return target._replace(path=f"{root.path}{site.twins}/{path}").geturl()
    is_relative = not urlsplit(href).scheme and not href.startswith("/")
    return target.geturl() if is_relative else href


def text_of(element):
    """The text in *element*, without its comments."""
    return "".join(element.itertext())


def text_alternative(element):
    """What an image says in words: ``［图片：alt］`` for an img, the title or label of an svg."""
    if element.tag == "img":
        alt = (element.get("alt") or "").strip()
        return f"［图片：{alt}］" if alt else ""
    title = next(element.iter("title"), None)
    return (element.get("aria-label") or (text_of(title) if title is not None else "")).strip()


def media_link(element, page):
    """A link to the file an audio or video element plays, or None when it names none."""
    source = element.get("src") or next((each.get("src") for each in element.iter("source") if each.get("src")), None)
    if not source:
        return None
    link = lxml.html.Element("a", href=urljoin(page.url, source))
    link.text = MEDIA_LINK_TEXT[element.tag]
    return link


def relink(link, page):
    if TWIN_LINK_CLASS in (link.get("class") or "").split():
        link.set("href", page.url)
        del link[:]
        link.text = BACK_LINK_TEXT
    else:
        link.set("href", twin_href(link.get("href"), page.url, page.site))


@functools.cache
def allowed_attributes(name):
    allowed = IDENTITY_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(name, set()) | {"aria-current"}
    return allowed | NAMING_ATTRIBUTES if name in NAMEABLE_ELEMENTS else allowed


def keep_allowed_attributes(element):
    attributes = element.attrib
    if not attributes:
        return
    allowed = allowed_attributes(element.tag)
    if element.tag == "main" and attributes.get("tabindex") == "-1":
        allowed |= {"tabindex"}  # the skip link's target must take focus
    for name in [name for name in attributes if name not in allowed]:
        del attributes[name]


def collapse_blank(text):
    """*text*, or a single newline (or space) if it is only blank characters."""
    if text and not text.strip(BLANK_CHARACTERS):
        return "\n" if "\n" in text else " "
    return text


def simplify_children(parent, page, preformatted):
    # Blank texts are collapsed before any element is taken out, which joins texts.
    if not preformatted:
        parent.text = collapse_blank(parent.text)
    for node in list(parent):
        if not preformatted:
            node.tail = collapse_blank(node.tail)
        if isinstance(node.tag, str):
            simplify(node, page, preformatted)
        else:  # comments and processing instructions
            node.drop_tree()


def replace(element, replacement):
    """Put *replacement* (a text, an element or None for nothing) where *element* is."""
    if replacement is None or isinstance(replacement, str):
        element.tail = (replacement or "") + (element.tail or "")
        element.drop_tree()
    else:
        replacement.tail = element.tail
        element.getparent().replace(element, replacement)


def simplify(element, page, preformatted):
    """Reduce *element* to what the twin keeps of it: itself, its content, a text, a link or nothing."""
    name = element.tag
    if name in DROPPED_ELEMENTS or is_hidden(element):
        element.drop_tree()
    elif name in ("img", "svg"):
        replace(element, text_alternative(element))
    elif name in MEDIA_LINK_TEXT:
        replace(element, media_link(element, page))
    else:
        simplify_children(element, page, preformatted or name == "pre")
        if name == "a" and "href" in element.attrib:
            relink(element, page)
        if name == "p" and not len(element) and not (element.text or "").strip():
            element.drop_tree()  # it only held a decorative image, say
        elif name in KEPT_ELEMENTS or (name in ("div", "span") and not IDENTITY_ATTRIBUTES.isdisjoint(element.attrib)):
            keep_allowed_attributes(element)
        else:
            element.drop_tag()


def escape_text(text):
    """*text* as markup: characters stay themselves, only &, < and > are escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute_markup(name, value):
    """``name="value"``, an empty value as a bare boolean name; quoted in ' when the value holds a " only."""
    if not value:
        return name
    value = escape_text(value)
    if '"' in value and "'" not in value:
        return f"{name}='{value}'"
    value = value.replace('"', "&quot;")
    return f'{name}="{value}"'


def write_markup(element, pieces):
    """Append the markup of *element*, a simplified one (only elements and text), to *pieces*."""
    name = element.tag
    attributes = element.attrib
    if attributes:
        pieces.append(f"<{name}{''.join(' ' + attribute_markup(*each) for each in sorted(attributes.items()))}>")
    else:
        pieces.append(f"<{name}>")
    if element.text:
        pieces.append(escape_text(element.text))
    for child in element:
        write_markup(child, pieces)
        if child.tail:
            pieces.append(escape_text(child.tail))
    if name not in VOID_ELEMENTS or element.text or len(element):
        pieces.append(f"</{name}>")


def head_markup(document, page_url, site):
    escape = html.escape
    title = next(document.iter("title"), None)
    title = collapse_blank(text_of(title)) if title is not None else ""
    site_meta = [
        f'<meta name="{escape(meta.get("name"))}" content="{escape(meta.get("content", ""))}">'
        for meta in document.iter("meta")
        if meta.get("name") in SITE_META_NAMES
    ]
    return "\n".join(
        [
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(site.policy)}">',
            f'<meta name="referrer" content="{escape(site.referrer)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}{TITLE_SUFFIX}</title>",
            f'<link rel="canonical" href="{escape(page_url)}">',
            *site_meta,
            f'<link rel="stylesheet" href="{escape(site.stylesheet)}">',
            *([f'<script src="{escape(site.preferences)}"></script>'] if site.preferences else []),
        ]
    )


def twin_of(markup, output_path, site):
    """The twin, a whole HTML document, of the page *markup* written at *output_path*."""
    document = lxml.html.document_fromstring(markup)
    page = Page(site.root + url_path(output_path), site)
    body = document.body
    simplify_children(body, page, preformatted=False)
    keep_allowed_attributes(body)
    language = "".join(
        f' {name}="{html.escape(document.get(name))}"' for name in ("lang", "dir") if name in document.attrib
    )
    pieces = []
    write_markup(body, pieces)
    # The head is read after the body is simplified, which leaves no title or meta in it.
    return (
        f"<!DOCTYPE html>\n<html{language}>\n<head>\n{head_markup(document, page.url, site)}\n</head>\n"
        f"{''.join(pieces)}\n</html>\n"
    )


#: Pages made in the build's own process before workers start: starting them would cost more.
PARALLEL_FROM = 100
#: Pages sent to a worker at once.
CHUNK = 16
#: The source of this module and of what is hidden from readers: a cached twin made by other code is not reused.
SOURCE_KEY = hashlib.sha256(
    b"".join(pathlib.Path(module).read_bytes() for module in (__file__, item_body.__file__))
).digest()


def make_twins(jobs, twins_folder, cache_folder, site):
    """Make, cache and write the twin of each page of *jobs* ``(output path, markup, cache key)``; which changed."""
    changed = []
    for output_path, markup, key in jobs:
        twin = twin_of(markup.decode("utf-8"), output_path, site).encode("utf-8")
        write_atomically(os.path.join(cache_folder, key), twin, durable=False)
        changed.append(write_if_changed(os.path.join(twins_folder, output_path), twin))
    return changed


class TwinWriter:
    """Writes the twin of each page it is given, from the cache when the page is unchanged.

    A twin depends only on its page's bytes, the site's addresses and this
    module, so it is cached under a hash of those in *cache_folder*, and made
    again only when one of them changes.  Twins to make are made in the
    build's process while there are few, then in ``PLAIN_TEXT_WORKERS`` worker
    processes (default: one per processor), as the pages are written.
    """

    def __init__(self, output_folder, settings, cache_folder):
        self.output_folder = output_folder
        self.site = Site.from_settings(settings)
        self.twins_folder = os.path.join(output_folder, self.site.twins)
        self.cache_folder = cache_folder
        self.site_key = SOURCE_KEY + repr(self.site).encode("utf-8")
        self.workers = worker_count(settings.get("PLAIN_TEXT_WORKERS"))
        self.pages, self.used, self.waiting, self.results = set(), set(), [], []
        self.pool = None
        self.unchanged = 0

    def add(self, page_path):
        """Give the twin of the page at *page_path* (absolute, under the output) to make, now or soon."""
        output_path = os.path.relpath(page_path, self.output_folder).replace(os.sep, "/")
        if output_path in self.pages or output_path.startswith(self.site.twins + "/"):
            return
        self.pages.add(output_path)
        with open(page_path, "rb") as stream:
            markup = stream.read()
        key = hashlib.sha256(self.site_key + output_path.encode("utf-8") + b"\0" + markup).hexdigest()
        self.used.add(key)
        cached = os.path.join(self.cache_folder, key)
        if not os.path.exists(cached):
            self.waiting.append((output_path, markup, key))
            self.send_waiting()
        elif not copy_if_changed(cached, os.path.join(self.twins_folder, output_path)):
            self.unchanged += 1

    def send_waiting(self, last=False):
        if self.pool is None and self.workers > 1 and len(self.waiting) >= PARALLEL_FROM:
            self.pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=worker_context())
        if self.pool is None and not last:
            return
        while len(self.waiting) >= CHUNK or (last and self.waiting):
            jobs, self.waiting = self.waiting[:CHUNK], self.waiting[CHUNK:]
            if self.pool:
                self.results.append(self.pool.submit(make_twins, jobs, self.twins_folder, self.cache_folder, self.site))
            else:
                self.unchanged += make_twins(jobs, self.twins_folder, self.cache_folder, self.site).count(False)

    def finish(self):
        """Wait for every twin; note them as built and forget cached twins no page used; return (written, unchanged)."""
        self.send_waiting(last=True)
        if self.pool:
            for result in self.results:
                self.unchanged += result.result().count(False)
            self.pool.shutdown()
        for output_path in self.pages:
            note_built(os.path.join(self.twins_folder, output_path))
        for entry in os.scandir(self.cache_folder) if os.path.isdir(self.cache_folder) else ():
            if entry.name not in self.used:
                os.remove(entry.path)
        return len(self.pages) - self.unchanged, self.unchanged
