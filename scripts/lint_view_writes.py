"""Fails when a view or API module writes to the database itself: writes go through services,
where the rules, the audit row and the version check live. Run by `make lint`.

A write is a call of save(), delete(), create(), bulk_create(), bulk_update(), get_or_create(),
update_or_create() or save_versioned() on anything, or update() on a QuerySet (a chain that
reaches `.objects` or a QuerySet method); a form's save() counts too, since a ModelForm writes."""

import ast
import sys
from pathlib import Path

ALWAYS = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "save_versioned",
}
QUERYSET = {"objects", "filter", "exclude", "all", "select_related", "prefetch_related", "visible_to"}


def _chain(node: ast.AST) -> list[str]:
    """The names along an attribute/call chain, outermost last: a.objects.filter(x).update -> [...]."""
    names = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def writes(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        receiver = _chain(node.func.value)
        if method in ALWAYS or (method == "update" and QUERYSET & set(receiver)):
            found.append((node.lineno, ".".join([*receiver, method]) + "()"))
    return found


def _is_view_module(path: Path) -> bool:
    return path.name in ("views.py", "api.py") or "views" in path.parts


def problems(root: Path) -> list[str]:
    found = []
    for path in sorted(root.glob("tellonce/**/*.py")):
        if "tests" in path.parts or not _is_view_module(path):
            continue
        rel = path.relative_to(root).as_posix()
        for line, call in writes(path.read_text()):
            found.append(f"{rel}:{line}: {call} writes from a view; call a service instead")
    return found


if __name__ == "__main__":
    errors = problems(Path(__file__).resolve().parents[1])
    print("\n".join(errors) or "View writes: every write from a page or the API goes through a service.")
    sys.exit(1 if errors else 0)
