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
