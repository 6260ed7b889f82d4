"""Table 2 of the annual report (主动公开政府信息情况), counted from the published items.

The 2021 format asks for figures of four items of Article 20 of the Regulations:

- （一） 规章 and 行政规范性文件: made in the year, repealed in the year, in force at its end;
- （五） 行政许可 and （六） 行政处罚, 行政强制: the decisions made in the year;
- （八） 行政事业性收费: the fees collected in the year, in 万元.

An item says what it counts with ``Stat_kind``, ``Stat_count`` and ``Stat_amount``
(see CONTENT-MODEL.md); only items the portal publishes count.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from portal.content_check import validate_site
from portal.content_model import fields
from portal.content_model.header import read_item
from portal.content_model.problems import ContentValidationError
from portal.content_model.publishing import build_time, is_published
from portal.content_model.sources import item_files

if TYPE_CHECKING:
    from pelican.settings import Settings

DOCUMENT_KINDS = ("规章", "行政规范性文件")
DECISION_KINDS = ("行政许可", "行政处罚", "行政强制")
FEE_KIND = "行政事业性收费"
CENT = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class DocumentCounts:
    made: int
    repealed: int
    in_force: int


@dataclasses.dataclass(frozen=True)
class ProactiveStatistics:
    documents: dict  # {kind: DocumentCounts}, kinds in DOCUMENT_KINDS order
    decisions: dict  # {kind: number of decisions}, kinds in DECISION_KINDS order
    fees: Decimal  # 万元, two decimals

    def summary_lines(self) -> list[str]:
        """The figures in plain words, one a line."""
        lines = [
            f"{kind}: made {counts.made}, repealed {counts.repealed}, in force {counts.in_force}"
            for kind, counts in self.documents.items()
        ]
        lines += [f"{kind}: {count} decisions" for kind, count in self.decisions.items()]
        return [*lines, f"{FEE_KIND}: {self.fees} 万元"]


def published_items(settings: Settings) -> list[dict[str, str]]:
    """The raw metadata of every item published at the settings' build time.

    Raises :class:`ContentValidationError` with every problem of an invalid
    content folder: the build would refuse it, so its figures are not the portal's.
    """
    problems = validate_site(settings)
    if problems:
        raise ContentValidationError(problems)
    now = build_time(settings)
    items = [read_item(os.path.join(settings["PATH"], relative))[0] for relative in item_files(settings)]
    return [metadata for metadata in items if is_published(as_read_by_pelican(metadata), now)]


def as_read_by_pelican(metadata: Mapping[str, str]) -> dict[str, str | datetime.datetime | None]:
    """The raw *metadata* with ``date`` converted, as :func:`is_published` expects it."""
    return {**metadata, "date": fields.parse_date(metadata["date"])}


def count_year(items: Collection[Mapping[str, str]], year: int) -> ProactiveStatistics:
    """Table 2 of *year* from *items*, the raw metadata of the published items."""
    return ProactiveStatistics(
        documents={kind: count_documents(of_kind(items, kind), year) for kind in DOCUMENT_KINDS},
        decisions={
            kind: sum(
                int(metadata.get("stat_count") or 0)
                for metadata in of_kind(items, kind)
                if published_on(metadata).year == year
            )
            for kind in DECISION_KINDS
        },
        fees=sum(
            (
                Decimal(metadata.get("stat_amount") or 0)
                for metadata in of_kind(items, FEE_KIND)
                if published_on(metadata).year == year
            ),
            Decimal(0),
        ).quantize(CENT),
    )


def of_kind(items: Iterable[Mapping[str, str]], kind: str) -> list[Mapping[str, str]]:
    return [metadata for metadata in items if metadata.get("stat_kind") == kind]


def published_on(metadata: Mapping[str, str]) -> datetime.date:
    return fields.parse_date(metadata["date"]).date()


def made_on(metadata: Mapping[str, str]) -> datetime.date:
    """The day a document was made: its ``Written`` date, else its publication ``Date``."""
    return fields.parse_day(metadata["written"]) if metadata.get("written") else published_on(metadata)


def repealed_on(metadata: Mapping[str, str]) -> datetime.date | None:
    """The day a repealed (废止) document was repealed; None for any other."""
    return fields.parse_day(metadata["repealed"]) if metadata.get("validity") == "废止" else None


def is_in_force(metadata: Mapping[str, str], day: datetime.date) -> bool:
    """True if the document was in force at the end of *day*: made and not yet repealed.

    The content model gives an expired (失效) document no date of expiry, so an
    expired document counts as not in force whatever the day; the report's note
    asks the editor to check the ones that expired after the year's end.
    """
    repealed = repealed_on(metadata)
    return made_on(metadata) <= day and not (repealed and repealed <= day) and metadata.get("validity") != "失效"


def count_documents(documents: Collection[Mapping[str, str]], year: int) -> DocumentCounts:
    year_end = datetime.date(year, 12, 31)
    repeals = [day for day in map(repealed_on, documents) if day]
    return DocumentCounts(
        made=sum(made_on(metadata).year == year for metadata in documents),
        repealed=sum(day.year == year for day in repeals),
        in_force=sum(is_in_force(metadata, year_end) for metadata in documents),
    )
