"""The shape of the code: one installable package of libraries, plugins that are only plugins, no cycles."""

import ast
import importlib
import tomllib

import pytest
from sites import PORTAL_SETTINGS, ROOT

PLUGINS_FOLDER = ROOT / "plugins"
PORTAL_FOLDER = ROOT / "portal"
PLUGIN_NAMESPACE = "pelican.plugins"


def module_name(path):
    """``plugins/plain_text/twins.py`` -> ``pelican.plugins.plain_text.twins``; ``portal/urls.py`` -> ``portal.urls``."""
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    if parts[0] == "plugins":
        parts[:1] = PLUGIN_NAMESPACE.split(".")
    return ".".join(parts)


def unit_of(module):
    """The unit a module belongs to: a plugin (``pelican.plugins.x``) or a part of the package (``portal.x``)."""
    parts = module.split(".")
    if module.startswith(PLUGIN_NAMESPACE + "."):
        return ".".join(parts[:3])
    if parts[0] == "portal" and len(parts) > 1:
        return ".".join(parts[:2])
    return None


def imported_modules(path):
    """The absolute names of the modules *path* imports (relative imports resolved)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                yield f"{base}.{node.module}" if node.module else base
            else:
                yield node.module


def import_graph():
    """{unit: the other units it imports}, over every module of portal/ and plugins/."""
    graph = {}
    for path in [*PORTAL_FOLDER.rglob("*.py"), *PLUGINS_FOLDER.rglob("*.py")]:
        unit = unit_of(module_name(path))
        if unit is None:
            continue
        targets = {unit_of(name) for name in imported_modules(path)} - {None, unit}
        graph.setdefault(unit, set()).update(targets)
    return graph


def cycles(graph):
    """Every cycle of *graph*, each as the path that closes it."""
    found, state = [], {}

    def visit(unit, trail):
        state[unit] = "open"
        for target in sorted(graph.get(unit, ())):
            if state.get(target) == "open":
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[unit] = "done"

    for unit in sorted(graph):
        if unit not in state:
            visit(unit, [unit])
    return found


def test_the_import_graph_between_packages_has_no_cycle():
    graph = import_graph()
    assert len(graph) > 20, "the walk found the package's and the plugins' modules"
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_libraries_never_import_a_plugin():
    graph = import_graph()
    leaning = {
        unit: sorted(target for target in targets if target.startswith(PLUGIN_NAMESPACE))
        for unit, targets in graph.items()
        if unit.startswith("portal.")
    }
    assert {unit: targets for unit, targets in leaning.items() if targets} == {}


def plugin_names():
    return sorted(path.name for path in PLUGINS_FOLDER.iterdir() if (path / "__init__.py").is_file())


def test_plugins_holds_only_pelican_plugins_each_installed_and_enabled():
    names = plugin_names()
    assert sorted(path.name for path in PLUGINS_FOLDER.iterdir() if path.name != "__pycache__") == names
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    installed = {name for name in project["tool"]["setuptools"]["packages"] if name.startswith(PLUGIN_NAMESPACE)}
    assert installed == {f"{PLUGIN_NAMESPACE}.{name}" for name in names}
    assert sorted(PORTAL_SETTINGS["PLUGINS"]) == sorted(f"{PLUGIN_NAMESPACE}.{name}" for name in names)
    for name in names:
        plugin = importlib.import_module(f"{PLUGIN_NAMESPACE}.{name}")
        assert callable(getattr(plugin, "register", None)), name
        assert plugin.__file__ == str(PLUGINS_FOLDER / name / "__init__.py"), "the installed plugin is this one"
        for heading in ("Adds", "Signals"):
            assert heading in (plugin.__doc__ or ""), f"{name}'s docstring says what it adds and its signals"


@pytest.mark.parametrize(
    "folder", sorted(path.name for path in PORTAL_FOLDER.iterdir() if path.is_dir() and path.name != "__pycache__")
)
def test_every_package_of_the_libraries_is_installed(folder):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"portal.{folder}" in project["tool"]["setuptools"]["packages"]


def test_no_code_edits_the_import_path():
    edits = [
        str(path.relative_to(ROOT))
        for path in [
            *ROOT.glob("*.py"),
            *PORTAL_FOLDER.rglob("*.py"),
            *PLUGINS_FOLDER.rglob("*.py"),
            *(ROOT / "bench").glob("*.py"),
        ]
        if "sys.path.insert" in path.read_text(encoding="utf-8")
        or "sys.path.append" in path.read_text(encoding="utf-8")
    ]
    assert edits == []


#: Pelican's signals in the order a build sends them (pelican/__init__.py and generators.py).
SIGNAL_ORDER = [
    "initialized",
    "get_generators",
    "get_writer",
    "article_generator_init",
    "article_generator_context",
    "page_generator_context",
    "content_object_init",
    "article_generator_finalized",
    "page_generator_finalized",
    "static_generator_finalized",
    "all_generators_finalized",
    "content_written",
    "finalized",
]
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"


def documented_stages():
    """``(signal, plugin, reads)`` of each row of the stages table of docs/ARCHITECTURE.md."""
    rows = []
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].strip("`") in SIGNAL_ORDER:
            rows.append((cells[0].strip("`"), cells[1], cells[2]))
    return rows


def connected_signals(name):
    """The Pelican signals the plugin *name* connects a receiver to, from its source."""
    found = set()
    for path in (PLUGINS_FOLDER / name).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Attribute)
            ):
                found.add(node.func.value.attr)
    return found


def test_every_plugin_connects_to_the_signals_the_architecture_gives_it_and_no_other():
    documented = {}
    for signal, plugin, _ in documented_stages():
        documented.setdefault(plugin, set()).add(signal)
    assert len(documented) > 15
    actual = {name: connected_signals(name) for name in plugin_names()}
    assert {name: signals for name, signals in actual.items() if signals} == documented


def test_what_reads_a_body_runs_after_the_bodies_are_parsed():
    parsed = SIGNAL_ORDER.index("page_generator_finalized")
    readers = [
        (signal, plugin)
        for signal, plugin, reads in documented_stages()
        if "item.body" in reads and plugin != "item_bodies"
    ]
    assert len(readers) >= 4
    assert [row for row in readers if SIGNAL_ORDER.index(row[0]) <= parsed] == []
    assert ("page_generator_finalized", "item_bodies") in [
        (signal, plugin) for signal, plugin, _ in documented_stages()
    ]
