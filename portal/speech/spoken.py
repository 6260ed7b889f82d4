"""What an item's audio says: its text prepared for listening, as voice segments.

The text is the item's title, key metadata and body, read from the body's text
blocks (``item.body``, plugin item_bodies) the way the plain-text twin lays it
out (headings, paragraphs, numbered list items, table rows read cell by cell
with their column names).  Numbers in Chinese text are written out in Chinese
(espeak-ng misreads years, decimals and percentages), then the text is cut into
runs by script, each run read by its voice, and runs longer than ``MAX_CHUNK``
characters are cut at sentence ends (synthesis time grows with the square of
the text length).
"""

import re
from collections.abc import Iterable

import cn2an

from portal.item_body import CAPTION, CELL, HEADER_CELL, TextBlock

MAX_CHUNK = 500
DIGIT_NAMES = dict(zip("0123456789", "零幺二三四五六七八九"))
YEAR_NAMES = dict(zip("0123456789", "零一二三四五六七八九"))

HAN_OR_OTHER, LATIN, ARABIC = "zh", "en", "ug"
#: The script of each language's own text.
BASE_SCRIPTS = {"zh": HAN_OR_OTHER, "en": LATIN, "ug": ARABIC}
ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_RE = re.compile(r"[A-Za-z]")
SENTENCE_END_RE = re.compile(r"(?<=[。！？；.!?;:：])")


def read_aloud_lines(blocks: Iterable[TextBlock]) -> list[str]:
    """The body's text blocks (``portal.item_body.TextBlock``) as lines to read, in reading order.

    An item of an ordered list says its number; a table says it is one (with
    its caption), then reads its body row by row, each cell with its column's
    header; header cells are read only so.
    """
    lines, table, row, cells = [], 0, 0, []
    for block in blocks:
        if cells and (block.kind != CELL or (block.table, block.row) != (table, row)):
            lines.append(row_line(row, cells))
            cells = []
        if block.table != table:
            table = block.table
            if table:
                lines.append(f"表格：{readable_text(block.text)}。" if block.kind == CAPTION else "表格。")
                if block.kind == CAPTION:
                    continue
        if block.kind == CELL:
            row = block.row
            cells.append(
                f"{readable_text(block.label)}：{readable_text(block.text)}"
                if block.label
                else readable_text(block.text)
            )
        elif block.kind != HEADER_CELL:
            lines.append(
                f"第{block.number}项，{readable_text(block.text)}" if block.number else readable_text(block.text)
            )
    if cells:
        lines.append(row_line(row, cells))
    return lines


def readable_text(text: str) -> str:
    """*text* with each run of white space, the ideographic space too, as one space, trimmed."""
    return " ".join(text.split())


def base_script(lang: str) -> str:
    """The script whose voice reads the digits and punctuation of text in *lang* (zh-CN, en, ug…)."""
    return BASE_SCRIPTS.get(lang.split("-", maxsplit=1)[0].lower(), HAN_OR_OTHER)


def row_line(number: int, cells: list[str]) -> str:
    return f"第{number}行，" + "；".join(cells) + "。"


def digits(number: str, names: dict[str, str] = DIGIT_NAMES) -> str:
    return "".join(names[digit] for digit in number)


def normalize_chinese_numbers(text: str) -> str:
    """Write the numbers of Chinese text as a listener expects to hear them."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", text)
    text = re.sub(r"\d{3,4}-\d{7,8}|(?<!\d)1\d{4}(?!\d)|\d{6,}", lambda m: digits(m[0].replace("-", "")), text)
    text = re.sub(r"(?<=[〔\[（(])(\d{4})(?=[〕\]）)])|(\d{4})(?=年)", lambda m: digits(m[0], YEAR_NAMES), text)
    text = re.sub(r"(?<=\d)\s*[-~～—]\s*(?=\d)", "至", text)
    return cn2an.transform(text, "an2cn")


def script_of(character: str) -> str:
    if ARABIC_RE.match(character):
        return ARABIC
    if LATIN_RE.match(character):
        return LATIN
    return HAN_OR_OTHER


def script_runs(text: str, base: str) -> list[tuple[str, str]]:
    """Cut *text* into (script, run) pairs; neutral characters join the run they are in."""
    runs = []
    for character in text:
        script = script_of(character)
        if script == HAN_OR_OTHER and not re.match(r"[\u3400-\u9fff\uf900-\ufaff]", character):
            script = runs[-1][0] if runs else base  # digits, spaces, punctuation
        if runs and runs[-1][0] == script:
            runs[-1][1] += character
        else:
            runs.append([script, character])
    return [(script, run.strip()) for script, run in runs if any(character.isalnum() for character in run)]


def chunks(text: str, limit: int = MAX_CHUNK) -> list[str]:
    """Pieces of at most *limit* characters, cut after sentence ends where possible."""
    pieces, current = [], ""
    for sentence in SENTENCE_END_RE.split(text):
        while len(sentence) > limit:
            pieces.append(current + sentence[: limit - len(current)])
            sentence, current = sentence[limit - len(current) :], ""
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current.strip():
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def segments(lines: list[str], base: str, voices: dict[str, str]) -> list[tuple[str, str]]:
    """(voice, text) pairs to synthesize, in order, each at most MAX_CHUNK characters.

    *base* is the item's script (zh, en or ug): it reads digits and punctuation.
    """
    text = "\n".join(
        line
        if line.endswith(("。", "！", "？", ".", "!", "?", "：", ":"))
        else line + ("。" if script_of(line[-1]) == HAN_OR_OTHER else ".")
        for line in lines
    )
    planned = []
    for script, run in script_runs(text, base):
        if script == HAN_OR_OTHER:
            run = normalize_chinese_numbers(run)
        for piece in chunks(run):
            if planned and planned[-1][0] == voices[script] and len(planned[-1][1]) + len(piece) < MAX_CHUNK:
                planned[-1] = (planned[-1][0], planned[-1][1] + " " + piece)
            else:
                planned.append((voices[script], piece))
    return planned
