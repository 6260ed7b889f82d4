"""Revision history (更新记录) of every item: its first publication and the changes noted for the public.

Adds: ``revisions`` to every published item, ``(date, text)`` pairs newest
first: each public note of a commit that changed the item's file, dated with
the commit (YYYY-MM-DD in ``TIMEZONE``), then the item's ``Date`` with 首次发布.
``theme/templates/partials/item_revisions.html`` shows them.

Editors write the note the public reads as a ``Public-note:`` trailer of the
commit message (see :mod:`.history`); a commit without one shows nothing, and
no commit subject is ever shown.  Commits before the item's ``Date`` are not
changes the public could have seen, and show nothing either.

One commit may change several files, and its note could speak of any of them.
So a note is shown only if every file the commit changed is public now:

- the source of a published item or of a published page;
- a static file the build copies as it is (``STATIC_PATHS``, and the
  attachments of published items);
- the catalog tree (``CATALOG_FILE``), which /catalog/ and catalog.json
  publish whole.

Anything else (an item that is not published, whatever its extension, its
attachments, ``messages.toml`` with its unanswered messages, the annual
report's records, a file outside the content folder or one deleted since)
keeps the commit's note, and its date, off every item it changed.

One ``git log`` reads the whole content folder, whatever the number of items.
``--follow`` works on one file only, so renames are followed by hand: the log
is read with rename detection, and the history of a moved or renamed item goes
on with the commits of its old name.  Without git history (no work tree, no
git, a shallow clone) an item shows its first publication only.

Signals: ``all_generators_finalized`` (published items, pages and static files
are known, and no page is written yet).

Settings: ``REVISION_HISTORY_ENABLED`` (default True; False runs no git and
shows no 更新记录).
"""

import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from .history import file_histories, read_log

logger = logging.getLogger(__name__)

#: The text of the oldest entry, dated with the item's ``Date``.
FIRST_PUBLICATION = "首次发布"


def source_path(content):
    """The content's source file, relative to ``PATH``, with ``/`` between folders."""
    return content.relative_source_path.replace(os.sep, "/")


def public_files(generators, settings):
    """The files of the content folder whose changes the public may read about (see above)."""
    public = {settings["CATALOG_FILE"]}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            public.update(source_path(item) for item in generator.articles + generator.translations)
        elif isinstance(generator, PagesGenerator):
            public.update(source_path(page) for page in generator.pages + generator.translations)
        elif isinstance(generator, StaticGenerator):
            public.update(source_path(static) for static in generator.staticfiles)
    return public


def shown_commits(histories, public):
    """The commits of *histories* whose notes the public may read: every file they changed is public."""
    noted = {commit for history in histories.values() for commit in history if commit.notes}
    shown = {commit for commit in noted if all(path in public for path in commit.files)}
    for commit in sorted(noted - shown, key=lambda commit: commit.moment):
        logger.info(
            "更新记录: the public notes of commit %s are not shown: it also changed files that are not published",
            commit.name,
        )
    return shown


def add_revisions(generators):
    articles = next(generator for generator in generators if isinstance(generator, ArticlesGenerator))
    settings = articles.settings
    items = articles.articles + articles.translations
    if not settings.get("REVISION_HISTORY_ENABLED", True):
        for item in items:
            item.revisions = []
        return
    histories = file_histories(read_log(settings["PATH"]), settings["TIMEZONE"]) if items else {}
    shown = shown_commits(histories, public_files(generators, settings))
    for item in items:
        item.revisions = [
            (f"{commit.moment:%Y-%m-%d}", note)
            for commit in histories.get(source_path(item), [])
            if commit in shown and commit.moment >= item.date
            for note in commit.notes
        ]
        item.revisions.append((f"{item.date:%Y-%m-%d}", FIRST_PUBLICATION))


def register():
    signals.all_generators_finalized.connect(add_revisions)
