"""Runs of another language in a text, found by their script, and marked with ``lang`` and ``dir``.

The portal writes three languages (the content model's ``Lang``): Chinese
(``zh-CN``), Uyghur (``ug``, in the Arabic script, right to left) and English
(``en``).  A text in one of them may hold runs of another: a Uyghur word in a
Chinese label, a Chinese name in an English item, an English name in a Chinese
paragraph.  Screen readers and the portal's speech read a run in the voice of
its ``lang``, and browsers lay it out in its own direction when it carries
``dir``; so each run gets both.

What counts, whatever the surrounding language:

- Uyghur: a run of Arabic-script characters holding a letter (its own
  punctuation ، ؛ ؟ goes with it);
- Chinese: Han characters (CJK ideographs, 〇 and 々);
- English: a word of at least two Latin letters (``People's`` is one word).
  Left to the surrounding language are single letters (``A级``), and what is
  an identifier rather than a word: a code mixing letters and digits
  (``11990000MB1A0827X6``, ``ZZ-XK-0002``, ``73cm``), an address
  (``https://…``, ``www.…``, ``name@host``) and a host or file name in
  lower case (``example.gov.cn``, ``sampling.csv``).

Everything else (digits, spaces, punctuation, symbols) is neutral: it stays
with the surrounding text, unless it lies between two words of one run
(``Market Supervision Administration``, ``Article 22``).  A run is never made
in the surrounding language itself, and a text whose language is not one of
the three (``lang="fr"``, or ``lang=""``, unknown) gets none.
"""

import dataclasses
import re
import unicodedata

import lxml.html
from markupsafe import Markup, escape

from portal.content_model.fields import DEFAULT_LANG, LANGUAGES
from portal.item_body import is_hidden

CHINESE, UYGHUR, ENGLISH = "zh-CN", "ug", "en"
ARABIC_CHARACTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
HAN_CHARACTERS = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
#: A stretch of one script: its group's name is the language it is written in.
SCRIPT_RE = re.compile(
    rf"(?P<ug>[{ARABIC_CHARACTERS}]+)|(?P<zh>[{HAN_CHARACTERS}]+)|(?P<en>[{LATIN_LETTERS}]+(?:['’][{LATIN_LETTERS}]+)*)"
)
#: The portal's language of each primary language subtag, which is also the name of its script's group in SCRIPT_RE.
LANGUAGE_OF_SUBTAG = {"zh": CHINESE, "ug": UYGHUR, "en": ENGLISH}
#: What is written in Latin letters without being English: addresses, host and file names …
ADDRESS_RE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[!-~]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?<![A-Za-z0-9.@/-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![A-Za-z0-9])"
)
#: … and codes, when they mix letters and digits.
CODE_RE = re.compile(r"[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)*")
#: Each opening bracket or quotation mark, and the mark that closes it (not ‘ ’: ’ is an apostrophe too).
CLOSER_OF = dict(zip("([{«‹“（［｛《〈「『【〔〖", ")]}»›”）］｝》〉」』】〕〗"))
OPENER_OF = {closer: opener for opener, closer in CLOSER_OF.items()}
#: Elements whose text is not language but what a machine reads or draws.
UNMARKED_ELEMENTS = frozenset({"code", "kbd", "math", "pre", "samp", "script", "style", "svg", "textarea", "var"})


@dataclasses.dataclass(frozen=True)
class LanguageRun:
    """A run of another language in a text: ``text[start:end]``, in *lang*, written in *direction*."""

    start: int
    end: int
    lang: str  #: zh-CN, ug or en
    direction: str  #: ltr or rtl, for the dir attribute


def language_of(code: str | None) -> str | None:
    """The portal's language (zh-CN, ug or en) that the ``lang`` value *code* names, or None if none of them.

    Case and region or script subtags do not matter: ``zh-cn``, ``zh-Hans`` and
    ``zh`` are Chinese, ``ug-Arab`` Uyghur, ``en-GB`` English.
    """
    primary = (code or "").split("-")[0].lower()
    return LANGUAGE_OF_SUBTAG.get(primary)


def _identifier_spans(text):
    """``(start, end)`` of each address, host or file name and code in *text*."""
    spans = [match.span() for match in ADDRESS_RE.finditer(text)]
    spans += [
        match.span()
        for match in CODE_RE.finditer(text)
        if re.search("[0-9]", match[0]) and re.search("[A-Za-z]", match[0])
    ]
    return spans


def _words(text):
    """``(start, end, language)`` of each stretch of text in one script that counts as a word, in order."""
    identifiers = _identifier_spans(text) if re.search(f"[{LATIN_LETTERS}]", text) else []
    for match in SCRIPT_RE.finditer(text):
        script = match.lastgroup
        start, end = match.span()
        if script == "ug" and not any(unicodedata.category(character)[0] == "L" for character in match[0]):
            continue  # Arabic digits or punctuation alone
        if script == "en" and (
            sum(character.isalpha() for character in match[0]) < 2
            or any(start < stop and begin < end for begin, stop in identifiers)
        ):
            continue
        yield start, end, LANGUAGE_OF_SUBTAG[script]


