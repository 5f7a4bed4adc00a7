"""The search's sets of documents: bit positions, and filters precomputed per value."""

import math

from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.service_search import Document, Filters, Point, SearchIndex
from tellonce.domain.service_search.bitsets import bitset, positions
from tellonce.domain.service_search.documents import EARTH_RADIUS_KM

IDS = st.sampled_from(["a", "b", "c"])
AGES = st.sampled_from([None, 0, 5, 11, 18, 25])
CENTRE = Point(52.0, -1.0)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
# Due north or south of the centre, some within a hair of 1, 5 or 10 km; others anywhere near.
EDGES = [
    52.0 + sign * km / KM_PER_DEGREE * f
    for km in (1, 5, 10)
    for f in (0.9999, 1.0, 1.0001)
    for sign in (1, -1)
]
POINTS = st.builds(Point, st.sampled_from(EDGES), st.just(-1.0)) | st.builds(
    Point, st.floats(51.82, 52.18), st.floats(-1.3, -0.7)
)
DOCUMENT = st.builds(
    Document,
    id=st.uuids().map(str),
    name=st.sampled_from(["Club", "Group", "Service"]),
    category_ids=st.frozensets(IDS),
    need_ids=st.frozensets(IDS),
    locality_ids=st.frozensets(IDS, max_size=2),
    minimum_age=AGES,
    maximum_age=AGES,
    free=st.booleans(),
    points=st.lists(POINTS, max_size=3).map(tuple),
)
FILTERS = st.builds(
    Filters,
    age=st.sampled_from([None, None, -1, 0, 4, 5, 11, 12, 18, 25, 26]),
    need_ids=st.just(frozenset()) | st.frozensets(IDS | st.just("unknown"), max_size=2),
    category_ids=st.just(frozenset()) | st.frozensets(IDS, max_size=2),
    locality_id=st.sampled_from([None, None, "a", "b", "elsewhere"]),
    free_only=st.booleans(),
    near=st.sampled_from([None, CENTRE, CENTRE]),
    within_km=st.sampled_from([None, 0.0, 1.0, 5.0, 10.0]) | st.floats(0, 25),
)


@given(st.sets(st.integers(0, 2000)))
def test_a_set_of_positions_survives_the_round_trip_in_ascending_order(chosen):
    assert positions(bitset(chosen, 2001)) == sorted(chosen)


@given(st.lists(DOCUMENT, max_size=12), FILTERS)
def test_the_precomputed_filters_admit_exactly_what_each_filter_admits(docs, filters):
    index = SearchIndex.build(docs)
    found = {h.id for h in index.search("", filters).hits}
    assert found == {d.id for d in index.documents.values() if filters.admit(d)}


@given(st.lists(DOCUMENT, min_size=1, max_size=12), FILTERS)
def test_a_word_search_is_filtered_as_browsing_is(docs, filters):
    index = SearchIndex.build(docs)
    browsed = [h.id for h in index.search("", filters).hits if index.documents[h.id].name == "Club"]
    assert sorted(h.id for h in index.search("club", filters).hits) == sorted(browsed)


@given(st.lists(DOCUMENT, max_size=12), st.sampled_from([0.0, 1.0, 5.0, 10.0]) | st.floats(0, 25))
def test_services_a_hair_inside_the_distance_are_kept_and_a_hair_outside_are_not(docs, within_km):
    index = SearchIndex.build(docs)
    filters = Filters(near=CENTRE, within_km=within_km)
    found = {h.id for h in index.search("", filters).hits}
    assert found == {d.id for d in index.documents.values() if filters.admit(d)}
