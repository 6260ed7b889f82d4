"""The publishing rule: which items and pages may be published, as of which moment.

The plugin ``publishing_rule`` applies it as each file is read; the content
check, the annual report and the status of consultations judge by it too.
"""

import datetime
import zoneinfo

from portal.content_model import fields


def build_time(settings):
    """The naive local time that embargoes are compared with."""
    fixed = settings.get("DISCLOSURE_NOW")
    if fixed:
        return fields.parse_date(fixed)
    zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return datetime.datetime.now(zone).replace(tzinfo=None)


def is_published(metadata, now):
    """True if an item with this (Pelican-processed) metadata may be published."""
    proactive = fields.disclosure_value(str(metadata.get("disclosure", "")))
    date = metadata.get("date")
    if date is not None and date.tzinfo is not None:
        date = date.replace(tzinfo=None)
    return (proactive == fields.PROACTIVE
            and metadata.get("status", "published") == "published"
            and date is not None
            and date <= now)


def is_page_published(metadata, now):
    """True if a page with this metadata may be published: the rule of items, with
    Disclosure 主动公开 and a Date that has come when the page gives none."""
    return is_published({"disclosure": fields.PROACTIVE, "date": now, **metadata}, now)
