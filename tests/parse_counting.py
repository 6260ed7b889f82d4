"""A Pelican build that records every HTML parse, for tests/test_item_bodies.py.

    python tests/parse_counting.py REPORT PELICAN-ARGUMENTS...

Before Pelican starts, every entry point a plugin could parse HTML with is
wrapped: lxml.html's ``fromstring``, ``fragment_fromstring``,
``fragments_fromstring`` and ``document_fromstring``, lxml.etree's
``fromstring`` and ``HTML``, Beautiful Soup and html.parser's
``HTMLParser.feed``.  A parse made inside another (Beautiful Soup feeds
html.parser, lxml.html calls lxml.etree) is the outer one's.  Each parse is
noted with its input and whether Pelican was reading a file then (the reader
renders and sanitizes the Markdown; the reader cache spares a warm build that).

The audio versions are planned as in any build, but not synthesized: the
synthesis fails at once, so the item pages go without players.

REPORT gets, as JSON, ``parses`` (``{"parser", "reading", "markup"}`` each) and
``bodies``: every published item's and page's body, by source path, as read
and as written.
"""

import functools
import html.parser
import json
import sys

import bs4
import lxml.etree
import lxml.html

parses = []
state = {"depth": 0, "reading": False}


def counted(parser, function):
    @functools.wraps(function)
    def parse(*args, **kwargs):
        if state["depth"] == 0:
            markup = args[1] if parser in ("BeautifulSoup", "HTMLParser.feed") else args[0]
            if isinstance(markup, bytes):
                markup = markup.decode("utf-8", "replace")
            parses.append({"parser": parser, "reading": state["reading"], "markup": markup})
        state["depth"] += 1
        try:
            return function(*args, **kwargs)
        finally:
            state["depth"] -= 1

    return parse


def reading(function):
    @functools.wraps(function)
    def read_file(*args, **kwargs):
        state["reading"] = True
        try:
            return function(*args, **kwargs)
        finally:
            state["reading"] = False

    return read_file


def count_parses():
    for name in ("fromstring", "fragment_fromstring", "fragments_fromstring", "document_fromstring"):
        setattr(lxml.html, name, counted(f"lxml.html.{name}", getattr(lxml.html, name)))
    for name in ("fromstring", "HTML"):
        setattr(lxml.etree, name, counted(f"lxml.etree.{name}", getattr(lxml.etree, name)))
    bs4.BeautifulSoup.__init__ = counted("BeautifulSoup", bs4.BeautifulSoup.__init__)
    html.parser.HTMLParser.feed = counted("HTMLParser.feed", html.parser.HTMLParser.feed)


def main(report, arguments):
    count_parses()
    from pelican import main as pelican_main
    from pelican import signals
    from pelican.plugins.item_audio import build as audio
    from pelican.readers import Readers

    Readers.read_file = reading(Readers.read_file)
    audio.synthesize_recordings = lambda missing, *rest: dict.fromkeys(missing, "not synthesized in this build")
    items, bodies = [], {}

    def note_read_bodies(generator):
        context = generator.context
        items.extend([*context["articles"], *context["pages"]])
        items.extend(translation for item in list(items) for translation in item.translations)
        for item in items:
            bodies[item.source_path] = {"read": item._content}

    signals.page_generator_finalized.connect(note_read_bodies)
    sys.argv = ["pelican", *arguments]
    pelican_main()  # the twins are made last, once every page is written
    for item in items:
        bodies[item.source_path]["written"] = item._content
    with open(report, "w", encoding="utf-8") as stream:
        json.dump({"parses": parses, "bodies": bodies}, stream, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
