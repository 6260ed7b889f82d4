"""The document the indexer reads for each published item and page.

Each record is a small HTML file of its own, never the rendered page: the
indexer weighs its title as a heading, reads metadata, filters and the sort key
from ``data-pagefind-*`` elements, and sees no page chrome, nor what a body
hides from readers (a service guide's flowchart repeats its list): the body's
part is made from its text blocks (``item.body``, plugin item_bodies).

Chinese is indexed as overlapping character pairs (bigrams), the way CJK search
engines index text without word boundaries. Pagefind would otherwise cut the
text into words with jieba at build time but cut the reader's query with the
browser's own segmenter, whose words differ: 抽检 or 访谈 typed alone then finds
nothing in a title that contains them. Character pairs are cut the same way
here and in ``theme/js/search.js`` (``indexTerms``), so any run of two or more
characters of a title, summary or body finds its item, in every browser.
"""

import dataclasses
import re
import unicodedata
from html import escape

#: Anything but letters, digits and _ (search.js: [^\p{L}\p{N}_]).
NON_WORD_RE = re.compile(r"\W+")
HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Pagefind splits the text of this language at spaces and punctuation only; the
#: pairs are already cut (English stemming applies to Latin words, and to queries alike).
INDEX_LANGUAGE = "en"


@dataclasses.dataclass
class SearchRecord:
    url: str  #: the page's URL, relative to the site root
    html: str


def han_pairs(run):
    """A run of Han characters as its overlapping pairs, then its last character,
    so a one-character query finds a character that ends a run too."""
    return " ".join([run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]])


def index_text(text):
    """*text* as the words the index holds: punctuation becomes a space (so
    〔2019〕36号 is 2019, 36, 号 on both sides), runs of Han characters become pairs."""
    words = NON_WORD_RE.sub(" ", text)
    return " ".join(HAN_RUN_RE.sub(lambda match: f" {han_pairs(match.group())} ", words).split())


def identifier_token(text):
    """One word standing for an index or document number as a whole: its
    letters and digits, lower-cased, as UTF-8 with each half-byte written as
    one of the letters a to p, between ``qq`` and ``z``.  Pagefind cuts no
    such word (it would split one mixing letters and digits, or holding Han
    characters), and the closing ``z`` keeps its prefix matching from taking
    2019-00004 for 2019-00041.  search.js makes the same word of a query."""
    kept = "".join(char for char in text.lower() if unicodedata.category(char)[0] in "LN")
    return "qq" + "".join(chr(97 + (byte >> 4)) + chr(97 + (byte & 15)) for byte in kept.encode("utf-8")) + "z"


def indexed_lines(lines):
    return "".join(f"<p>{escape(index_text(line))}</p>" for line in lines if line)


def indexed_body(body):
    """The body's part of a record, from the ItemBody *body*: the most costly to make, and a function of the
    body alone."""
    return indexed_lines(block.text for block in body.blocks)


def record_html(title, identifiers, lines, body, meta, filters, sort):
    """The record: indexed title, identifiers, lines and body (made by
    :func:`indexed_body`), then metadata the indexer does not index.
    Identifiers weigh most, and each is also indexed whole, so the item a
    document or index number names comes first."""
    indexed = [f"<h1>{escape(index_text(title))}</h1>"]
    indexed += [
        f'<p data-pagefind-weight="10">{escape(index_text(line))} {identifier_token(line)}</p>'
        for line in identifiers
        if line
    ]
    indexed += [indexed_lines(lines), body]
    # Inside data-pagefind-ignore, elements still give metadata, filters and sort keys.
    data = [f'<span data-pagefind-meta="{key}">{escape(value)}</span>' for key, value in meta.items() if value]
    data += [
        f'<span data-pagefind-filter="{key}">{escape(value)}</span>'
        for key, values in filters.items()
        for value in values
    ]
    data += [f'<span data-pagefind-sort="{key}">{escape(value)}</span>' for key, value in sort.items()]
    return (
        f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8"><title></title></head>'
        "<body><main data-pagefind-body>"
        + "\n".join(indexed)
        + "<div data-pagefind-ignore>"
        + "".join(data)
        + "</div></main></body></html>"
    )


def item_record(item, indexed_body=indexed_body):
    doc_no = getattr(item, "doc_no", "")
    date = f"{item.date:%Y-%m-%d}"
    identifiers = [item.index_no, doc_no]
    lines = [f"发布机构 {item.publisher}", " ".join(item.tag_names), item.summary_text]
    return SearchRecord(
        item.url,
        record_html(
            item.title,
            identifiers,
            lines,
            indexed_body(item.body),
            meta={
                "title": item.title,
                "node": item.node.name,
                "date": date,
                "index_no": item.index_no,
                "doc_no": doc_no,
                "summary": item.summary_text,
                "lang": item.lang,
                "dir": item.text_dir,
            },
            filters={"node": [node.id for node in [*item.node.ancestors, item.node]], "year": [str(item.date.year)]},
            sort={"date": date},
        ),
    )


def page_record(page, indexed_body=indexed_body):
    return SearchRecord(
        page.url,
        record_html(
            page.title,
            [],
            [],
            indexed_body(page.body),
            meta={"title": page.title, "node": "网站页面"},
            filters={},
            sort={},
        ),
    )
