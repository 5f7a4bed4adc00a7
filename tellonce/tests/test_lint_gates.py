"""`make lint` runs mypy in strict mode over tellonce/domain and every app's services.py
(pyproject.toml [tool.mypy]): a type error in a domain rule or a service fails the lint. These
tests run mypy on a copy of one small domain module, and on a copy of one app's services with the
project's own settings for services, each once with a type error put in and once as it is, so
that the first cannot pass because mypy fails for some other reason."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "tellonce" / "domain" / "voice.py"  # standard library imports only
SERVICES = Path("tellonce") / "waiting_lists" / "services.py"  # two services, on the ORM
MYPY = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
INJECTED = """

def injected_error() -> int:
    return "not a number"
"""


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    """One mypy cache for both runs: the second reuses the standard library's."""
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(path: Path, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file=",  # only these flags: the project's settings name the real files
            "--strict",
            f"--python-version={MYPY['python_version']}",
            f"--cache-dir={cache_dir}",
            "--no-error-summary",
            "--show-error-codes",
            str(path),
        ],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy(tmp_path: Path, extra: str = "") -> Path:
    copy = tmp_path / MODULE.name
    copy.write_text(MODULE.read_text() + extra)
    return copy


def test_the_project_checks_the_domain_in_strict_mode_and_make_lint_runs_it():
    # Every service module, and the services kept in a module of their own (people/invitations.py).
    assert MYPY["strict"] is True and MYPY["files"][:2] == ["tellonce/domain", "tellonce/*/services.py"]
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert lint and re.search(r"\bmypy\b", lint.group(1)), "the lint target does not run mypy"


def test_mypy_fails_on_a_type_error_in_a_checked_module(tmp_path, cache_dir):
    copy = _copy(tmp_path, INJECTED)
    line = copy.read_text().splitlines().index('    return "not a number"') + 1

    result = _mypy(copy, cache_dir)

    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f'{copy.name}:{line}: error: Incompatible return value type (got "str", expected "int")  '
        "[return-value]"
    ) in result.stdout
    assert result.stdout.count("error:") == 1, result.stdout


def test_mypy_passes_the_same_module_without_the_error(tmp_path, cache_dir):
    result = _mypy(_copy(tmp_path), cache_dir)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "", result.stdout


@pytest.fixture(scope="module")
def services_cache_dir(tmp_path_factory) -> Path:
    """The services' runs read Django and the apps' models: one cache, apart from the domain's."""
    return tmp_path_factory.mktemp("mypy-services-cache")


def _mypy_services(copy: Path, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    """mypy from the repository root with pyproject.toml's settings, checking the module as
    tellonce.waiting_lists.services (so the settings for services apply) but reading `copy`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file=pyproject.toml",
            f"--cache-dir={cache_dir}",
            "--show-error-codes",
            "--shadow-file",
            str(SERVICES),
            str(copy),
            str(SERVICES),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _services_copy(tmp_path: Path, *, wrong: bool) -> Path:
    text = (ROOT / SERVICES).read_text()
    if wrong:  # the day support was offered, annotated as text: it is passed on as the event's date
        signature = "taken_up: bool | None, on: date\n"
        assert text.count(signature) == 1, "offer_support's signature changed; update this test"
        text = text.replace(signature, "taken_up: bool | None, on: str\n")
    copy = tmp_path / "services.py"
    copy.write_text(text)
    return copy


def test_mypy_fails_on_a_wrong_annotation_in_a_service(tmp_path, services_cache_dir):
    copy = _services_copy(tmp_path, wrong=True)
    line = copy.read_text().splitlines().index("        occurred_on=on,") + 1

    result = _mypy_services(copy, services_cache_dir)

    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f'{SERVICES}:{line}: error: Argument "occurred_on" to "record_event" has incompatible type '
        '"str"; expected "date | None"  [arg-type]'
    ) in result.stdout
    assert result.stdout.count("error:") == 1, result.stdout


def test_mypy_passes_the_same_service_without_the_error(tmp_path, services_cache_dir):
    """The services' atomic decorator is untyped: this passes only with the settings for services."""
    result = _mypy_services(_services_copy(tmp_path, wrong=False), services_cache_dir)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Success: no issues found in 1 source file\n", result.stdout
