"""The libraries (portal/) say the types their public functions take and return."""

import ast

from sites import ROOT

PORTAL_FOLDER = ROOT / "portal"
#: The first parameter of a method, which needs no annotation.
BOUND_NAMES = ("self", "cls")


def public_functions(body, in_class=False):
    """``(name, node, is_method)`` of each public function in *body*: at the top of a module
    (also under ``if``, ``try`` and ``with``), and the methods of its public classes, whatever
    their depth; functions nested in a function are private to it."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not node.name.startswith("_"):
                yield node.name, node, in_class
        elif isinstance(node, ast.ClassDef):
            if not node.name.startswith("_"):
                yield from (
                    (f"{node.name}.{name}", function, is_method)
                    for name, function, is_method in public_functions(node.body, in_class=True)
                )
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            for block in (
                node.body,
                getattr(node, "orelse", []),
                getattr(node, "finalbody", []),
                *(handler.body for handler in getattr(node, "handlers", [])),
            ):
                yield from public_functions(block, in_class)


def missing_annotations(function, is_method):
    """The parameters of *function* without an annotation, and ``return`` if it has none."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    is_static = any(
        isinstance(decorator, ast.Name) and decorator.id == "staticmethod" for decorator in function.decorator_list
    )
    if is_method and not is_static and positional and positional[0].arg in BOUND_NAMES:
        positional = positional[1:]
    parameters = [
        *positional,
        *arguments.kwonlyargs,
        *(argument for argument in (arguments.vararg, arguments.kwarg) if argument),
    ]
    missing = [parameter.arg for parameter in parameters if parameter.annotation is None]
    return missing + ["return"] * (function.returns is None)


def unannotated(source):
    """``(name, line, what is missing)`` of each public function of the module *source* lacking a hint."""
    return [
        (name, function.lineno, missing)
        for name, function, is_method in public_functions(ast.parse(source).body)
        if (missing := missing_annotations(function, is_method))
    ]


def test_every_public_function_of_the_libraries_has_type_hints():
    checked, offenders = 0, []
    for path in sorted(PORTAL_FOLDER.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        checked += sum(1 for _ in public_functions(ast.parse(source).body))
        offenders += [
            f"{path.relative_to(ROOT)}:{line} {name}: no hint for {', '.join(missing)}"
            for name, line, missing in unannotated(source)
        ]
    assert checked >= 100, f"the walk found only {checked} public functions under portal/"
    assert offenders == [], "public functions without type hints:\n" + "\n".join(offenders)


def test_the_check_finds_what_lacks_a_hint():
    source = """
def typed(a: int, *rest: str, flag: bool = False, **more: int) -> None: ...
def untyped(a, b: int): ...
def _private(a): ...
def outer() -> None:
    def inner(a): ...
class Public:
    def method(self, a: int): ...
    @staticmethod
    def static(self) -> None: ...
    @classmethod
    def build(cls, *rest) -> "Public": ...
class _Private:
    def method(self, a): ...
"""
    assert unannotated(source) == [
        ("untyped", 3, ["a", "return"]),
        ("Public.method", 8, ["return"]),
        ("Public.static", 10, ["self"]),
        ("Public.build", 12, ["rest"]),
    ]
