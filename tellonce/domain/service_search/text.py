"""Words as the search reads them: normalised, without stop words, and how far apart two are.

Source: shared/domain/local-offer.md section 4.2 (typo tolerance; families' own words)."""

import re
import unicodedata
from functools import lru_cache

STOP_WORDS = frozenset(
    "a an and are as at be by for from how i in is it my of on or our the their to what where who with "
    "we you your me can do need help".split()
)


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Normalised words: lower case, accents and apostrophes dropped, plurals made singular."""
    folded = text.casefold()
    if not folded.isascii():  # most text is, and has no accents to take off
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return [_stem(w) for w in _WORD.findall(folded.replace("'", "").replace("’", ""))]


def terms(text: str) -> tuple[str, ...]:
    """The words that count in a search: normalised, without stop words."""
    return tuple(w for w in words(text) if w not in STOP_WORDS)


def surface_terms(text: str) -> list[tuple[str, str]]:
    """Each counted word with the form the person typed, to quote it back to them."""
    normal = words(text)
    typed = re.findall(r"[^\W_]+", text.replace("'", "").replace("’", ""))
    if len(typed) != len(normal):
        typed = normal
    return [(t, w) for t, w in zip(typed, normal, strict=True) if w not in STOP_WORDS]


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) < 8 else 2


def deletions(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
