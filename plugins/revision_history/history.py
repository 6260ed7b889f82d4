"""The commits that changed each file of a folder, with their public notes, from one ``git log``.

A commit's public note is what its message gives as a ``Public-note:`` trailer
(git's trailer syntax: ``Key: value`` lines in the message's last paragraph; a
value may go on over indented lines, which are joined).  A commit may carry
several; the subject and the rest of the message are never read.

The log lists every file each commit changed (``--full-diff``), inside the
folder or not, by its path from the top of the work tree: a change outside the
folder is seen too.  Git reads trailers by key from version 2.22.
"""

import collections
import dataclasses
import datetime
import logging
import subprocess
import zoneinfo

logger = logging.getLogger(__name__)

#: The trailer key of a public note (git compares keys without regard to case).
NOTE_KEY = "Public-note"
# Separators of commits and of their fields, control characters that messages do not hold;
# ``-z`` ends every status and path with NUL.  Notes are one a line (``unfold`` joins a folded value).
COMMIT, FIELD, END = "\x1e", "\x1f", "\0"
# --date-order: newest first, and never a commit before a later one that builds on it (renames are
# followed back in that order).  --no-relative: paths from the top, whatever the user's diff.relative.
LOG_COMMAND = [
    "log",
    "--date-order",
    "-z",
    "--name-status",
    "-M",
    "--full-diff",
    "--no-relative",
    "--no-show-signature",
    f"--format={COMMIT}%h{FIELD}%ct{FIELD}%(trailers:key={NOTE_KEY},valueonly,unfold)",
    "--",
    ".",
]


@dataclasses.dataclass(frozen=True)
class Commit:
    name: str  #: the abbreviated commit hash
    moment: datetime.datetime  #: the commit time, in the time zone asked for
    notes: tuple  #: its public notes, in the order of the message
    files: tuple  #: every file it changed, as named now, relative to the folder (None: gone since, or outside)


@dataclasses.dataclass(frozen=True)
class Log:
    text: str  #: the output of LOG_COMMAND; "" when there is no usable history
    prefix: str = ""  #: the folder's path from the top of the work tree, ending in "/" ("" at the top)


def git(folder, *arguments):
    """The output of ``git -C folder ARGUMENTS``, or None if git is missing or fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *arguments], check=False, capture_output=True, encoding="utf-8", errors="replace"
        )
    except FileNotFoundError:
        logger.info("No 更新记录: git is not installed")
        return None
    if result.returncode != 0:
        logger.info("No 更新记录: git %s in %s: %s", arguments[0], folder, result.stderr.strip())
        return None
    return result.stdout


def read_log(folder):
    """The :class:`Log` of *folder*."""
    where = git(folder, "rev-parse", "--is-shallow-repository", "--show-prefix")
    if where is None:
        return Log("")
    shallow, prefix, _ = where.split("\n")
    if shallow == "true":
        logger.warning(
            "No 更新记录: %s is in a shallow clone, whose history is cut short; "
            "fetch the whole history (git fetch --unshallow) to show it",
            folder,
        )
        return Log("")
    return Log(git(folder, *LOG_COMMAND) or "", prefix)


def parse_log(text):
    """``(name, commit time, notes, changes)`` of each commit, newest first.

    *changes* are ``(status, paths)``: one path, or the old and the new one of a rename.
    """
    for record in text.split(COMMIT)[1:]:
        header, _, listing = record.partition(END)
        name, timestamp, notes = header.split(FIELD, 2)
        tokens = listing.lstrip("\n").split(END)
        changes = []
        position = 0
        while position < len(tokens) and tokens[position]:
            status = tokens[position]
            count = 2 if status.startswith("R") else 1
            changes.append((status, tokens[position + 1 : position + 1 + count]))
            position += 1 + count
        yield name, int(timestamp), tuple(line.strip() for line in notes.splitlines() if line.strip()), changes


def file_histories(log, timezone):
    """``{path: [Commit, …]}``, newest first, for each file of the folder as it is named now,
    relative to the folder.

    Going back in time, a rename hands the commits of the old name to the file
    that has the new one now; a file added under a name ends that name's
    history, so an older, deleted file of the same name lends it nothing.
    """
    zone = zoneinfo.ZoneInfo(timezone)

    def in_folder(path):
        return path.removeprefix(log.prefix) if path is not None and path.startswith(log.prefix) else None

    histories = collections.defaultdict(list)
    now_named = {}  # a name in the history -> the file that has it now (None: no file of now)
    for name, timestamp, notes, changes in parse_log(log.text):
        moment = datetime.datetime.fromtimestamp(timestamp, zone)
        # Every name of the commit is looked up as it was after it, before any is handed back.
        owners = [now_named.get(paths[-1], paths[-1]) for _, paths in changes]
        for status, paths in changes:
            if status.startswith(("R", "A")):
                now_named[paths[-1]] = None
        for (status, paths), owner in zip(changes, owners):
            if status.startswith("R"):
                now_named[paths[0]] = owner
        commit = Commit(name, moment, notes, tuple(in_folder(owner) for owner in owners))
        for path in dict.fromkeys(commit.files):
            if path is not None:
                histories[path].append(commit)
    return dict(histories)
