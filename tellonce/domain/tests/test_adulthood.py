"""Preparing for adulthood (reg. 20(6); CoP ch. 8; Care Act 2014 s58)."""

import pytest

from tellonce.domain.adulthood import YoungPerson, adult_social_care_reasons, review_must_cover_adulthood


@pytest.mark.parametrize(("nc_year", "covered"), [(8, False), (9, True), (13, True), (14, True)])
def test_reviews_cover_preparing_for_adulthood_from_year_9(nc_year, covered):
    assert review_must_cover_adulthood(nc_year) is covered


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        (YoungPerson(15, has_social_care_provision=True), "social care provision"),
        (YoungPerson(16, has_social_care_needs=True), "social care needs"),
        (YoungPerson(14, primary_need="PMLD"), "profound"),
        (YoungPerson(17, looked_after=True), "care leaver"),
        (YoungPerson(15, child_in_need=True), "child in need"),
    ],
)
def test_each_sign_of_likely_adult_care_needs_is_named(person, reason):
    assert any(reason in r for r in adult_social_care_reasons(person))


def test_only_14_to_17_year_olds_are_listed_and_only_with_a_reason():
    assert adult_social_care_reasons(YoungPerson(13, primary_need="PMLD")) == []
    assert adult_social_care_reasons(YoungPerson(18, primary_need="PMLD")) == []
    assert adult_social_care_reasons(YoungPerson(15, primary_need="MLD")) == []
