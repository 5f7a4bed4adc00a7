"""Checking a file to import, row by row, so that every problem is reported at once with its
position (`assessments[3] (ref A1): ...`) and nothing is written unless all is valid; and writing
values back out in the same shapes. Shared by the sections of the import-cases file
(docs/import-format.md)."""

from dataclasses import dataclass, field
from datetime import date


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} problem(s) found; nothing was imported")
        self.errors = errors


def position(section: str, index: int, row) -> str:
    ref = row.get("ref") if isinstance(row, dict) else None
    return f"{section}[{index}]" + (f" (ref {ref})" if ref else "")


@dataclass
class FileChecker:
    today: date
    errors: list[str] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def rows(self, data, section: str) -> list:
        rows = data.get(section, [])
        if not isinstance(rows, list):
            self.error(section, "must be a list")
            return []
        return rows

    def text(self, row: dict, where: str, name: str, *, required=True, max_length=100) -> str:
        value = row.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(where, f"{name} is missing")
            return ""
        if not isinstance(value, str | int):
            self.error(where, f"{name} must be text")
            return ""
        value = str(value).strip()
        if len(value) > max_length:
            self.error(where, f"{name} is longer than {max_length} characters")
        return value

    def day(self, row: dict, where: str, name: str, *, required=False, allow_future=False) -> date | None:
        value = row.get(name)
        if value is None or value == "":
            if required:
                self.error(where, f"{name} is missing")
            return None
        try:
            parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            parsed = None
        if parsed is None:
            self.error(where, f"{name} {value!r} is not a real date in the form YYYY-MM-DD")
            return None
        if parsed > self.today and not allow_future:
            self.error(where, f"{name} ({parsed}) is in the future")
        return parsed

    def flag(self, row: dict, where: str, name: str) -> bool | None:
        """A yes or no: JSON true or false (also "true", "false", "yes", "no", 1 or 0); None when
        not given."""
        value = row.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in FLAG_WORDS:
            return FLAG_WORDS[word]
        self.error(where, f"{name} {value!r} must be true or false")
        return None

    def code(self, row: dict, where: str, name: str, known: dict[str, str], *, listed: str) -> str:
        """One of the `known` codes, found by any of its words (keys lower-case) and given back as
        the code; "" when not given. `listed` says what is allowed, for the message."""
        value = row.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        word = " ".join(str(value).strip().lower().split())
        if isinstance(value, bool) or word not in known:
            self.error(where, f"{name} {value!r} must be {listed}")
            return ""
        return known[word]


FLAG_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
