"""The commits that changed each file of a folder, from one ``git log`` of the whole folder."""

import collections
import datetime
import logging
import subprocess
import zoneinfo

logger = logging.getLogger(__name__)

# Separators of commits and of their fields, control characters that subjects do not hold;
# ``-z`` ends every status and path with NUL.
COMMIT, FIELD, END = "\x1e", "\x1f", "\0"
# --date-order: newest first, and never a commit before a later one that builds on it (renames are
# followed back in that order).
LOG_COMMAND = ["log", "--date-order", "-z", "--name-status", "-M", "--relative", "--no-show-signature",
               f"--format={COMMIT}%ct{FIELD}%s", "--", "."]


def git(folder, *arguments):
    """The output of ``git -C folder ARGUMENTS``, or None if git is missing or fails."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *arguments],
                                capture_output=True, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        logger.info("No 更新记录: git is not installed")
        return None
    if result.returncode != 0:
        logger.info("No 更新记录: git %s in %s: %s", arguments[0], folder, result.stderr.strip())
        return None
    return result.stdout


def read_log(folder):
    """The log of *folder*, paths relative to it; "" when there is no usable history."""
    shallow = git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return ""
    if shallow.strip() == "true":
        logger.warning("No 更新记录: %s is in a shallow clone, whose history is cut short; "
                       "fetch the whole history (git fetch --unshallow) to show it", folder)
        return ""
    return git(folder, *LOG_COMMAND) or ""


def parse_log(log):
    """``(commit time, subject, changes)`` of each commit, newest first.

    *changes* are ``(status, paths)``: one path, or the old and the new one of a rename.
    """
    for record in log.split(COMMIT)[1:]:
        header, _, listing = record.partition(END)
        timestamp, _, subject = header.partition(FIELD)
        tokens = listing.lstrip("\n").split(END)
        changes = []
        position = 0
        while position < len(tokens) and tokens[position]:
            status = tokens[position]
            count = 2 if status.startswith("R") else 1
            changes.append((status, tokens[position + 1:position + 1 + count]))
            position += 1 + count
        yield int(timestamp), subject, changes


def file_histories(log, timezone):
    """``{path: [(date, subject, files), …]}``, newest first, for each file as it is named now;
    *files* are all the files the commit changed, as named now (None: a file gone since).

    Going back in time, a rename hands the commits of the old name to the file
    that has the new one now; a file added under a name ends that name's
    history, so an older, deleted file of the same name lends it nothing.
    """
    zone = zoneinfo.ZoneInfo(timezone)
    histories = collections.defaultdict(list)
    now_named = {}  # a name in the history -> the file that has it now (None: no file of now)
    for timestamp, subject, changes in parse_log(log):
        date = datetime.datetime.fromtimestamp(timestamp, zone).date().isoformat()
        # Every name of the commit is looked up as it was after it, before any is handed back.
        owners = [now_named.get(paths[-1], paths[-1]) for _, paths in changes]
        for status, paths in changes:
            if status.startswith(("R", "A")):
                now_named[paths[-1]] = None
        for (status, paths), owner in zip(changes, owners):
            if status.startswith("R"):
                now_named[paths[0]] = owner
        touched = tuple(owners)
        for owner in dict.fromkeys(owners):
            if owner is not None:
                histories[owner].append((date, subject, touched))
    return dict(histories)
