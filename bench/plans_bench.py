"""EHC plans over a demo area of 20,000 children: building the plans, every finding of every
version, the quality overview for the quality lead, a version page with its findings, and the
plan as a tagged PDF and a Word file. Prints medians of repeated runs."""

import os
import time

from common import demo, fresh_django, median_ms

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
fresh_django()
started = time.perf_counter()
demo(CHILDREN)
print(
    f"demo area of {CHILDREN:,} children with every module's history: {time.perf_counter() - started:.1f} s"
)

from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.plans.models import Plan, PlanSection, PlanVersion, Status  # noqa: E402

today = uk_today()
versions = list(PlanVersion.objects.select_related("plan__child__setting").prefetch_related("sections"))
print(
    f"{Plan.objects.count():,} plans, {len(versions):,} versions, {PlanSection.objects.count():,} section rows"
)
every = median_ms(lambda: [v.findings(today) for v in versions], 3)
print(f"every finding of every version: {every:.0f} ms ({every * 1000 / len(versions):.0f} µs a version)")

client = Client()
client.force_login(User.objects.get(username="quality"))
assert client.get("/plans/quality/").status_code == 200
page = median_ms(lambda: client.get("/plans/quality/"), 5)
issued = PlanVersion.objects.filter(status=Status.ISSUED).values("plan").distinct().count()
print(f"plan quality overview over {issued:,} plans in force: {page:.0f} ms")

version = PlanVersion.objects.filter(status=Status.ISSUED).order_by("-number").first()
base = f"/plans/{version.plan_id}/versions/{version.number}/"
client.force_login(User.objects.get(username="manager"))
for path, runs in ((base, 15), (base + "plan.pdf", 5), (base + "plan.docx", 10)):
    assert client.get(path).status_code == 200
    print(
        f"{path.rsplit('/', 1)[-1] or 'version page'}: {median_ms(lambda path=path: client.get(path), runs):.0f} ms"
    )
