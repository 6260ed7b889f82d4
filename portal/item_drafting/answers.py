"""What ``invoke new`` needs to know, each value checked, from an option or asked for.

Category and title have no default: without a terminal to ask at, a missing
one stops the task.  Publisher (``SITENAME``) and disclosure (主动公开) have
defaults, taken when nothing is given, as pressing Enter takes them at the
prompt.  An item that is not 主动公开 needs its withholding basis.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import zoneinfo
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from portal.content_model import fields
from portal.content_model.catalog import ID_RE, Catalog, CatalogError, Node, load_catalog
from portal.content_model.problems import key_name

if TYPE_CHECKING:
    from pelican.settings import Settings

#: The values asked for when no option gives them, in the order they are asked.
ASKED = ("category", "title", "publisher", "disclosure", "withhold_basis")
HINTS = {
    "category": "填写上列编号或名称",
    "disclosure": "主动公开、依申请公开或不予公开",
    "withhold_basis": "如 条例第十四条",
}
#: What a check makes of the text it takes: the text, a catalog node, a date …
_T = TypeVar("_T")


class Refused(Exception):
    """A value the task cannot take; the message says why."""


@dataclasses.dataclass(frozen=True)
class NewItem:
    node: Node
    title: str
    publisher: str
    disclosure: str  #: the Chinese value (aliases resolved)
    withhold_basis: str
    date: datetime.date
    slug: str  #: "" for the default file name
    mailbox: str = ""  #: INTERACTION_MAILBOX: where a new consultation's comments go until the editor says otherwise


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise Refused("must not be empty")
    if "\n" in text or "\r" in text:
        raise Refused("must be one line")
    return text


def check_category(catalog: Catalog, text: str) -> Node:
    text = text.strip()
    if text in catalog:
        return catalog[text]
    named = [node for node in catalog.walk() if node.name == text]
    if len(named) == 1:
        return named[0]
    raise Refused(
        f"{text!r} is not a node of the catalog; the nodes are " + ", ".join(node.id for node in catalog.walk())
    )


def check_disclosure(text: str) -> str:
    text = text.strip()
    value = fields.DISCLOSURE_VALUES.get(text.lower(), fields.DISCLOSURE_VALUES.get(text))
    if value is None:
        raise Refused(f"{text!r} is unknown; one of 主动公开, 依申请公开, 不予公开 (proactive, on-request, withheld)")
    return value


def check_date(text: str) -> datetime.date:
    day = fields.parse_day(text)
    if day is None:
        raise Refused(f"{text!r} is not a date YYYY-MM-DD")
    return day


def check_slug(text: str) -> str:
    if not ID_RE.match(text):
        raise Refused(
            f"{text!r} is not a file name of lower-case ASCII letters, digits and hyphens, e.g. 2019-quality-month"
        )
    return text


def today(settings: Settings) -> datetime.date:
    return datetime.datetime.now(zoneinfo.ZoneInfo(settings["TIMEZONE"])).date()


def option_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def question_of(name: str) -> str:
    hint = f"，{HINTS[name]}" if name in HINTS else ""
    return f"{fields.LABELS[name]}（{key_name(name)}{hint}）"


def ask(
    question: str, check: Callable[[str], _T], default: str | None = None, read: Callable[[str], str] = input
) -> _T:
    """Ask *question* until *check* takes the answer (Enter takes *default*); return what it made of it."""
    prompt = f"{question}［直接回车：{default}］：" if default else f"{question}："
    while True:
        answer = read(prompt).strip() or default or ""
        try:
            return check(answer)
        except Refused as error:
            print(f"  {error}")


def catalog_choices(catalog: Catalog) -> list[str]:
    """The catalog as lines to choose from: id and name, children indented."""
    width = max(2 * node.depth + len(node.id) for node in catalog.walk())
    return [f"  {'  ' * node.depth + node.id:<{width}}  {node.name}" for node in catalog.walk()]


def gather(
    settings: Settings,
    options: Mapping[str, str | None],
    ask: Callable[[str, Callable[[str], Any], str | None], Any] | None = None,
) -> NewItem:
    """The :class:`NewItem` described by *options* (``None``: not given).

    Values not given are asked for with *ask*; with no *ask* (no terminal)
    the defaults are taken and a value without one is :class:`Refused`.
    """
    try:
        catalog = load_catalog(os.path.join(settings["PATH"], settings["CATALOG_FILE"]))
    except CatalogError as error:
        raise Refused(f"the catalog is malformed:\n{error}") from None
    checks = {
        "category": lambda text: check_category(catalog, text),
        "title": check_text,
        "publisher": check_text,
        "disclosure": check_disclosure,
        "withhold_basis": check_text,
    }
    defaults = {"publisher": settings["SITENAME"], "disclosure": fields.PROACTIVE}
    values = {"withhold_basis": ""}
    missing = []
    for name in ASKED:
        if name == "withhold_basis" and values.get("disclosure") == fields.PROACTIVE:
            if options[name] is not None:
                raise Refused(f"{option_name(name)} is only for an item that is not {fields.PROACTIVE}")
            continue
        if options[name] is not None:
            values[name] = from_option(options, name, checks[name])
        elif ask:
            if name == "category":
                print("\n".join(catalog_choices(catalog)))
            values[name] = ask(question_of(name), checks[name], defaults.get(name))
        elif name in defaults:
            values[name] = checks[name](defaults[name])
        else:
            missing.append(option_name(name))
    if missing:
        raise Refused(
            f"{', '.join(missing)} not given, and there is no terminal to ask at: give "
            + ("it as an option." if len(missing) == 1 else "them as options.")
        )
    date = from_option(options, "date", check_date) if options["date"] is not None else today(settings)
    slug = from_option(options, "slug", check_slug) if options["slug"] is not None else ""
    return NewItem(
        values["category"],
        values["title"],
        values["publisher"],
        values["disclosure"],
        values["withhold_basis"],
        date,
        slug,
        settings.get("INTERACTION_MAILBOX", ""),
    )


def from_option(options: Mapping[str, str | None], name: str, check: Callable[[str], _T]) -> _T:
    try:
        return check(options[name])
    except Refused as error:
        raise Refused(f"{option_name(name)}: {error}") from None
