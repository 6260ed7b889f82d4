"""Revision history (更新记录) of every item, read from git.

Adds: ``revisions`` to every published item, the ``(date, subject)`` of each
commit that changed its file, newest first; the date is the commit's (when the
change entered the history), as YYYY-MM-DD in ``TIMEZONE``.  The list is empty
when the content folder is not in a git work tree, git is missing, or the
clone is shallow (its history would be cut short and look complete).
``theme/templates/partials/item_revisions.html`` shows it.

A commit subject is the editor's words, not the item's, and one commit may also
change an item that is not published: its subject could name it.  So a subject
is shown only when every file the commit changed is public (a published item, a
page, an attachment of a published item, or a data file such as the catalog);
otherwise the date is shown with 内容更新.

One ``git log`` reads the whole content folder, whatever the number of items
(see :mod:`.history`).  ``--follow`` works on one file only, so renames are
followed by hand: the log is read with rename detection, and the history of a
moved or renamed item goes on with the commits of its old name.

Signals: ``article_generator_finalized`` (the published items are known, and
none is written yet).

Settings: ``REVISION_HISTORY_ENABLED`` (default True; False runs no git and
shows no 更新记录).
"""

import os

from pelican import signals

from content_validation.validator import page_files

from .history import file_histories, read_log

#: Shown instead of the subject of a commit that also changed something not published.
UNSHOWN_SUBJECT = "内容更新"


def public_files(settings, items):
    """The content files whose names and changes are public, relative to ``PATH``."""
    public = {relative_path(item, settings) for item in items}
    public.update(path.replace(os.sep, "/") for path in page_files(settings))
    public.update(attachment.url for item in items for attachment in getattr(item, "attachment_files", []))
    return public


def is_public(path, public, settings):
    if path is None:
        return False
    if path.endswith(".md") or path.startswith(settings["ATTACHMENTS_PATH"] + "/"):
        return path in public
    return True


def relative_path(item, settings):
    return os.path.relpath(item.source_path, settings["PATH"]).replace(os.sep, "/")


def add_revisions(generator):
    settings = generator.settings
    items = generator.articles + generator.translations
    histories = {}
    if settings.get("REVISION_HISTORY_ENABLED", True) and items:
        histories = file_histories(read_log(settings["PATH"]), settings["TIMEZONE"])
    public = public_files(settings, items) if histories else set()
    for item in items:
        item.revisions = [
            (date, subject if all(is_public(path, public, settings) for path in files) else UNSHOWN_SUBJECT)
            for date, subject, files in histories.get(relative_path(item, settings), [])]


def register():
    signals.article_generator_finalized.connect(add_revisions)
