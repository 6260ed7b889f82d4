"""The body of an item or page, parsed once: its HTML, the text readers are given, its sections and links.

An :class:`ItemBody` is made from a body's HTML (as the reader rendered and
sanitized it) with one parse by lxml.  Whatever changes the body (the flowchart
of a service guide, the sizes of its images) changes its tree, and whatever
reads the body reads it from here:

- :attr:`ItemBody.html`: the body as it was read, or once its tree changed,
  the tree written out again, byte for byte as it was read where nothing
  changed it (the sanitizer's serialization: only ``&``, ``<``, ``>`` and the
  no-break space are escaped in text, ``&``, ``"`` and the no-break space in
  attribute values);
- :attr:`ItemBody.readable_html`: the same without what is hidden from readers;
- :attr:`ItemBody.blocks`: the text readers are given, as :class:`TextBlock`
  (a heading, a paragraph, a list item, a table cell …) in reading order, and
  :attr:`ItemBody.text`, all of it on one line;
- :attr:`ItemBody.sections`: the ``##`` sections of the body as it was read,
  by heading text, each with its anchor and its elements;
- :attr:`ItemBody.links`: the addresses (``href`` and ``src``) the body links
  or shows.

What is hidden from readers is defined once, by :func:`is_hidden`: an element
with the ``hidden`` attribute or ``aria-hidden="true"``, and all it holds.  The
readable HTML, the text blocks (so the audio, the search records and the
summaries) and the feeds leave it out; the plain-text twins too.
"""

import dataclasses
import re
import typing

import lxml.html

#: Elements written without an end tag.
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)

