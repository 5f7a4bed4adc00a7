"""Search over a directory of services that understands families' words.

Source: issue #7 and seed 002 (a SENCO's search for "CAMHS Tier 2" did not find the Emotional
Health Service that provides it); shared/domain/local-offer.md section 4.2 (a controlled vocabulary
with synonym rings, query expansion, exact matches ranked above expansions, and a reason shown for
each result). ORUK and HSDS define no synonyms, and Outpost had neither synonyms nor fuzzy matching.

The index is built in memory from plain values (`Document`, `SynonymRing`), so it behaves the same
whatever database holds the listings. A query is read in four steps:
1. words are normalised (case, accents, punctuation, plurals) and stop words dropped;
2. a word not in the vocabulary is corrected to the nearest known word (one edit for words of
   4 to 7 letters, two for longer words; a symmetric-delete index keeps this fast);
3. runs of words that are a label in the thesaurus become one unit, satisfied by any label in its
   ring; every other word is a unit of its own;
4. a service matches when every unit is found in one of its fields (if none matches all, the
   services matching the most units are shown, and the page says so); fields are weighted (name
   above description) and exact words above corrections and thesaurus expansions.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 12
STOP_WORDS = frozenset(
    "a an and are as at be by for from how i in is it my of on or our the their to what where who with "
    "we you your me can do need help".split()
)


class QueryTooLong(ValueError):
    """A query over MAX_QUERY_CHARACTERS characters or MAX_QUERY_WORDS words."""


class Field(StrEnum):
    NAME = "name"
    ALTERNATE_NAME = "other name"
    CATEGORIES = "categories"
    DESCRIPTION = "description"


WEIGHTS = {Field.NAME: 10.0, Field.ALTERNATE_NAME: 8.0, Field.CATEGORIES: 5.0, Field.DESCRIPTION: 2.0}


_BEST_FIELD = {
    mask: max((f for i, f in enumerate(Field) if mask & (1 << i)), key=WEIGHTS.__getitem__)
    for mask in range(1, 1 << len(Field))
}


class Via(StrEnum):
    EXACT = "exact"
    CORRECTED = "corrected"  # only on a Reason: the exact words after correcting a typo
    THESAURUS = "thesaurus"


FACTORS = {Via.EXACT: 1.0, Via.THESAURUS: 0.8}
CORRECTED_FACTOR = 0.75


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Normalised words: lower case, accents and apostrophes dropped, plurals made singular."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("'", "").replace("’", "")
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", folded)]


def terms(text: str) -> tuple[str, ...]:
    """The words that count in a search: normalised, without stop words."""
    return tuple(w for w in words(text) if w not in STOP_WORDS)


def _surface_terms(text: str) -> list[tuple[str, str]]:
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


def _deletes(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float

    def km_to(self, other: "Point") -> float:
        """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
        lat1, lat2 = math.radians(self.latitude), math.radians(other.latitude)
        dlat, dlon = lat2 - lat1, math.radians(other.longitude - self.longitude)
        h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Document:
    """One published service, as the search needs it. Category and need ids include ancestors."""

    id: str
    name: str
    alternate_name: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    category_ids: frozenset[str] = frozenset()
    need_ids: frozenset[str] = frozenset()
    locality_ids: frozenset[str] = frozenset()  # empty: the whole area
    minimum_age: int | None = None
    maximum_age: int | None = None
    free: bool = True
    points: tuple[Point, ...] = ()


@dataclass(frozen=True, slots=True)
class SynonymRing:
    """Labels that mean the same to a family: a preferred label and its other words."""

    preferred: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Filters:
    age: int | None = None
    need_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()
    locality_id: str | None = None
    free_only: bool = False
    near: Point | None = None
    within_km: float | None = None

    def admit(self, doc: Document) -> bool:
        if self.age is not None:
            if doc.minimum_age is not None and self.age < doc.minimum_age:
                return False
            if doc.maximum_age is not None and self.age > doc.maximum_age:
                return False
        if self.need_ids and not self.need_ids & doc.need_ids:
            return False
        if self.category_ids and not self.category_ids & doc.category_ids:
            return False
        if self.locality_id and doc.locality_ids and self.locality_id not in doc.locality_ids:
            return False
        if self.free_only and not doc.free:
            return False
        if self.near is not None and self.within_km is not None:
            distance = self.distance_km(doc)
            if distance is None or distance > self.within_km:
                return False
        return True

    def distance_km(self, doc: Document) -> float | None:
        if self.near is None or not doc.points:
            return None
        return min(self.near.km_to(p) for p in doc.points)


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


