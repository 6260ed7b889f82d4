"""What an item's audio says: its text prepared for listening, as voice segments.

The text is the item's title, key metadata and body, read from the rendered HTML
the way the plain-text twin lays it out (headings, paragraphs, numbered list
items, table rows read cell by cell with their column names).  Numbers in
Chinese text are written out in Chinese (espeak-ng misreads years, decimals and
percentages), then the text is cut into runs by script, each run read by its
voice, and runs longer than ``MAX_CHUNK`` characters are cut at sentence ends
(synthesis time grows with the square of the text length).
"""

import re

import cn2an
from bs4 import BeautifulSoup

MAX_CHUNK = 500
BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "blockquote", "caption", "pre")
DIGIT_NAMES = dict(zip("0123456789", "零幺二三四五六七八九"))
YEAR_NAMES = dict(zip("0123456789", "零一二三四五六七八九"))

HAN_OR_OTHER, LATIN, ARABIC = "zh", "en", "ug"
ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_RE = re.compile(r"[A-Za-z]")
SENTENCE_END_RE = re.compile(r"(?<=[。！？；.!?;:：])")


def read_aloud_blocks(markup):
    """The body as a list of sentences to read, in reading order."""
    soup = BeautifulSoup(markup, "html.parser")
    lines = []
    for element in soup.find_all(list(BLOCKS) + ["table"]):
        if element.find_parent(["table", *BLOCKS]) and element.name != "table":
            continue  # read as part of its enclosing block or table
        if element.name == "table":
            lines += table_lines(element)
        elif element.name == "li" and element.parent.name == "ol":
            number = element.parent.find_all("li", recursive=False).index(element) + 1
            lines.append(f"第{number}项，{text_of(element)}")
        else:
            lines.append(text_of(element))
    return [line for line in lines if line]


def text_of(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def table_lines(table):
    caption = table.find("caption")
    headers = [text_of(cell) for cell in table.select("thead th")]
    lines = [f"表格：{text_of(caption)}。" if caption else "表格。"]
    for number, row in enumerate(table.select("tbody tr"), 1):
        cells = [text_of(cell) for cell in row.find_all(["td", "th"])]
        pairs = [f"{header}：{cell}" if header else cell for header, cell in zip(headers + [""] * len(cells), cells)]
        lines.append(f"第{number}行，" + "；".join(pairs) + "。")
    return lines


def digits(number, names=DIGIT_NAMES):
    return "".join(names[digit] for digit in number)


def normalize_chinese_numbers(text):
    """Write the numbers of Chinese text as a listener expects to hear them."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"(\d{4})-(\d{1,2})-(\d{1,2})",
                  lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", text)
    text = re.sub(r"\d{3,4}-\d{7,8}|(?<!\d)1\d{4}(?!\d)|\d{6,}", lambda m: digits(m[0].replace("-", "")), text)
    text = re.sub(r"(?<=[〔\[（(])(\d{4})(?=[〕\]）)])|(\d{4})(?=年)",
                  lambda m: digits(m[0], YEAR_NAMES), text)
    text = re.sub(r"(?<=\d)\s*[-~～—]\s*(?=\d)", "至", text)
    return cn2an.transform(text, "an2cn")


def script_of(character):
    if ARABIC_RE.match(character):
        return ARABIC
    if LATIN_RE.match(character):
        return LATIN
    return HAN_OR_OTHER


def script_runs(text, base):
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
    return [(script, run.strip()) for script, run in runs if run.strip(" ，。、；：,.;:")]


def chunks(text, limit=MAX_CHUNK):
    """Pieces of at most *limit* characters, cut after sentence ends where possible."""
    pieces, current = [], ""
    for sentence in SENTENCE_END_RE.split(text):
        while len(sentence) > limit:
            pieces.append(current + sentence[: limit - len(current)])
            sentence, current = sentence[limit - len(current):], ""
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current.strip():
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def segments(lines, base, voices):
    """(voice, text) pairs to synthesize, in order, each at most MAX_CHUNK characters.

    *base* is the item's script (zh, en or ug): it reads digits and punctuation.
    """
    text = "\n".join(line if line.endswith(("。", "！", "？", ".", "!", "?", "：", ":"))
                     else line + ("。" if script_of(line[-1]) == HAN_OR_OTHER else ".")
                     for line in lines)
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
