"""`make lint` keeps the house one-way: it fails an app importing an app above it, and a page or API
module writing to the database itself. Each rule is shown failing on a copy of the code with the
fault put in, and passing on the same copy without it, so neither test can pass for the wrong
reason."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint_view_writes():
    spec = importlib.util.spec_from_file_location(
        "lint_view_writes", ROOT / "scripts" / "lint_view_writes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The tellonce package's Python files and pyproject.toml (the import contracts), in a folder of
    their own."""
    root = tmp_path_factory.mktemp("house")
    shutil.copytree(
        ROOT / "tellonce",
        root / "tellonce",
        ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "jinja2", "data"),
    )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_fail_an_app_that_imports_an_app_above_it(copy):
    kept = _lint_imports(copy)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    probe = copy / "tellonce" / "people" / "upward.py"
    probe.write_text("from tellonce.plans.models import Plan  # the child's record reaching up to plans\n")
    try:
        broken = _lint_imports(copy)
    finally:
        probe.unlink()
    assert broken.returncode != 0
    assert "tellonce.people is not allowed to import tellonce.plans" in broken.stdout
    assert "tellonce.people.upward -> tellonce.plans.models" in broken.stdout


@pytest.mark.parametrize(
    "line",
    [
        "Child.objects.create(given_name='Sam')",
        "child.save()",
        "form.save()",
        "item.delete()",
        "Plan.objects.filter(pk=pk).update(ref='x')",
        "Survey.objects.bulk_create([])",
        "version.save_versioned(expected_version=1, fields=['x'])",
        "Band.objects.get_or_create(code='A')",
    ],
)
def test_a_view_that_writes_to_the_database_fails_the_lint(tmp_path, line):
    views = tmp_path / "tellonce" / "people" / "views.py"
    views.parent.mkdir(parents=True)
    views.write_text(f"def page(request, pk):\n    {line}\n")
    method = (
        line.split("(")[-2].rsplit(".", 1)[-1]
        if ").update(" in line
        else line.split("(")[0].rsplit(".", 1)[-1]
    )
    [problem] = _lint_view_writes().problems(tmp_path)
    assert problem.startswith("tellonce/people/views.py:2: ") and f".{method}() writes from a view" in problem


def test_reading_and_calling_a_service_from_a_view_pass_the_lint(tmp_path):
    views = tmp_path / "tellonce" / "people" / "views.py"
    views.parent.mkdir(parents=True)
    views.write_text(
        "def page(request, pk):\n"
        "    context = {}\n"
        "    context.update(title='x')\n"
        "    services.update_child(child, by=actor, expected_version=1, changes={})\n"
        "    return Child.objects.visible_to(request.user).filter(pk=pk).first()\n"
    )
    assert _lint_view_writes().problems(tmp_path) == []


def test_the_real_views_pass_the_lint():
    assert _lint_view_writes().problems(ROOT) == []


def _defined_twice(source: str) -> list[str]:
    """Top-level functions and classes a module defines more than once: the later one silently
    replaces the earlier for every caller that looks the name up afterwards."""
    import ast

    seen: set[str] = set()
    twice = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name in seen:
                twice.append(node.name)
            seen.add(node.name)
    return twice


def test_a_module_that_defines_a_class_twice_is_found():
    assert _defined_twice("class Form:\n    pass\n\nFORMS = [Form]\n\nclass Form:\n    pass\n") == ["Form"]
    assert _defined_twice("class Form:\n    pass\n\nclass OtherForm:\n    pass\n") == []


def test_no_module_of_the_product_defines_the_same_name_twice():
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "tellonce").rglob("*.py"))
        if "migrations" not in path.parts
        for name in _defined_twice(path.read_text())
    ]
    assert found == []
