"""The messages data file: reading, checking, and what is computed from a message."""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pelican.settings import Settings

ID_RE = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
#: Keys of a ``[[message]]`` table: required, then optional.
REQUIRED_KEYS = ("id", "subject", "topic", "received", "question")
OPTIONAL_KEYS = ("answered", "answer", "answered_by")
EXPECTED = {
    "id": "letters, digits and hyphens, unique in the file, e.g. 2019-001",
    "subject": "the subject of the message, as published",
    "topic": "its category, e.g. 食品安全",
    "received": "the day the message came in, YYYY-MM-DD",
    "question": "the message as published, without the writer's personal details",
    "answered": "the day of the answer, YYYY-MM-DD, on or after received",
    "answer": "the bureau's answer",
    "answered_by": "the office that answered",
}


class MessagesFileError(ValueError):
    """The messages file is malformed.

    ``problems`` holds ``(where, what is wrong, what was expected)`` triples,
    *where* being ``message N (id): key`` (or empty for the whole file); the
    message lists them as ``path: where: what (expected)``, one a line.
    """

    def __init__(self, path: str | os.PathLike[str], problems: Sequence[tuple[str, str, str]]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(
            "\n".join(
                ": ".join(part for part in (shown_path(self.path), where, what) if part)
                + (f" ({expected})" if expected else "")
                for where, what, expected in problems
            )
        )


@dataclasses.dataclass(frozen=True)
class Message:
    id: str
    subject: str
    topic: str
    received: datetime.date
    question: str
    answered: datetime.date | None = None
    answer: str = ""
    answered_by: str = ""

    @property
    def anchor(self) -> str:
        return f"message-{self.id}"

    def answered_by_day(self, day: datetime.date) -> bool:
        return self.answered is not None and self.answered <= day

    def reply_due(self, months: int) -> datetime.date:
        """The last day of the reply period: *months* months after the day received."""
        return months_after(self.received, months)


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day *months* months later, or that month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a question or answer: separated by blank lines, lines joined."""
    return [
        "".join(line.strip() for line in block.splitlines())
        for block in re.split(r"\n\s*\n", text.strip())
        if block.strip()
    ]


def as_day(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_message(
    table: Mapping[str, Any], where: str, seen_ids: Mapping[str, int]
) -> tuple[Message | None, list[tuple[str, str, str]]]:
    """``(the Message or None, problems)`` of one ``[[message]]`` table; *where* names it."""
    problems = []

    def report(key, what):
        problems.append((f"{where}: {key}", what, EXPECTED[key]))

    for key in sorted(set(table) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        problems.append((f"{where}: {key}", "unknown key", f"one of {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)}"))
    given = {key for key, value in table.items() if not (isinstance(value, str) and not value.strip())}
    values = {}
    for key in REQUIRED_KEYS + OPTIONAL_KEYS:
        value = table.get(key)
        if key not in given:
            if key in REQUIRED_KEYS:
                report(key, "missing")
            continue
        if key in ("received", "answered"):
            values[key] = as_day(value)
            if values[key] is None:
                report(key, f"{value!r} is not a date")
        elif not isinstance(value, str):
            report(key, f"{value!r} is not text")
        else:
            values[key] = value.strip()
    message_id = values.get("id")
    if message_id is not None:
        if not ID_RE.match(message_id):
            report("id", f"{message_id!r} is not a valid id")
        elif message_id in seen_ids:
            report("id", f"{message_id!r} is used by message {seen_ids[message_id]} too")
    if "answer" in given and "answered" not in given:
        report("answered", "missing: the message has an answer")
    if "answer" not in given:
        if "answered" in given:
            report("answer", "missing: the message has an answered date")
        elif "answered_by" in given:
            report("answer", "missing: the message names who answered")
    received, answered = values.get("received"), values.get("answered")
    if received and answered and answered < received:
        report("answered", f"{answered} is before received {received}")
    if problems:
        return None, problems
    return Message(**values), []


def shown_path(path: str) -> str:
    """*path* relative to the working folder, unless it lies outside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def load_messages(path: str | os.PathLike[str]) -> list[Message]:
    """Every message of the file at *path* (none if there is no file); raise
    :class:`MessagesFileError` listing every problem of a malformed one."""
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError:
        return []
    except tomllib.TOMLDecodeError as error:
        raise MessagesFileError(path, [("", f"not valid TOML: {error}", "")]) from None
    tables = data.get("message", [])
    problems = [(key, "unknown key", "only [[message]] tables") for key in data if key != "message"]
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise MessagesFileError(path, [*problems, ("message", "not a list of tables", "one [[message]] table each")])
    messages, seen_ids = [], {}
    for number, table in enumerate(tables, start=1):
        label = f"message {number}" + (f" ({table['id']})" if isinstance(table.get("id"), str) else "")
        message, found = check_message(table, label, seen_ids)
        problems += found
        if isinstance(table.get("id"), str):
            seen_ids.setdefault(table["id"].strip(), number)
        if message:
            messages.append(message)
    if problems:
        raise MessagesFileError(path, problems)
    return messages


def messages_path(settings: Settings) -> str:
    return os.path.join(settings["PATH"], settings["MESSAGES_FILE"])
