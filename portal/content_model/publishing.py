"""The publishing rule: which items and pages may be published, as of which moment.

The plugin ``publishing_rule`` applies it as each file is read; the content
check, the annual report and the status of consultations judge by it too.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from portal.content_model import fields

if TYPE_CHECKING:
    from pelican.settings import Settings


def build_time(settings: Settings) -> datetime.datetime:
    """The naive local time that embargoes are compared with.

    A malformed ``DISCLOSURE_NOW`` stops the build or task (a SystemExit naming
    the setting): judging embargoes by no time at all could publish anything.
    """
    fixed = settings.get("DISCLOSURE_NOW")
    if fixed:
        moment = fields.parse_date(fixed)
        if moment is None:
            raise SystemExit(
                f"设置 DISCLOSURE_NOW 的值 {fixed!r} 不是有效的时间（应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM）"
                f"(DISCLOSURE_NOW {fixed!r} is not a valid time)"
            )
        return moment
    zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return datetime.datetime.now(zone).replace(tzinfo=None)


def is_published(metadata: Mapping[str, Any], now: datetime.datetime) -> bool:
    """True if an item with this (Pelican-processed) metadata may be published."""
    proactive = fields.disclosure_value(str(metadata.get("disclosure", "")))
    date = metadata.get("date")
    if date is not None and date.tzinfo is not None:
        date = date.replace(tzinfo=None)
    return (
        proactive == fields.PROACTIVE
        and metadata.get("status", "published") == "published"
        and date is not None
        and date <= now
    )


def is_page_published(metadata: Mapping[str, Any], now: datetime.datetime) -> bool:
    """True if a page with this metadata may be published: the rule of items, with
    Disclosure 主动公开 and a Date that has come when the page gives none."""
    return is_published({"disclosure": fields.PROACTIVE, "date": now, **metadata}, now)
