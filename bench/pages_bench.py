"""Pages over a demo area of 20,000 children with five years of history: every assessment deadline,
the team manager's caseload (target under 300 ms), and advice timeliness by provider, service and
month. Prints medians of repeated runs."""

import os

from common import demo, fresh_django, median_ms

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
fresh_django()
demo(CHILDREN)

from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.assessments.models import AssessmentRequest  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.domain.assessment import clock  # noqa: E402

today = uk_today()
cases = list(AssessmentRequest.objects.prefetch_related("exceptions"))
facts = [case.facts() for case in cases]
every = median_ms(lambda: [clock(f, today) for f in facts], 10)
print(
    f"every deadline of {len(cases):,} assessments ({CHILDREN:,} children): {every:.1f} ms "
    f"({every * 1000 / len(cases):.1f} µs a case)"
)

client = Client()
client.force_login(User.objects.get(username="manager"))
open_cases = AssessmentRequest.objects.open().count()
for path in ("/caseload/", "/caseload/overdue/", "/caseload/?status=due_soon"):
    assert client.get(path).status_code == 200
    page = median_ms(lambda path=path: client.get(path), 15)
    print(
        f"team manager's {path} with {open_cases:,} open cases: {page:.1f} ms (target 300 ms: {page / 300:.2f})"
    )
client.force_login(User.objects.get(username="coordinator"))
page = median_ms(lambda: client.get("/caseload/"), 15)
print(f"a coordinator's /caseload/: {page:.1f} ms")

from tellonce.advice.models import AdviceRequest  # noqa: E402

client.force_login(User.objects.get(username="analyst"))
advice_count = AdviceRequest.objects.count()
for query in ("group=provider", "group=service", "group=month"):
    path = f"/advice/timeliness/?{query}"
    assert client.get(path).status_code == 200
    page = median_ms(lambda path=path: client.get(path), 10)
    print(f"advice timeliness ({query}) over {advice_count:,} advice requests: {page:.1f} ms")
