"""The publishing rule, enforced in this one place.

Adds: only proactive (主动公开), non-draft, non-hidden, non-embargoed items are
published.  Every other item is turned into Pelican's ``skip`` status the moment
it is read, so no generator, writer, static-file collector or later plugin ever
sees it: nothing of it can reach any output file.  Standalone pages obey the
same rule, except that a page without ``Disclosure`` is proactive and one
without ``Date`` is not embargoed.

Signals: ``article_generator_context`` and ``page_generator_context`` (the
item's or page's metadata, after reading and before Pelican builds its object).

Settings: ``DISCLOSURE_NOW`` ("YYYY-MM-DD HH:MM", default: the build's clock in
``TIMEZONE``) is the moment embargoes are judged against.
"""

import datetime
import zoneinfo

from pelican import signals

from content_model import fields


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


def skip_unpublished(generator, metadata):
    if not is_published(metadata, build_time(generator.settings)):
        metadata["status"] = "skip"


def skip_unpublished_page(generator, metadata):
    if not is_page_published(metadata, build_time(generator.settings)):
        metadata["status"] = "skip"


def register():
    signals.article_generator_context.connect(skip_unpublished)
    signals.page_generator_context.connect(skip_unpublished_page)
