from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.benchmarks.models import Level, PublishedFigure, StatisticalNeighbour
from tellonce.demo.partnership import EXAMPLE_NEIGHBOURS
from tellonce.partnership.figures import annual_figures
from tellonce.partnership.models import Target


@pytest.mark.django_db
def test_the_demo_loads_the_published_figures_and_sets_neighbours_and_targets():
    call_command("demo", children=120, seed=5, today=date(2026, 11, 20), stdout=StringIO())
    assert PublishedFigure.objects.filter(
        level=Level.NATIONAL, measure="requests_decided_in_6_weeks"
    ).exists()
    neighbours = StatisticalNeighbour.objects.filter(local_authority__code="999")
    assert list(neighbours.values_list("la_code", flat=True)) == list(EXAMPLE_NEIGHBOURS)
    assert Target.objects.filter(local_authority__code="999").count() >= 3
    figures = annual_figures(neighbours.first().local_authority, 2025)
    # The demo's five years of history give every headline figure something to count.
    assert figures["requests_decided_in_6_weeks"].denominator > 0
    assert figures["plans_in_20_weeks_including_exceptions"].denominator > 0
    assert figures["review_decisions_in_4_weeks"].denominator > 0


@pytest.mark.django_db
def test_whose_voice_is_missing_on_the_dashboard_is_what_the_family_voice_page_finds():
    from tellonce.domain.voice import Verdict
    from tellonce.feedback.measures import DIMENSIONS, whose_voice
    from tellonce.organisations.models import LocalAuthority
    from tellonce.partnership.figures import missing_voices

    call_command("demo", children=150, seed=9, today=date(2026, 11, 20), stdout=StringIO())
    council = LocalAuthority.objects.get(code="999")
    expected = [
        (DIMENSIONS[d][0], c.group)
        for d in ("ethnicity", "locality", "primary_need")
        for c in whose_voice(council.pk, d)["Survey answers"]
        if c.verdict == Verdict.UNDER
    ]
    assert [(title, group) for title, group, _ in missing_voices(council.pk)] == expected
