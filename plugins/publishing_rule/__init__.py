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

from pelican import signals

from portal.content_model.publishing import build_time, is_page_published, is_published


def skip_unpublished(generator, metadata):
    if not is_published(metadata, build_time(generator.settings)):
        metadata["status"] = "skip"


def skip_unpublished_page(generator, metadata):
    if not is_page_published(metadata, build_time(generator.settings)):
        metadata["status"] = "skip"


def register():
    signals.article_generator_context.connect(skip_unpublished)
    signals.page_generator_context.connect(skip_unpublished_page)