@dataclass(frozen=True, slots=True)
class _Alternative:
    phrase: tuple[str, ...]
    via: Via
    label: str
    ring: str = ""


@dataclass(frozen=True, slots=True)
class _Unit:
    searched: str
    alternatives: tuple[_Alternative, ...]
    read_as: str = ""


@dataclass
class SearchIndex:
    """An inverted index over documents, with the thesaurus and a typo-tolerant vocabulary."""

    documents: dict[str, Document]
    rings: tuple[SynonymRing, ...]
    _postings: dict[str, dict[str, int]] = field(default_factory=dict)
    _labels: dict[tuple[str, ...], list[tuple[SynonymRing, str]]] = field(default_factory=dict)
    _deletes: dict[str, set[str]] = field(default_factory=dict)
    _by_name: tuple[str, ...] = ()
    _name_terms: dict[str, str] = field(default_factory=dict)
    _name_keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Iterable[Document], rings: Iterable[SynonymRing] = ()) -> "SearchIndex":
        index = cls(documents={d.id: d for d in documents}, rings=tuple(rings))
        bits = {f: 1 << i for i, f in enumerate(Field)}
        for doc in index.documents.values():
            texts = {
                Field.NAME: doc.name,
                Field.ALTERNATE_NAME: doc.alternate_name,
                Field.CATEGORIES: " ".join(doc.categories),
                Field.DESCRIPTION: doc.description,
            }
            for f, text in texts.items():
                for word in set(words(text)):
                    postings = index._postings.setdefault(word, {})
                    postings[doc.id] = postings.get(doc.id, 0) | bits[f]
        for ring in index.rings:
            for label in ring.labels:
                key = terms(label)
                if key:
                    index._labels.setdefault(key, []).append((ring, label))
        vocabulary = set(index._postings) | {w for key in index._labels for w in key}
        for word in vocabulary:
            for deleted in _deletes(word, allowed_edits(word)):
                index._deletes.setdefault(deleted, set()).add(word)
        index._name_keys = {i: d.name.casefold() for i, d in index.documents.items()}
        index._name_terms = {i: " ".join(terms(d.name)) for i, d in index.documents.items()}
        index._by_name = tuple(sorted(index.documents, key=lambda i: (index._name_keys[i], i)))
        return index

    def _known(self, word: str) -> bool:
        return word in self._postings or any(word in key for key in self._labels)

    def correct(self, word: str) -> str | None:
        """The nearest known word within the allowed edits, preferring the most common."""
        limit = allowed_edits(word)
        if limit == 0:
            return None
        candidates = set()
        for deleted in _deletes(word, limit):
            candidates |= self._deletes.get(deleted, set())
        scored = [
            (d, -len(self._postings.get(c, ())), c)
            for c in candidates
            if abs(len(c) - len(word)) <= limit
            and (d := edit_distance(word, c)) <= min(limit, allowed_edits(c))
        ]
        return min(scored)[2] if scored else None

    def _units(self, query: str) -> tuple[list[_Unit], list[tuple[str, str]]]:
        typed = _surface_terms(query)
        raw = [w for _, w in typed]
        corrections, read = [], []
        for shown, word in typed:
            if self._known(word):
                read.append(word)
                continue
            fixed = self.correct(word)
            if fixed:
                corrections.append((shown, fixed))
            read.append(fixed or word)
        units, i = [], 0
        while i < len(read):
            span = next(
                (n for n in range(min(6, len(read) - i), 0, -1) if tuple(read[i : i + n]) in self._labels),
                0,
            )
            if span:
                key = tuple(read[i : i + span])
                searched = " ".join(t for t, _ in typed[i : i + span])
                read_as = " ".join(key) if key != tuple(raw[i : i + span]) else ""
                alternatives = [_Alternative(key, Via.EXACT, " ".join(key))]
                for ring, _label in self._labels[key]:
                    for other in ring.labels:
                        phrase = terms(other)
                        if phrase and phrase != key:
                            alternatives.append(_Alternative(phrase, Via.THESAURUS, other, ring.preferred))
                units.append(_Unit(searched, tuple(alternatives), read_as))
                i += span
                continue
            read_as = read[i] if read[i] != raw[i] else ""
            units.append(_Unit(typed[i][0], (_Alternative((read[i],), Via.EXACT, read[i]),), read_as))
            i += 1
        return units, corrections

    def _match(self, alternative: _Alternative) -> dict[str, int]:
        """Documents holding every word of the phrase in one field, with the fields' bits."""
        lists = [self._postings.get(w) for w in alternative.phrase]
        if not all(lists):
            return {}
        lists.sort(key=len)
        found = {}
        for doc_id, mask in lists[0].items():
            for other in lists[1:]:
                mask &= other.get(doc_id, 0)
                if not mask:
                    break
            if mask:
                found[doc_id] = mask
        return found

    def search(self, query: str, filters: Filters | None = None) -> Results:
        """Services matching the query and every filter, best first, each with its reasons."""
        if len(query) > MAX_QUERY_CHARACTERS:
            raise QueryTooLong(f"Search must be {MAX_QUERY_CHARACTERS} characters or fewer")
        filters = filters or Filters()
        units, corrections = self._units(query)
        if len(units) > MAX_QUERY_WORDS:
            raise QueryTooLong(f"Search must be {MAX_QUERY_WORDS} words or fewer")
        expansions = tuple(
            (u.searched, tuple(a.label for a in u.alternatives if a.via == Via.THESAURUS))
            for u in units
            if any(a.via == Via.THESAURUS for a in u.alternatives)
        )
        if not units:
            hits = tuple(
                Hit(i, 0.0, (), filters.distance_km(self.documents[i]))
                for i in self._by_name
                if filters.admit(self.documents[i])
            )
            return Results(_by_distance(hits, filters), True, tuple(corrections), expansions)
        per_doc: dict[str, list[tuple[float, Reason]]] = {}
        reasons: dict[tuple, Reason] = {}  # one Reason per unit, alternative and field, shared by documents
        for position, unit in enumerate(units):
            best: dict[str, tuple[float, Reason]] = {}
            for n, alternative in enumerate(unit.alternatives):
                factor = FACTORS[alternative.via] * (CORRECTED_FACTOR if unit.read_as else 1)
                for doc_id, mask in self._match(alternative).items():
                    f = _BEST_FIELD[mask]
                    score = WEIGHTS[f] * factor
                    if doc_id not in best or score > best[doc_id][0]:
                        key = (position, n, f)
                        if key not in reasons:
                            via = (
                                Via.CORRECTED
                                if unit.read_as and alternative.via == Via.EXACT
                                else alternative.via
                            )
                            reasons[key] = Reason(
                                unit.searched, alternative.label, f, via, alternative.ring, unit.read_as
                            )
                        best[doc_id] = (score, reasons[key])
            for doc_id, scored in best.items():
                per_doc.setdefault(doc_id, [None] * len(units))[position] = scored  # type: ignore[list-item]
        admitted = {i: s for i, s in per_doc.items() if filters.admit(self.documents[i])}
        complete = {i: s for i, s in admitted.items() if all(s)}
        chosen = complete or admitted
        hits = []
        phrase = " ".join(terms(query))
        for doc_id, scored in chosen.items():
            present = [s for s in scored if s]
            score = sum(s for s, _ in present) * len(present) / len(units)
            if phrase and phrase in self._name_terms[doc_id]:
                score += 5.0
            hits.append(
                Hit(doc_id, score, tuple(r for _, r in present), filters.distance_km(self.documents[doc_id]))
            )
        hits.sort(key=lambda h: (-h.score, self._name_keys[h.id], h.id))
        return Results(
            _by_distance(tuple(hits), filters, keep_order=True),
            bool(complete) or not admitted,
            tuple(corrections),
            expansions,
        )


def _by_distance(hits: Sequence[Hit], filters: Filters, keep_order: bool = False) -> tuple[Hit, ...]:
    """Browsing near a postcode lists the nearest first; a ranked search keeps its order."""
    if filters.near is None or keep_order:
        return tuple(hits)
    return tuple(sorted(hits, key=lambda h: (h.distance_km is None, h.distance_km or 0.0)))
