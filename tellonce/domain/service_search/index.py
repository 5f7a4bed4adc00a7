"""The search index: an inverted index over documents, the thesaurus and a typo-tolerant vocabulary.

Documents are numbered in name order and every posting list is a set of those numbers per field
(`bitsets`), so matching a phrase is a few intersections, documents that matched the same way are
scored once as a group, and results come out in name order without comparing names."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from tellonce.domain.service_search.bitsets import FilterSets, bitset, positions, union
from tellonce.domain.service_search.documents import Document, Filters, SynonymRing
from tellonce.domain.service_search.results import (
    CORRECTED_FACTOR,
    FACTORS,
    WEIGHTS,
    Field,
    Hit,
    Reason,
    Results,
    Via,
)
from tellonce.domain.service_search.text import (
    allowed_edits,
    deletions,
    edit_distance,
    surface_terms,
    terms,
    words,
)

MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 12
NAME_PHRASE_BONUS = 5.0  # the whole query, in order, in a service's name
_BY_WEIGHT = tuple(sorted(Field, key=WEIGHTS.__getitem__, reverse=True))
_NOTHING = (0,) * len(_BY_WEIGHT)


class QueryTooLong(ValueError):
    """A query over MAX_QUERY_CHARACTERS characters or MAX_QUERY_WORDS words."""


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


@dataclass(frozen=True, slots=True)
class _Class:
    """The documents that matched one unit the same way: the same score, for the same reason."""

    score: float
    reason: Reason
    bits: int


@dataclass
class SearchIndex:
    """An inverted index over documents, with the thesaurus and a typo-tolerant vocabulary."""

    documents: dict[str, Document]
    rings: tuple[SynonymRing, ...]
    _ids: tuple[str, ...] = ()  # in name order: a document's position here is its number
    _docs: tuple[Document, ...] = ()
    _postings: dict[str, tuple[int, ...]] = field(default_factory=dict)  # a set per field, by weight
    _counts: dict[str, int] = field(default_factory=dict)  # how many documents hold each word
    _labels: dict[tuple[str, ...], tuple[_Alternative, ...]] = field(default_factory=dict)
    _label_words: frozenset[str] = frozenset()
    _deletes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _name_terms: tuple[str, ...] = ()
    _filters: FilterSets = field(default_factory=lambda: FilterSets.build(()))

    @classmethod
    def build(cls, documents: Iterable[Document], rings: Iterable[SynonymRing] = ()) -> "SearchIndex":
        index = cls(documents={d.id: d for d in documents}, rings=tuple(rings))
        by_name = sorted(index.documents.values(), key=lambda d: (d.name.casefold(), d.id))
        index._ids = tuple(d.id for d in by_name)
        index._docs = tuple(by_name)
        index._index_words()
        index._index_labels()
        deletes: dict[str, list[str]] = {}
        for word in set(index._postings) | index._label_words:
            for deleted in deletions(word, allowed_edits(word)):
                deletes.setdefault(deleted, []).append(word)
        index._deletes = {k: tuple(v) for k, v in deletes.items()}
        index._name_terms = tuple(" ".join(terms(d.name)) for d in index._docs)
        index._filters = FilterSets.build(index._docs)
        return index

    def _index_words(self) -> None:
        found: dict[str, list[list[int]]] = {}
        column = {f: _BY_WEIGHT.index(f) for f in Field}
        for p, doc in enumerate(self._docs):
            texts = (doc.name, doc.alternate_name, " ".join(doc.categories), doc.description)
            for f, text in zip(Field, texts, strict=True):
                for word in set(words(text)):
                    if word not in found:
                        found[word] = [[] for _ in _BY_WEIGHT]
                    found[word][column[f]].append(p)
        for word, lists in found.items():
            self._postings[word] = tuple(bitset(held, len(self._docs)) for held in lists)
            self._counts[word] = union(self._postings[word]).bit_count()

    def _index_labels(self) -> None:
        rings_by_key: dict[tuple[str, ...], list[SynonymRing]] = {}
        for ring in self.rings:
            for label in ring.labels:
                if key := terms(label):
                    rings_by_key.setdefault(key, []).append(ring)
        for key, rings in rings_by_key.items():
            alternatives = [_Alternative(key, Via.EXACT, " ".join(key))]
            for ring in rings:
                for other in ring.labels:
                    phrase = terms(other)
                    if phrase and phrase != key:
                        alternatives.append(_Alternative(phrase, Via.THESAURUS, other, ring.preferred))
            self._labels[key] = tuple(alternatives)
        self._label_words = frozenset(w for key in self._labels for w in key)

    def _known(self, word: str) -> bool:
        return word in self._postings or word in self._label_words

    def correct(self, word: str) -> str | None:
        """The nearest known word within the allowed edits, preferring the most common."""
        limit = allowed_edits(word)
        if limit == 0:
            return None
        candidates: set[str] = set()
        for deleted in deletions(word, limit):
            candidates.update(self._deletes.get(deleted, ()))
        scored = [
            (d, -self._counts.get(c, 0), c)
            for c in candidates
            if abs(len(c) - len(word)) <= limit
            and (d := edit_distance(word, c)) <= min(limit, allowed_edits(c))
        ]
        return min(scored)[2] if scored else None

    def _units(self, query: str) -> tuple[list[_Unit], list[tuple[str, str]]]:
        typed = surface_terms(query)
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
                units.append(_Unit(searched, self._labels[key], read_as))
                i += span
                continue
            read_as = read[i] if read[i] != raw[i] else ""
            units.append(_Unit(typed[i][0], (_Alternative((read[i],), Via.EXACT, read[i]),), read_as))
            i += 1
        return units, corrections

    def _match(self, phrase: tuple[str, ...]) -> Sequence[int]:
        """Per field, by weight: the documents holding every word of the phrase in that field."""
        lists = [self._postings.get(w) for w in phrase]
        if not all(lists):
            return _NOTHING
        return [reduce(and_, column) for column in zip(*lists, strict=True)]

    def _classes(self, unit: _Unit) -> list[_Class]:
        """How documents matched one unit. Each takes its highest score over the unit's alternatives,
        each alternative in its best field; on a tie, the earlier alternative (the words typed
        before their expansions)."""
        candidates = []
        for n, alternative in enumerate(unit.alternatives):
            factor = FACTORS[alternative.via] * (CORRECTED_FACTOR if unit.read_as else 1)
            better = 0  # documents holding the phrase in a weightier field
            for f, bits in zip(_BY_WEIGHT, self._match(alternative.phrase), strict=True):
                if bits & ~better:
                    candidates.append((WEIGHTS[f] * factor, n, f, bits & ~better, alternative))
                better |= bits
        candidates.sort(key=lambda c: (-c[0], c[1]))
        classes, taken = [], 0
        for score, _, f, bits, alternative in candidates:
            if bits & ~taken:
                via = Via.CORRECTED if unit.read_as and alternative.via == Via.EXACT else alternative.via
                reason = Reason(unit.searched, alternative.label, f, via, alternative.ring, unit.read_as)
                classes.append(_Class(score, reason, bits & ~taken))
                taken |= bits
        return classes

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
        allowed = self._filters.admitted(filters)
        if not units:
            listed, distance = self._near(positions(allowed), filters)
            hits = [Hit(self._ids[p], 0.0, (), distance.get(p)) for p in listed]
            return Results(_by_distance(hits, filters), True, tuple(corrections), expansions)
        per_unit = [self._classes(unit) for unit in units]
        groups, distance = self._groups(per_unit, allowed, filters)
        matched = {key: _matched(key, per_unit) for key in groups}
        complete = {key: groups[key] for key, (reasons, _) in matched.items() if len(reasons) == len(units)}
        hits = self._ranked(complete or groups, matched, len(units), " ".join(terms(query)), distance)
        return Results(tuple(hits), bool(complete) or not groups, tuple(corrections), expansions)

    def _groups(
        self, per_unit: list[list[_Class]], allowed: int, filters: Filters
    ) -> tuple[dict[int, list[int]], dict[int, float | None]]:
        """Admitted documents grouped by how they matched each unit, and their distances.
        A group's key holds the class each unit matched (0 for none) as digits in mixed radix."""
        signature: dict[int, int] = {}
        stride = 1
        for classes in per_unit:
            for k, matched in enumerate(classes, 1):
                for p in positions(matched.bits & allowed):
                    signature[p] = signature.get(p, 0) + k * stride
            stride *= len(classes) + 1
        near, distance = self._near(list(signature), filters)
        kept = set(near)
        groups: dict[int, list[int]] = {}
        for p, key in signature.items():
            if p in kept:
                groups.setdefault(key, []).append(p)
        return groups, distance

    def _ranked(
        self,
        groups: dict[int, list[int]],
        matched: dict[int, tuple[tuple[Reason, ...], float]],
        units: int,
        phrase: str,
        distance: dict[int, float | None],
    ) -> list[Hit]:
        """Hits by score, highest first, then by name. Matching only some units scales a score by
        the share of units matched."""
        by_score: dict[float, list[int]] = {}
        reasons_of: dict[int, tuple[Reason, ...]] = {}
        for key, members in groups.items():
            reasons, total = matched[key]
            score = total * len(reasons) / units
            for p in members:
                final = score + NAME_PHRASE_BONUS if phrase and phrase in self._name_terms[p] else score
                by_score.setdefault(final, []).append(p)
                reasons_of[p] = reasons
        return [
            Hit(self._ids[p], score, reasons_of[p], distance.get(p))
            for score in sorted(by_score, reverse=True)
            for p in sorted(by_score[score])
        ]

    def _near(self, listed: list[int], filters: Filters) -> tuple[list[int], dict[int, float | None]]:
        """The documents within the distance asked for, and each one's distance from the place."""
        if filters.near is None:
            return listed, {}
        distance = {p: filters.distance_km(self._docs[p]) for p in listed}
        if filters.within_km is None:
            return listed, distance
        return [p for p in listed if (d := distance[p]) is not None and d <= filters.within_km], distance


def _matched(key: int, per_unit: list[list[_Class]]) -> tuple[tuple[Reason, ...], float]:
    """A group's reasons, in query order, and the sum of their scores."""
    scores, reasons = [], []
    for classes in per_unit:
        key, k = divmod(key, len(classes) + 1)
        if k:
            scores.append(classes[k - 1].score)
            reasons.append(classes[k - 1].reason)
    return tuple(reasons), sum(scores)


def _by_distance(hits: Sequence[Hit], filters: Filters) -> tuple[Hit, ...]:
    """Browsing near a postcode lists the nearest first (a ranked search keeps its order)."""
    if filters.near is None:
        return tuple(hits)
    return tuple(sorted(hits, key=lambda h: (h.distance_km is None, h.distance_km or 0.0)))
