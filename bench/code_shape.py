"""The shape of the code: lines of Python per package and plugin, and the largest functions.

    .venv/bin/python bench/code_shape.py [--root DIR] [--largest N]

``--root`` measures another checkout (e.g. a ``git worktree`` of an older commit),
so a change's before and after can be printed side by side.  A line counts
when it is neither blank nor a comment; docstrings count.
"""

import argparse
import ast
import collections
import pathlib

from common import ROOT


def code_lines(source):
    return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))


def unit_of(relative):
    """``portal/content_model/fields.py`` -> ``portal/content_model``; ``tasks.py`` -> ``tasks.py``."""
    parts = relative.parts
    if parts[0] in ("portal", "plugins") and len(parts) > 2:
        return "/".join(parts[:2])
    if parts[0] in ("tests", "bench"):
        return parts[0]
    return "/".join(parts[:2]) if len(parts) > 1 else parts[0]


def python_files(root):
    for folder in ("portal", "plugins", "tests", "bench"):
        yield from sorted((root / folder).rglob("*.py"))
    yield from sorted(root.glob("*.py"))


def measure(root):
    lines = collections.Counter()
    functions = []
    for path in python_files(root):
        relative = path.relative_to(root)
        source = path.read_text(encoding="utf-8")
        lines[unit_of(relative)] += code_lines(source)
        if relative.parts[0] == "tests":
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append((node.end_lineno - node.lineno + 1, f"{relative}:{node.lineno} {node.name}"))
    return lines, sorted(functions, reverse=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--largest", type=int, default=10, help="how many of the largest functions to list")
    options = parser.parse_args()
    lines, functions = measure(options.root.resolve())
    print("| package or plugin | lines |\n| --- | ---: |")
    for unit, count in sorted(lines.items()):
        print(f"| `{unit}` | {count:,} |")
    print(f"| total | {sum(lines.values()):,} |\n")
    print("| largest functions (outside tests) | lines |\n| --- | ---: |")
    for size, where in functions[: options.largest]:
        print(f"| `{where}` | {size} |")


if __name__ == "__main__":
    main()
