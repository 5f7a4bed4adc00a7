"""The ORUK 3.0 JSON Schemas shipped in `schemas/` (CC BY-SA 4.0, Open Referral UK), as validators.
Formats (uuid, email, date-time...) are checked too, as the ORUK validator does."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).resolve().parent / "schemas"


def load(name: str) -> dict:
    return json.loads((FOLDER / name).read_text())


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (name, Resource.from_contents(load(name), default_specification=DRAFT202012))
        for name in ("taxonomy.json", "taxonomy_term.json")
    )


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one schema file, e.g. "service.json"."""
    return Draft202012Validator(load(name), registry=_registry(), format_checker=FormatChecker())


@cache
def page_validator() -> Draft202012Validator:
    page = load("openapi.json")["components"]["schemas"]["Page"]
    required = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"]
    return Draft202012Validator(page | {"required": required}, format_checker=FormatChecker())


def errors(instance, name: str) -> list[str]:
    """Every reason the instance does not match the schema, each with where it is."""
    found = []
    for error in sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(the record)"
        found.append(f"{where}: {error.message}")
    return found
