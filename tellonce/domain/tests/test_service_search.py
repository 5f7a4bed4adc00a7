"""Search over the Local Offer: thesaurus expansion, typo tolerance, filters and the reasons given."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.service_search import (
    MAX_QUERY_CHARACTERS,
    Document,
    Field,
    Filters,
    Point,
    QueryTooLong,
    SearchIndex,
    SynonymRing,
    Via,
    edit_distance,
    terms,
    words,
)

CENTRE = Point(52.0, -1.0)
DOCS = [
    Document(
        "emotional",
        "Emotional Health Service",
        description="Counselling and support for anxiety and low mood in young people.",
        categories=("Health", "Mental health"),
        category_ids=frozenset({"health"}),
        need_ids=frozenset({"semh"}),
        minimum_age=5,
        maximum_age=18,
        points=(Point(52.01, -1.0),),
    ),
    Document(
        "slt",
        "Speech and language therapy",
        description="Assessment and therapy for children who find it hard to talk or understand.",
        categories=("Health", "Therapies"),
        category_ids=frozenset({"health"}),
        need_ids=frozenset({"slcn"}),
        minimum_age=0,
        maximum_age=19,
        points=(Point(52.2, -1.0),),
    ),
    Document(
        "autism-group",
        "Autism parent support group",
        description="A monthly group for parents of autistic children.",
        categories=("Advice and information",),
        category_ids=frozenset({"advice"}),
        need_ids=frozenset({"asd"}),
        free=True,
    ),
    Document(
        "short-breaks",
        "Saturday short breaks club",
        description="Activities for disabled children so parents and carers get a break.",
        categories=("Social care",),
        category_ids=frozenset({"care"}),
        need_ids=frozenset({"asd", "pmld"}),
        minimum_age=8,
        maximum_age=17,
        free=False,
        locality_ids=frozenset({"east"}),
        points=(Point(52.0, -1.05),),
    ),
    Document(
        "swim",
        "Inclusive swimming",
        alternate_name="Splash club",
        description="Swimming lessons with extra support.",
        categories=("Leisure",),
        category_ids=frozenset({"leisure"}),
        free=False,
    ),
]
RINGS = [
    SynonymRing("Emotional health", ("CAMHS Tier 2", "emotional health", "tier 2 CAMHS")),
    SynonymRing(
        "Speech and language therapy", ("SALT", "SLT", "speech and language therapy", "speech therapy")
    ),
    SynonymRing("Autism", ("ASD", "ASC", "autism", "autistic")),
    SynonymRing("Short breaks", ("short breaks", "respite")),
]


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build(DOCS, RINGS)


def ids(results):
    return [h.id for h in results.hits]


def test_words_are_folded_to_lower_case_singular_and_without_accents():
    assert words("Children's Cafés & THERAPIES") == ["children", "cafe", "therapy"]
    assert terms("help for my child with ASD") == ("child", "asd")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CAMHS Tier 2", "emotional"),
        ("tier 2 camhs", "emotional"),
        ("SALT", "slt"),
        ("SLT", "slt"),
        ("speech therapy", "slt"),
        ("ASD", "autism-group"),
        ("ASC", "autism-group"),
        ("respite", "short-breaks"),
    ],
)
def test_each_thesaurus_label_finds_its_service(index, query, expected):
    assert ids(index.search(query))[0] == expected


def test_the_reason_names_the_matched_term_and_the_thesaurus(index):
    hit = index.search("CAMHS Tier 2").hits[0]
    reason = hit.reasons[0]
    assert reason.via == Via.THESAURUS and reason.found == "emotional health" and reason.field == Field.NAME
    assert reason.text() == "“CAMHS Tier 2” means “emotional health”, found in the name"


def test_a_misspelt_query_still_finds_speech_and_language_therapy(index):
    results = index.search("speach therapy")
    assert ids(results)[0] == "slt"
    assert results.corrections == (("speach", "speech"),)
    assert results.hits[0].reasons[0].text() == "“speach therapy” read as “speech therapy”, found in the name"


def test_two_typos_in_a_long_word_are_forgiven(index):
    assert ids(index.search("swiming lesons"))[0] == "swim"
    assert ids(index.search("counseling"))[0] == "emotional"


def test_short_words_are_never_corrected_so_acronyms_stay_exact(index):
    assert index.correct("slt") is None
    assert index.search("xyz").hits == ()


def test_exact_words_in_the_name_rank_above_words_in_the_description(index):
    results = index.search("support")
    assert ids(results)[0] == "autism-group"
    assert {"emotional", "swim"} <= set(ids(results))


def test_the_alternate_name_is_searched(index):
    hit = index.search("splash").hits[0]
    assert hit.id == "swim" and hit.reasons[0].field == Field.ALTERNATE_NAME


def test_when_no_service_has_every_word_the_best_partial_matches_are_shown(index):
    results = index.search("autism zebra")
    assert not results.all_words_matched and ids(results)[0] == "autism-group"


def test_filters_combine(index):
    both = Filters(age=10, need_ids=frozenset({"asd"}))
    assert set(ids(index.search("", both))) == {"autism-group", "short-breaks"}
    assert ids(index.search("", Filters(age=10, need_ids=frozenset({"asd"}), free_only=True))) == [
        "autism-group"
    ]
    assert ids(index.search("", Filters(age=19, category_ids=frozenset({"health"})))) == ["slt"]
    assert ids(index.search("respite", Filters(age=5))) == []


def test_a_locality_filter_keeps_area_wide_services(index):
    west = ids(index.search("", Filters(locality_id="west")))
    assert "short-breaks" not in west and "autism-group" in west
    assert "short-breaks" in ids(index.search("", Filters(locality_id="east")))


def test_distance_filters_and_sorts_nearest_first(index):
    near = index.search("", Filters(near=CENTRE, within_km=5))
    assert ids(near) == ["emotional", "short-breaks"]
    assert near.hits[0].distance_km == pytest.approx(1.11, abs=0.01)
    assert "slt" in ids(index.search("", Filters(near=CENTRE, within_km=30)))


def test_an_empty_query_lists_every_service_by_name(index):
    assert ids(index.search("")) == ["autism-group", "emotional", "swim", "short-breaks", "slt"]


def test_an_over_long_query_is_refused(index):
    with pytest.raises(QueryTooLong, match="200 characters"):
        index.search("a" * (MAX_QUERY_CHARACTERS + 1))
    with pytest.raises(QueryTooLong, match="12 words"):
        index.search(" ".join(f"word{i}" for i in range(13)))


def test_one_kilometre_of_latitude_is_about_a_hundred_and_eleventh_of_a_degree():
    assert Point(0, 0).km_to(Point(1, 0)) == pytest.approx(111.19, abs=0.01)


@given(st.text(alphabet="abcdefgh", max_size=8), st.text(alphabet="abcdefgh", max_size=8))
def test_edit_distance_is_a_symmetric_measure_bounded_by_the_longer_word(a, b):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert edit_distance(a, b) <= max(len(a), len(b))
    assert (edit_distance(a, b) == 0) == (a == b)


@given(st.text(alphabet="abcdefghij", min_size=4, max_size=7), st.integers(0, 6), st.sampled_from("xyz"))
def test_any_single_substitution_in_a_known_word_is_corrected_back(word, position, letter):
    index = SearchIndex.build([Document("d", word)])
    known = words(word)[0]
    position %= len(known)
    typo = known[:position] + letter + known[position + 1 :]
    corrected = index.correct(typo)
    assert corrected is not None and edit_distance(typo, corrected) <= 1


@given(st.lists(st.sampled_from([d.id for d in DOCS]), unique=True))
def test_every_result_satisfies_every_filter(chosen):
    index = SearchIndex.build(DOCS, RINGS)
    filters = Filters(age=10, free_only=bool(len(chosen) % 2))
    for hit in index.search("", filters).hits:
        assert filters.admit(index.documents[hit.id])
