"""High-needs spend: the caseload at unit cost, budget against actual by month, the variance
explained, recovery targets, and a budget file refused row by row."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.conftest import REFUSED, ROLES
from tellonce.finance.models import Band, BandTable, RecoveryTarget, SpendMonth, UnitCost

GOOD = (
    "month,placement,budget_plans,budget_unit_cost,actual_plans,actual_unit_cost\n"
    "2026-04,mainstream,100,700,110,700\n2026-04,independent,10,5000,10,5500\n"
    "2026-05,mainstream,100,700,,\n2026-05,independent,10,5000,,\n"
)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 5, 10), tick=False):
        yield


@pytest.mark.parametrize("role", ROLES)
def test_spend_is_for_finance_managers_and_the_board(client, area, role):
    client.force_login(area.users[role])
    assert client.get("/spend/").status_code in (
        {200} if role in {"analyst", "manager", "board member", "quality lead"} else REFUSED
    )


def _upload(client, text):
    return client.post("/spend/", {"upload": "1", "file": SimpleUploadedFile("b.csv", text.encode())})


def test_a_csv_with_nul_bytes_is_refused_and_nothing_is_loaded(client, area):
    client.force_login(area.users["analyst"])
    response = _upload(client, GOOD.replace("\n", "\x00\n", 1))
    assert "The selected file must be a CSV file (.csv): it holds binary data" in response.content.decode()
    assert not SpendMonth.objects.exists()


def test_an_analyst_loads_budget_and_actuals_and_sees_the_variance_explained(client, area):
    UnitCost.objects.create(
        local_authority=area.child.local_authority, placement="mainstream", financial_year=2026, amount=8400
    )
    client.force_login(area.users["analyst"])
    assert _upload(client, GOOD).status_code == 302
    page = client.get("/spend/").content.decode()
    # April: budget 70,000 + 50,000; actual 77,000 + 55,000. Volume +7,000 at the average cost of
    # 120,000 / 110 plans; price +5,000 (independent); mix the rest.
    assert "£120,000" in page and "£132,000" in page and "£5,000" in page
    # May forecast at April's run rate: mainstream 100 x 1.1 x 700 = 77,000; independent 10 x 1.0 x 5,500.
    assert page.count("£132,000") >= 2
    assert "<svg" in page and "£8,400" in page  # the child on the caseload has SEN support, not a plan


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "month,placement,budget_plans,budget_unit_cost\n2026-13,mainstream,1,1\n",
            "row 2: month",
        ),
        (
            "month,placement,budget_plans,budget_unit_cost\n2026-04,castle,1,1\n",
            "row 2: placement",
        ),
        (
            "month,placement,budget_plans,budget_unit_cost\n2026-04,mainstream,-1,1\n",
            "row 2: budget_plans is negative",
        ),
        ("month,placement\n2026-04,mainstream\n", "no budget_plans, budget_unit_cost column"),
        (
            "month,placement,budget_plans,budget_unit_cost\n2026-04,mainstream,NaN,1\n",
            "NaN&#39; is not a number",
        ),
        (
            "month,placement,budget_plans,budget_unit_cost\n2026-04,mainstream,1,Infinity\n",
            "Infinity&#39; is not a number",
        ),
    ],
)
def test_a_bad_budget_file_is_refused_naming_the_row_and_nothing_is_loaded(client, area, text, message):
    client.force_login(area.users["analyst"])
    page = _upload(client, text).content.decode()
    assert message in page and "There is a problem" in page
    assert not SpendMonth.objects.exists()


def test_a_recovery_target_is_added_and_shown_as_met_or_not(client, area):
    client.force_login(area.users["analyst"])
    client.post(
        "/spend/",
        {
            "target": "1",
            "target-name": "Independent places",
            "target-year": "2027",
            "target-target": "40",
            "target-actual": "45",
            "target-lower_is_better": "on",
        },
    )
    assert RecoveryTarget.objects.get().name == "Independent places"
    assert "Not met" in client.get("/spend/").content.decode()


@pytest.mark.parametrize("path", ["/spend/months.csv", "/spend/caseload-cost.csv", "/banding/tables.csv"])
def test_every_finance_table_downloads_as_csv_for_readers_only(client, area, path):
    client.force_login(area.users["analyst"])
    client.post("/spend/", {"upload": "1", "file": SimpleUploadedFile("b.csv", GOOD.encode())})
    table = BandTable.objects.create(
        local_authority=area.child.local_authority,
        name="Mainstream 2025",
        setting_type="mainstream",
        effective_from=date(2025, 4, 1),
    )
    Band.objects.create(table=table, code="A", top_up=1600)
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    lines = response.getvalue().decode().splitlines()
    assert len(lines) >= 2 and "," in lines[1]
    client.force_login(area.users["parent"])
    assert client.get(path).status_code == 403
