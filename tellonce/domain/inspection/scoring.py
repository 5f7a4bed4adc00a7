"""How well the areas read from a report agree with the areas a person listed (docs/inspection-import.md).

An area is compared whole: its lead sentence and its bullet points, as letters and digits only (so
spacing, bullet glyphs, hyphens broken at a line's end and punctuation do not count). An area read
matches an area listed when the two are the same; each listed area matches at most one read.
"""

import re
from collections import Counter
from dataclasses import dataclass


def comparable(text: str, parts: list[str] | tuple[str, ...] = ()) -> str:
    whole = " ".join([text, *parts])
    return re.sub(r"[^0-9a-z]", "", whole.lower())


@dataclass(frozen=True)
class Score:
    listed: int  # areas a person listed
    read: int  # areas the importer read
    matched: int  # read exactly as listed

    @property
    def recall(self) -> float:
        return self.matched / self.listed if self.listed else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.read if self.read else 1.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.listed + other.listed, self.read + other.read, self.matched + other.matched)


def score(listed: list[str], read: list[str]) -> Score:
    """Both lists as `comparable` strings."""
    matched = sum((Counter(listed) & Counter(read)).values())
    return Score(len(listed), len(read), matched)
