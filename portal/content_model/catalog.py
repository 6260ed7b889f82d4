"""The disclosure catalog (主动公开基本目录): a tree of nodes read from TOML."""

import dataclasses
import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican.settings import Settings

#: The catalog columns, in display order, with their labels.
COLUMNS = {
    "content": "公开内容（要素）",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "subject": "公开主体",
    "channels": "公开渠道",
    "audience": "公开对象",
    "mode": "公开方式",
    "five_open": "五公开",
}
FIVE_OPEN = ("决策", "执行", "管理", "服务", "结果")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: Top-level URL segments the portal uses itself; items live at /<node id>/<slug>/.
RESERVED_IDS = frozenset(
    {
        "catalog",
        "text",
        "theme",
        "attachments",
        "images",
        "feeds",
        "search",
        "data",
        "audio",
        "pages",
        "static",
        "drafts",
        "open-data",
        "pagefind",
        "accessibility-help",
        "interaction",
    }
)
#: Settings that name a page or an output folder of the portal itself.
PORTAL_PATH_SETTINGS = (
    "SEARCH_URL",
    "SEARCH_INDEX_PATH",
    "OPEN_DATA_URL",
    "INTERACTION_URL",
    "MESSAGES_URL",
    "A11Y_HELP_URL",
    "PLAIN_TEXT_PATH",
    "AUDIO_PATH",
    "FEED_PATH",
    "THEME_STATIC_DIR",
    "ATTACHMENTS_PATH",
)


def reserved_segments(settings: "Settings") -> frozenset[str]:
    """``RESERVED_IDS`` and the first URL segment of every page and folder *settings* give the portal."""
    paths = [settings.get(key) or "" for key in PORTAL_PATH_SETTINGS] + list(settings.get("STATIC_PATHS", []))
    return RESERVED_IDS | {path.strip("/").split("/")[0] for path in paths if path.strip("/")}


class CatalogError(ValueError):
    """The catalog file is malformed.

    ``problems`` holds ``(key, what is wrong, what was expected)`` triples; the
    message lists them as ``path: key: what (expected)``, one a line.
    """

    def __init__(self, path: str | os.PathLike[str], problems: Sequence[tuple[str, str, str]]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(
            "\n".join(
                f"{self.path}: {key}: {what}" + (f" ({expected})" if expected else "")
                for key, what, expected in problems
            )
        )


@dataclasses.dataclass(eq=False)
class Node:
    id: str
    name: str
    columns: dict
    art20: int
    update_days: int
    parent: "Node | None" = None
    children: list = dataclasses.field(default_factory=list)

    @property
    def ancestors(self) -> "list[Node]":
        """From the root down to the parent of this node."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def depth(self) -> int:
        return len(self.ancestors)

    def walk(self) -> "Iterator[Node]":
        """This node, then its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return f"Node({self.id!r})"


@dataclasses.dataclass(eq=False)
class Catalog:
    roots: list
    by_id: dict

    def walk(self) -> Iterator[Node]:
        for root in self.roots:
            yield from root.walk()

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.by_id

    def __getitem__(self, node_id: str) -> Node:
        return self.by_id[node_id]


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read the catalog file at *path*; raise :class:`CatalogError` on any problem."""
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError:
        raise CatalogError(path, [("", "the catalog file is missing", "the file of the catalog tree")]) from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(path, [("", f"not valid TOML: {error}", "")]) from None

    defaults = data.get("defaults", {})
    by_id = {}
    problems = []

    def build(table, parent, where):
        inherited = parent.columns if parent else defaults
        node_id = table.get("id", "")
        if not isinstance(node_id, str) or not ID_RE.match(node_id):
            problems.append(
                (f"{where}.id", f"{node_id!r} is not a valid id", "lower-case ASCII letters, digits and hyphens")
            )
            node_id = f"?{where}"
        elif node_id in RESERVED_IDS:
            problems.append(
                (
                    f"{where}.id",
                    f"{node_id!r} is reserved by the portal",
                    f"not one of {', '.join(sorted(RESERVED_IDS))}",
                )
            )
        elif node_id in by_id:
            problems.append((f"{where}.id", f"{node_id!r} is used twice", "unique ids"))
        if not table.get("name"):
            problems.append((f"{node_id}.name", "missing", "the Chinese name of the node"))
        columns = {key: str(table.get(key, inherited.get(key, ""))) for key in COLUMNS}
        if columns["five_open"] and columns["five_open"] not in FIVE_OPEN:
            problems.append(
                (f"{node_id}.five_open", f"{columns['five_open']!r} is unknown", f"one of {'/'.join(FIVE_OPEN)}")
            )
        art20 = table.get("art20", parent.art20 if parent else 0)
        if not isinstance(art20, int) or not 0 <= art20 <= 15:
            problems.append(
                (f"{node_id}.art20", f"{art20!r} is not an item of Article 20", "a whole number from 1 to 15, or 0")
            )
        update_days = table.get("update_days", parent.update_days if parent else defaults.get("update_days", 180))
        if not isinstance(update_days, int) or update_days < 1:
            problems.append(
                (f"{node_id}.update_days", f"{update_days!r} is not a number of days", "a whole number above 0")
            )
        node = Node(node_id, str(table.get("name", "")), columns, art20, update_days, parent)
        by_id.setdefault(node_id, node)
        for index, child in enumerate(table.get("children", [])):
            node.children.append(build(child, node, f"{node_id}.children[{index}]"))
        return node

    roots = [build(table, None, f"node[{index}]") for index, table in enumerate(data.get("node", []))]
    if not roots:
        problems.append(("node", "the catalog has no nodes", "at least one [[node]] table"))
    if problems:
        raise CatalogError(path, problems)
    return Catalog(roots, by_id)
