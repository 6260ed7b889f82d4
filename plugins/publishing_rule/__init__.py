"""The publishing rule, enforced in this one place.

Adds: only proactive (主动公开), non-draft, non-hidden, non-embargoed items are
published.  Every other item is turned into Pelican's ``skip`` status the moment
it is read, so no generator, writer, static-file collector or later plugin ever
sees it: nothing of it can reach any output file.

Signals: ``article_generator_context`` (the item's metadata, after reading and
before Pelican builds the article object).

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
    disclosure = str(metadata.get("disclosure", "")).strip()
    proactive = fields.DISCLOSURE_VALUES.get(disclosure.lower(),
                                             fields.DISCLOSURE_VALUES.get(disclosure))
    date = metadata.get("date")
    if date is not None and date.tzinfo is not None:
        date = date.replace(tzinfo=None)
    return (proactive == fields.PROACTIVE
            and metadata.get("status", "published") == "published"
            and date is not None
            and date <= now)


def skip_unpublished(generator, metadata):
    if not is_published(metadata, build_time(generator.settings)):
        metadata["status"] = "skip"


def register():
    signals.article_generator_context.connect(skip_unpublished)