def foreign_runs(text: str, surrounding: str | None) -> list[LanguageRun]:
    """The runs of *text* in another language than *surrounding* (a ``lang`` value), in order.

    Words of one language next to each other, with only neutral characters
    between them, make one run; a run starts at its first word and ends at its
    last, so neutral characters around it stay with the surrounding text.
    """
    own = language_of(surrounding)
    if own is None:
        return []
    groups = []  # [start, end, language] of each stretch of words in one language
    for start, end, language in _words(text):
        if groups and groups[-1][2] == language:
            groups[-1][1] = end
        else:
            groups.append([start, end, language])
    runs = []
    for index, (start, end, language) in enumerate(groups):
        if language != own:
            lower = max(groups[index - 1][1] if index else 0, runs[-1].end if runs else 0)
            upper = groups[index + 1][0] if index + 1 < len(groups) else len(text)
            start, end = _with_pairs(text, start, end, lower, upper)
            runs.append(LanguageRun(start, end, language, LANGUAGES[language]["dir"]))
    return runs


def _with_pairs(text, start, end, lower, upper):
    """``(start, end)`` of the run ``text[start:end]`` grown, within ``text[lower:upper]``, to take in the
    other half of each bracket or quotation mark it holds only one half of (``«ئۈچ يوق» سۆزى``)."""
    opened = []
    for position in range(start, end):
        character = text[position]
        if character in CLOSER_OF:
            opened.append(character)
        elif character in OPENER_OF:
            if opened and CLOSER_OF[opened[-1]] == character:
                opened.pop()
            else:
                found = text.rfind(OPENER_OF[character], lower, start)
                start = found if found >= 0 else start
    for opener in reversed(opened):
        found = text.find(CLOSER_OF[opener], end, upper)
        end = found + 1 if found >= 0 else end
    return start, end


def marked_up(text: str | None, surrounding: str | None = DEFAULT_LANG) -> Markup:
    """*text* as HTML, each run in another language than *surrounding* in ``<span lang dir>``.

    The Jinja filter ``mark_languages`` (pelicanconf.py): ``{{ item.title |
    mark_languages(item.lang) }}``; without an argument the surrounding text is
    the portal's own language.  Text that is already markup is returned as it is.
    """
    if text is None:
        return Markup("")
    if hasattr(text, "__html__"):
        return Markup(text)
    text = str(text)
    pieces, position = [], 0
    for run in foreign_runs(text, surrounding):
        pieces.append(escape(text[position : run.start]))
        pieces.append(
            Markup('<span lang="{}" dir="{}">{}</span>').format(run.lang, run.direction, text[run.start : run.end])
        )
        position = run.end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def mark_runs_in_tree(root: lxml.html.HtmlElement, surrounding: str | None) -> bool:
    """Wrap each run of another language in the text of *root* and what it holds in ``<span lang dir>``.

    *surrounding* is the language of *root*'s text; an element with a ``lang``
    of its own sets its text's.  Left as they are: attribute values, the text
    of UNMARKED_ELEMENTS (code) and of hidden elements, and a ``<span>`` with a
    ``lang`` (an editor's, or one marked before: its language is decided).  The
    text itself does not change.  True if any run was marked.
    """
    language = language_of(root.get("lang")) if "lang" in root.attrib else surrounding
    changed = False
    if root.text:
        spans = _wrapped(root, "text", language)
        for index, span in enumerate(spans):
            root.insert(index, span)
        changed = bool(spans)
    for child in list(root):
        if isinstance(child.tag, str) and not _left_as_written(child):
            changed = mark_runs_in_tree(child, language) or changed
        if child.tail:
            spans = _wrapped(child, "tail", language)
            position = root.index(child) + 1
            for offset, span in enumerate(spans):
                root.insert(position + offset, span)
            changed = changed or bool(spans)
    return changed


def _left_as_written(element):
    return (
        element.tag in UNMARKED_ELEMENTS or (element.tag == "span" and "lang" in element.attrib) or is_hidden(element)
    )


def _wrapped(element, attribute, surrounding):
    """Cut the runs out of *element*'s text or tail (*attribute*), leaving it what comes before the first run;
    the spans that hold them, each followed by the text up to the next run."""
    text = getattr(element, attribute)
    runs = foreign_runs(text, surrounding)
    if not runs:
        return []
    spans = []
    for run, following in zip(runs, [*runs[1:], None]):
        span = lxml.html.Element("span", {"lang": run.lang, "dir": run.direction})
        span.text = text[run.start : run.end]
        span.tail = text[run.end : following.start if following else len(text)] or None
        spans.append(span)
    setattr(element, attribute, text[: runs[0].start] or None)
    return spans