HEADING, PARAGRAPH, LIST_ITEM, TERM, DEFINITION, QUOTE, PREFORMATTED = (
    "heading",
    "paragraph",
    "list item",
    "term",
    "definition",
    "quote",
    "preformatted",
)
CAPTION, HEADER_CELL, CELL = "caption", "header cell", "cell"
#: The kind of text outside any of those elements.
TEXT = "text"
#: The elements whose text is a block of its kind (a table cell of a <thead> is a HEADER_CELL).
BLOCK_KINDS = {
    **{f"h{level}": HEADING for level in range(1, 7)},
    "p": PARAGRAPH,
    "li": LIST_ITEM,
    "dt": TERM,
    "dd": DEFINITION,
    "blockquote": QUOTE,
    "pre": PREFORMATTED,
    "caption": CAPTION,
    "figcaption": CAPTION,
    "th": CELL,
    "td": CELL,
}
#: The elements that end the block before them and the block they hold: the
#: block elements of HTML, and <br>, which starts a new line.
BLOCK_ELEMENTS = frozenset(
    {
        *BLOCK_KINDS,
        "address",
        "article",
        "aside",
        "br",
        "details",
        "div",
        "dl",
        "figure",
        "footer",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
#: The whitespace HTML collapses (not the ideographic space, which readers see).
HTML_SPACE_RE = re.compile(r"[ \t\n\f\r]+")


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    """True if no reader is presented *element* (nor what it holds): hidden, or hidden from assistive technology."""
    return "hidden" in element.attrib or element.get("aria-hidden") == "true"


def numbered_items(listing: lxml.html.HtmlElement) -> list[tuple[int, lxml.html.HtmlElement]]:
    """The items of the list *listing* with the number each shows (``start`` and ``value`` counted)."""
    number = int(listing.get("start") or 1)
    numbered = []
    for item in listing.iterchildren("li"):
        number = int(item.get("value") or number)
        numbered.append((number, item))
        number += 1
    return numbered


def _collapsed(text):
    """*text* on one line, as readers see it: each run of HTML whitespace one space, none at the ends."""
    return HTML_SPACE_RE.sub(" ", text).strip()


def _readable_text(element):
    """The text *element* gives readers, on one line (nothing of what it hides)."""
    return _collapsed("".join(_readable_pieces(element, [])))


def _readable_pieces(element, pieces):
    if not is_hidden(element):
        pieces.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                _readable_pieces(child, pieces)
            pieces.append(child.tail or "")
    return pieces


class TextBlock(typing.NamedTuple):
    """A piece of a body's text that readers see as a block of its own."""

    kind: str  #: HEADING, PARAGRAPH, LIST_ITEM … HEADER_CELL, CELL, or TEXT outside any of their elements
    text: str  #: on one line (a line of preformatted text is a block)
    lang: str = ""  #: the language of the element it is in, where the body sets one
    level: int = 0  #: a heading's level
    number: int = 0  #: the number of the ordered list's item that the block starts
    table: int = 0  #: the table (1, 2 … in the body) a caption or cell is in
    row: int = 0  #: a cell's row in its table's body (1, 2 …)
    label: str = ""  #: a cell's column header


@dataclasses.dataclass(frozen=True)
class Section:
    """A ``##`` section of a body: its heading and the elements up to the next one."""

    title: str  #: the heading's text
    anchor: str  #: the heading's id
    heading: lxml.html.HtmlElement
    elements: tuple[lxml.html.HtmlElement, ...]

    def first(self, tag: str) -> lxml.html.HtmlElement | None:
        """The section's first element *tag* (not one inside another element), or None."""
        return next((element for element in self.elements if element.tag == tag), None)


class ItemBody:
    """A body's HTML parsed once; see the module's documentation."""

    def __init__(self, markup: str):
        #: The body's HTML as it was read.
        self.source = markup
        # The body goes into a <div> of its own: the parser keeps a body's leading whitespace there.
        #: The parsed body: the <div> that holds it (not part of its HTML).
        self.root = lxml.html.fragment_fromstring(f"<div>{markup}</div>")
        #: The ``##`` sections of the body as it was read, by heading text.
        self.sections = _sections(self.root)
        #: Whether the tree was changed since it was read (whoever changes it says so).
        self.changed = False
        self._drawings = {}

    def drawing(self, markup: str) -> lxml.html.HtmlElement:
        """A new element that stands for *markup*, a drawing hidden from readers (a guide's flowchart).

        Put it in the tree: once the tree is :attr:`changed`, :attr:`html`
        writes *markup* there as it is; everything else leaves it out, as it
        does every hidden element.
        """
        element = lxml.html.Element("svg", {"aria-hidden": "true"})
        self._drawings[element] = markup
        return element

    @property
    def html(self) -> str:
        """The body's HTML: as it was read, or once the tree is :attr:`changed`, the tree written out."""
        return self._markup(readable=False) if self.changed else self.source

    @property
    def readable_html(self) -> str:
        """The body's HTML without what is hidden from readers."""
        if any(is_hidden(element) for element in self.root.iter("*")):
            return self._markup(readable=True)
        return self.html

    def _markup(self, readable):
        pieces = [_escape_text(self.root.text or "")]
        for child in self.root:
            self._write(child, pieces, readable)
        return "".join(pieces)

    def _write(self, element, pieces, readable):
        """Append *element*'s markup and its tail to *pieces*; if *readable*, only the tail of what it hides."""
        if not isinstance(element.tag, str):
            pieces.append(f"<!--{element.text}-->")
        elif element in self._drawings:
            pieces.append("" if readable else self._drawings[element])
        elif not (readable and is_hidden(element)):
            attributes = "".join(f' {name}="{_escape_attribute(value)}"' for name, value in element.attrib.items())
            pieces.append(f"<{element.tag}{attributes}>")
            if element.tag not in VOID_ELEMENTS:
                pieces.append(_escape_text(element.text or ""))
                for child in element:
                    self._write(child, pieces, readable)
                pieces.append(f"</{element.tag}>")
        pieces.append(_escape_text(element.tail or ""))

    @property
    def blocks(self) -> list[TextBlock]:
        """The text readers are given, block by block in reading order."""
        return _BlockWalk().blocks_of(self.root)

    @property
    def text(self) -> str:
        """All the text readers are given, its blocks one after another on one line."""
        return " ".join(block.text for block in self.blocks)

    @property
    def links(self) -> list[str]:
        """The addresses the body's elements link or show (``href`` and ``src``), not resolved."""
        return [str(value) for value in self.root.xpath(".//@href|.//@src")]


def _escape_text(text):
    return text.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value):
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


def _sections(root):
    """The ``##`` sections (<h2> at the top of the body) by heading text; the first of two alike."""
    sections = {}
    heading, elements = None, []
    for element in [*root.iterchildren("*"), None]:
        if element is None or element.tag == "h2":
            if heading is not None:
                title = _collapsed(heading.text_content())
                sections.setdefault(title, Section(title, heading.get("id", ""), heading, tuple(elements)))
            heading, elements = element, []
        elif heading is not None:
            elements.append(element)
    return sections


class _Frame(typing.NamedTuple):
    """What the text of the block element being walked is: the TextBlock it makes, but for its text and number."""

    kind: str = TEXT
    lang: str = ""
    level: int = 0
    table: int = 0
    row: int = 0
    label: str = ""


class _BlockWalk:
    """Walks a body's tree once, cutting its text into blocks where block elements start and end."""

    def __init__(self):
        self.blocks, self.pieces = [], []
        #: The number of each item of the ordered lists walked into, and of the item whose first block is next.
        self.numbers, self.number = {}, 0
        #: The tables walked into, and per table its column headers and the rows of its body so far; the column
        #: of the next cell in its row.
        self.tables, self.headers, self.rows, self.column = 0, {}, {}, 0

    def blocks_of(self, root):
        self.walk(root, _Frame())
        return self.blocks

    def walk(self, element, frame):
        if is_hidden(element):
            return
        tag = element.tag
        is_block = tag in BLOCK_ELEMENTS
        if is_block:
            self.flush(frame)
            frame = self.frame_of(element, frame)
        if tag == "ol":
            self.numbers.update((item, number) for number, item in numbered_items(element))
        elif tag == "li":
            self.number = self.numbers.get(element, 0)
        self.pieces.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child, frame)
            self.pieces.append(child.tail or "")
        if is_block:
            self.flush(frame)
        if tag == "li":
            self.number = 0

    def frame_of(self, element, outer):
        """The frame of the text in the block element *element*, inside *outer*'s."""
        tag, lang = element.tag, element.get("lang", outer.lang)
        if tag == "table":
            self.tables += 1
            self.headers[self.tables] = [_readable_text(cell) for cell in element.xpath("thead/tr/th|thead/tr/td")]
            self.rows[self.tables] = 0
            return _Frame(lang=lang, table=self.tables)
        if tag == "thead":
            return _Frame(HEADER_CELL, lang, table=outer.table)
        if tag == "tr" and outer.kind != HEADER_CELL:
            self.rows[outer.table] = self.rows.get(outer.table, 0) + 1
            self.column = 0
            return _Frame(lang=lang, table=outer.table, row=self.rows[outer.table])
        if tag in ("th", "td") and outer.kind != HEADER_CELL:
            headers = self.headers.get(outer.table, ())
            label = headers[self.column] if self.column < len(headers) else ""
            self.column += 1
            return _Frame(CELL, lang, table=outer.table, row=outer.row, label=label)
        if tag in BLOCK_KINDS and outer.kind not in (HEADER_CELL, CELL):  # a cell's paragraphs are the cell's
            kind = BLOCK_KINDS[tag]
            return _Frame(kind, lang, level=int(tag[1]) if kind == HEADING else 0, table=outer.table)
        return outer if lang == outer.lang else outer._replace(lang=lang)

    def flush(self, frame):
        """End the block whose text was gathered so far: it is *frame*'s."""
        text = "".join(self.pieces)
        self.pieces = []
        if not text.strip():
            return
        for line in text.split("\n") if frame.kind == PREFORMATTED else [text]:
            block_text = _collapsed(line)
            if block_text:
                self.blocks.append(
                    TextBlock(
                        frame.kind,
                        block_text,
                        frame.lang,
                        frame.level,
                        self.number,
                        frame.table,
                        frame.row,
                        frame.label,
                    )
                )
                self.number = 0  # a list item's number goes with its first block only
