"""The search index: an inverted index over documents, the thesaurus and a typo-tolerant vocabulary."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


class QueryTooLong(ValueError):
    """A query over MAX_QUERY_CHARACTERS characters or MAX_QUERY_WORDS words."""


_BEST_FIELD = {
    mask: max((f for i, f in enumerate(Field) if mask & (1 << i)), key=WEIGHTS.__getitem__)
    for mask in range(1, 1 << len(Field))
}


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
            for deleted in deletions(word, allowed_edits(word)):
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
        for deleted in deletions(word, limit):
            candidates |= self._deletes.get(deleted, set())
        scored = [
            (d, -len(self._postings.get(c, ())), c)
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
