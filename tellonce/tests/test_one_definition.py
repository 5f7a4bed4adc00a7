"""Issue 21's promise: the partnership dashboard and the SEN2 return compute each DfE measure in
one place, so the dashboard's figures for a past calendar year equal what the return for that year
(the next January's collection) would report."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.organisations.models import LocalAuthority
from tellonce.partnership.figures import annual_figures
from tellonce.returns.sen2 import headline_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_council():
    call_command("demo", children=400, seed=11, today=date(2026, 11, 22), stdout=StringIO())
    return LocalAuthority.objects.get()


def test_the_dashboards_figures_for_each_past_year_equal_the_returns(demo_council):
    compared = ceased = 0
    for year in (2023, 2024, 2025):
        dashboard = annual_figures(demo_council, year)
        returned = headline_for(demo_council, year)
        assert set(dashboard) == set(returned)
        for key, figure in dashboard.items():
            assert figure == returned[key], (year, key)
        compared += dashboard["requests_decided_in_6_weeks"].denominator
        assert dashboard["plans_in_20_weeks_including_exceptions"].denominator > 0, year
        assert dashboard["review_decisions_in_4_weeks"].denominator > 0, year
        ceased += sum(dashboard["ceased_by_reason"].values())
    assert compared > 30 and ceased > 0
