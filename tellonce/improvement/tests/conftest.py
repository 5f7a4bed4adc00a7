"""PDFs made on the fly for the bad-input tests (a scan, and a document that is not an inspection
report), and a plan made from a real letter with one overdue action, a rating, progress and a measure."""

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from tellonce.conftest import acting
from tellonce.improvement import services
from tellonce.improvement.importing import details_from_json, extract, rows_from_json

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 20)
OWNER = "therapist asked to help"


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 1100), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 700, 140), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def other_pdf() -> bytes:
    paragraphs = "".join(
        f"<p>Item {n}: the committee noted the budget for highways and libraries for the coming year, "
        "and agreed to review the parking strategy with residents at its next meeting.</p>"
        for n in range(12)
    )
    return _pdf(f"<h1>Minutes of the highways committee</h1>{paragraphs}")


@pytest.fixture
def plan(area):
    manager = area.users["manager"]
    found = extract((FIXTURES / "kent-2019.txt").read_bytes(), filename="kent-2019.txt")
    inspection = services.save_inspection(
        by=acting(manager),
        local_authority=manager.local_authority,
        details=details_from_json(found),
        findings=rows_from_json(found),
        extracted=found,
        source_name="kent-2019.txt",
    )
    plan = services.create_plan(inspection, by=acting(manager))
    first = plan.priorities.first()
    services.add_action(
        first,
        by=acting(manager),
        text="Agree a 6-week advice standard",
        owner=area.users[OWNER],
        partner_agency="NHS Kent ICB",
        due_on=TODAY - timedelta(days=5),
    )
    services.rate(first, by=acting(manager), rag="red", on=TODAY - timedelta(days=60), reason="Baseline")
    services.record_update(
        first, by=acting(manager), kind="progress", text="Tracking started", on=TODAY - timedelta(days=30)
    )
    services.cite_measure(first, by=acting(manager), key="assessments.plans_within_20_weeks")
    return plan
