"""The steps of a service guide's 办理流程, each with its responsible office and time limit.

A step is one item of the ordered list.  It may end with a note in full-width
parentheses naming who handles it and how long it may take, in either order,
each part optional, parts separated by a full-width semicolon::

    2. 实地核查：组织核查组进行实地核查（承办：食品生产安全监督管理处；时限：5个工作日）

The text before the first ``：`` (when at most ``NAME_MAX_CHARS`` characters)
is the step's name, which the flowchart shows; without one it shows the whole
step.  Any other trailing parenthesis is part of the step's text.
"""

import dataclasses
import re

OFFICE_LABEL, TIME_LIMIT_LABEL = "承办", "时限"
LABELS = (OFFICE_LABEL, TIME_LIMIT_LABEL)
NOTE_EXPECTED = "a trailing （承办：负责的处室；时限：N个工作日）, either part alone or both, separated by ；"
NAME_MAX_CHARS = 12
OFFICE_MAX_CHARS = 40
#: 时限 values: a number of working or calendar days, months, hours or minutes
#: (optionally with 内), or done on the spot.
TIME_LIMIT_RE = re.compile(r"^(?:\d+(?:\.\d+)?(?:个工作日|个自然日|个月|日|天|小时|分钟)内?|当场|当场办结|即时办结)$")
TIME_LIMIT_EXPECTED = "a number with its unit, e.g. 5个工作日, 10个自然日, 2小时, or 当场办结"

#: The note at the very end of a step: full-width parentheses holding no others.
NOTE_RE = re.compile(r"（(?P<note>[^（）]*)）\s*$")
#: A parenthesis that opens with a label: what an editor meant as a note, well formed or not.
LABELLED_RE = re.compile(r"[（(]\s*(?:承办|时限)\s*[：:]")
#: A numbered line of a Markdown list: "1. text" (top level only).
MARKDOWN_STEP_RE = re.compile(r"^\d+\.\s+(?P<text>.*\S)\s*$")


class StepFormatError(ValueError):
    """A malformed step: ``args`` are what is wrong and what was expected."""


@dataclasses.dataclass(frozen=True)
class Step:
    number: int
    text: str  #: the step without its note
    name: str  #: what the flowchart shows: the text before ：, or the whole text
    office: str = ""
    time_limit: str = ""


def parse_note(note: str) -> dict[str, str]:
    """The {label: value} of the inside of a note, or StepFormatError."""
    values = {}
    if ";" in note:
        raise StepFormatError(f"note （{note}） separates its parts with a half-width ';'", NOTE_EXPECTED)
    for part in note.split("；"):
        label, colon, value = part.partition("：")
        label, value = label.strip(), value.strip()
        if not colon:
            half = ":" in part
            raise StepFormatError(
                f"{part.strip()!r} in the note （{note}） has no full-width ："
                + (" (it has a half-width ':')" if half else ""),
                NOTE_EXPECTED,
            )
        if label not in LABELS:
            raise StepFormatError(f"{label!r} in the note （{note}） is not a label", NOTE_EXPECTED)
        if label in values:
            raise StepFormatError(f"{label} is given twice in the note （{note}）", NOTE_EXPECTED)
        if not value:
            raise StepFormatError(f"{label} is empty in the note （{note}）", NOTE_EXPECTED)
        if "：" in value or ":" in value:
            raise StepFormatError(f"{label} {value!r} holds a colon: is a ； missing between the parts?", NOTE_EXPECTED)
        values[label] = value
    office = values.get(OFFICE_LABEL, "")
    if len(office) > OFFICE_MAX_CHARS:
        raise StepFormatError(
            f"承办 {office!r} is {len(office)} characters long",
            f"at most {OFFICE_MAX_CHARS} characters: the office's name",
        )
    time_limit = values.get(TIME_LIMIT_LABEL, "")
    if time_limit and not TIME_LIMIT_RE.match(time_limit):
        raise StepFormatError(f"时限 {time_limit!r} is not a time limit", TIME_LIMIT_EXPECTED)
    return values


def parse_step(number: int, text: str) -> Step:
    """The :class:`Step` that *text*, the step numbered *number*, describes; StepFormatError if malformed."""
    text = " ".join(text.split())
    match = NOTE_RE.search(text)
    values = {}
    if match and LABELLED_RE.match(match.group(0)):
        values = parse_note(match["note"])
        text = text[: match.start()].rstrip()
    elif LABELLED_RE.search(text):
        raise StepFormatError(
            "its 承办/时限 note is not one pair of full-width parentheses （…） "
            "that ends the step, with none inside it",
            NOTE_EXPECTED,
        )
    if not text:
        raise StepFormatError("has no text before its note", "what is done in this step, then the note")
    name, colon, _ = text.partition("：")
    name = name.strip()
    if not colon or not name or len(name) > NAME_MAX_CHARS:
        name = text
    return Step(number, text, name, values.get(OFFICE_LABEL, ""), values.get(TIME_LIMIT_LABEL, ""))


def markdown_steps(section: str) -> list[tuple[int, str]]:
    """(number, text) of each step of a 办理流程 section's Markdown, numbered from 1 as readers see them."""
    texts = [match["text"] for match in map(MARKDOWN_STEP_RE.match, section.split("\n")) if match]
    return list(enumerate(texts, 1))


def step_key(number: int) -> str:
    """Where a problem of the step numbered *number* is reported, after the file's path."""
    return f"## 办理流程, step {number}"


def step_problems(section: str) -> list[tuple[int, str, str]]:
    """(step number, what is wrong, what was expected) of each malformed step of a 办理流程 section."""
    problems = []
    for number, text in markdown_steps(section):
        try:
            parse_step(number, text)
        except StepFormatError as error:
            problems.append((number, *error.args))
    return problems
