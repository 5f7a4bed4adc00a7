"""The inspection importer on every fixture report (read and parse), and the plan's pages over a
demo area of 20,000 children: the board's plan page, a priority citing live measures (each
measure's value at seven month ends), the impact report page, and the Word and PDF downloads.
Prints medians of repeated runs."""

import os
import time
from pathlib import Path

from common import demo, fresh_django, median_ms

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
FIXTURES = Path(__file__).resolve().parents[1] / "tellonce" / "improvement" / "tests" / "fixtures"

fresh_django()

from tellonce.domain.inspection import parse_report  # noqa: E402
from tellonce.improvement.reading import read_report  # noqa: E402

for path in sorted(FIXTURES.glob("*.pdf")) + sorted(FIXTURES.glob("*.txt")):
    data = path.read_bytes()
    read_ms = median_ms(lambda data=data, path=path: read_report(data, filename=path.name), 3)
    text = read_report(data, filename=path.name).text
    parse_ms = median_ms(lambda text=text: parse_report(text), 10)
    print(f"import {path.name}: read {read_ms:.0f} ms, parse {parse_ms:.1f} ms")

started = time.perf_counter()
demo(CHILDREN)
print(f"demo --children {CHILDREN:,}: {time.perf_counter() - started:.1f} s")

from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.improvement.models import ImprovementPlan  # noqa: E402

plan = ImprovementPlan.objects.get()
priority = plan.priorities.get(number=1)
client = Client()
client.force_login(User.objects.get(username="board"))
pages = {
    "plan (board)": f"/improvement/plans/{plan.pk}/",
    f"priority with {priority.measures.count()} measures": f"/improvement/priorities/{priority.pk}/",
    "impact report page": f"/improvement/plans/{plan.pk}/impact/",
    "impact report .docx": f"/improvement/plans/{plan.pk}/impact.docx",
    "impact report .pdf": f"/improvement/plans/{plan.pk}/impact.pdf",
}
for name, path in pages.items():
    assert client.get(path).status_code == 200
    print(f"{name}: {median_ms(lambda path=path: client.get(path), 5):.0f} ms")
