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

from tellonce.domain.service_search.documents import Document, Filters, Point, SynonymRing
from tellonce.domain.service_search.index import (
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_WORDS,
    QueryTooLong,
    SearchIndex,
)
from tellonce.domain.service_search.results import Field, Hit, Reason, Results, Via
from tellonce.domain.service_search.text import STOP_WORDS, allowed_edits, edit_distance, terms, words

__all__ = [
    "MAX_QUERY_CHARACTERS",
    "MAX_QUERY_WORDS",
    "STOP_WORDS",
    "Document",
    "Field",
    "Filters",
    "Hit",
    "Point",
    "QueryTooLong",
    "Reason",
    "Results",
    "SearchIndex",
    "SynonymRing",
    "Via",
    "allowed_edits",
    "edit_distance",
    "terms",
    "words",
]
