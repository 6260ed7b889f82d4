"""A problem of the content, as every check reports it: ``path: Key: what is wrong (what was expected)``."""

import dataclasses
import os
from collections.abc import Sequence


@dataclasses.dataclass(frozen=True)
class Problem:
    path: str
    key: str
    what: str
    expected: str = ""

    def __str__(self) -> str:
        path = os.path.relpath(self.path) if os.path.isabs(self.path) else self.path
        if path.startswith(".."):
            path = self.path
        where = f"{path}: {self.key}" if self.key else path
        tail = f" ({self.expected})" if self.expected else ""
        return f"{where}: {self.what}{tail}"


class ContentValidationError(SystemExit):
    """Stops the build; a SystemExit so Pelican exits non-zero without a traceback."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        count = len(problems)
        super().__init__(f"Content check failed: {count} problem{'s' * (count != 1)}; nothing was published.")
        self.problems = problems


def key_name(key: str) -> str:
    """The key as the contract spells it (``index_no`` -> ``Index_no``)."""
    return key[:1].upper() + key[1:]
