"""The readable blocks of a rendered page: what a reader can point at, and the key of its text.

A block is an element whose text a reader hears as one piece: a heading,
paragraph, list item, table cell or caption, a metadata label or value, a
quotation, a summary, label or legend (``BLOCK_TAGS``) that holds no such
element with text of its own; and every link, button, output
(``INLINE_TAGS``) and image with a text alternative, so that pointing at a link
inside a paragraph reads the link.  Hidden parts (``hidden``,
``aria-hidden="true"``, scripts, styles, SVG) have none.  The inert template of
the assistive toolbar counts: the toolbar's script shows it.

A block's text is its ``textContent`` with each run of white space as one
space, trimmed: what theme/static/js/a11y-speech.js computes in the browser.
Both key a text by the same 32-bit FNV-1a hash of its UTF-16 code units
(:func:`text_key`), so that the page's map names blocks without repeating the
page's text.
"""

import dataclasses
from collections.abc import Iterator

import lxml.html

from .spoken import readable_text

BLOCK_TAGS = frozenset("h1 h2 h3 h4 h5 h6 p li dt dd th td caption figcaption blockquote summary label legend".split())
INLINE_TAGS = frozenset(("a", "button", "output"))
SKIPPED_TAGS = frozenset(("script", "style", "noscript", "svg", "audio", "video", "head"))

#: The portal writes every page in UTF-8.
UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


@dataclasses.dataclass(frozen=True)
class Block:
    text: str
    lang: str


def text_key(text: str) -> str:
    """The 32-bit FNV-1a hash of *text*'s UTF-16 code units, as 8 hex digits (what the page's script computes)."""
    encoded = text.encode("utf-16-le")
    value = FNV_OFFSET
    for index in range(0, len(encoded), 2):
        value ^= encoded[index] | encoded[index + 1] << 8
        value = (value * FNV_PRIME) & 0xFFFFFFFF
    return f"{value:08x}"


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    return (
        element.tag in SKIPPED_TAGS
        or element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
    )


def visible_elements(element: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """*element* and its descendants in document order, leaving out hidden subtrees."""
    if not isinstance(element.tag, str) or is_hidden(element):
        return
    yield element
    for child in element:
        yield from visible_elements(child)


def holds_block(element: lxml.html.HtmlElement) -> bool:
    return any(
        descendant.tag in BLOCK_TAGS and readable_text(descendant.text_content())
        for descendant in element.iterdescendants()
        if isinstance(descendant.tag, str)
    )


def language_of(element: lxml.html.HtmlElement, page_lang: str) -> str:
    """The language of *element*: its own or its nearest ancestor's ``lang``, else the page's."""
    for holder in (element, *element.iterancestors()):
        if holder.get("lang"):
            return holder.get("lang")
    return page_lang


def page_blocks(markup: bytes) -> list[Block]:
    """The readable blocks of the page *markup*, in document order, each distinct (text, language) once."""
    document = lxml.html.document_fromstring(markup, parser=UTF8_PARSER)
    page_lang = document.get("lang") or "zh-CN"
    body = document.find("body")
    found: dict[tuple[str, str], Block] = {}
    for element in visible_elements(body if body is not None else document):
        if element.tag == "img":
            text = readable_text(element.get("alt") or "")
        elif element.tag in INLINE_TAGS or (element.tag in BLOCK_TAGS and not holds_block(element)):
            text = readable_text(element.text_content())
        else:
            continue
        if text:
            lang = language_of(element, page_lang)
            found.setdefault((text, lang), Block(text, lang))
    return list(found.values())
