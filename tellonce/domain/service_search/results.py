"""What the search gives back: results best first, each with the reasons it matched.

Source: shared/domain/local-offer.md section 4.2 (exact matches ranked above expansions, and a
reason shown for each result)."""

from dataclasses import dataclass
from enum import StrEnum


class Field(StrEnum):
    NAME = "name"
    ALTERNATE_NAME = "other name"
    CATEGORIES = "categories"
    DESCRIPTION = "description"


WEIGHTS = {Field.NAME: 10.0, Field.ALTERNATE_NAME: 8.0, Field.CATEGORIES: 5.0, Field.DESCRIPTION: 2.0}


class Via(StrEnum):
    EXACT = "exact"
    CORRECTED = "corrected"  # only on a Reason: the exact words after correcting a typo
    THESAURUS = "thesaurus"


FACTORS = {Via.EXACT: 1.0, Via.THESAURUS: 0.8}
CORRECTED_FACTOR = 0.75


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one part of the query matched: what was searched, what was found, where, and how."""

    searched: str
    found: str
    field: Field
    via: Via
    ring: str = ""
    read_as: str = ""  # the corrected words, when the search had a typo

    def text(self) -> str:
        where = f"found in the {self.field.value}"
        read = f"“{self.searched}” read as “{self.read_as}”" if self.read_as else ""
        if self.via == Via.THESAURUS:
            return (
                f"{read}, which means “{self.found}”, {where}"
                if read
                else (f"“{self.searched}” means “{self.found}”, {where}")
            )
        if self.via == Via.CORRECTED:
            return f"{read}, {where}"
        return f"“{self.searched}” {where}"


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float
    reasons: tuple[Reason, ...]
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class Results:
    hits: tuple[Hit, ...]
    all_words_matched: bool
    corrections: tuple[tuple[str, str], ...]
    expansions: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def total(self) -> int:
        return len(self.hits)
