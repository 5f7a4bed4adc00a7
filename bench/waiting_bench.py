"""Waiting-list measures for 50,000 referrals: the pure measures (snapshot, flows, locality
comparison with a 1,000-resample bootstrap) and the service page over SQLite. Prints medians."""

import os
import random
from datetime import timedelta

from common import demo, fresh_django, median_ms

REFERRALS = int(os.environ.get("BENCH_REFERRALS", "50000"))
fresh_django()
demo(5000)

from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.people.models import Child  # noqa: E402
from tellonce.waiting_lists import measures  # noqa: E402
from tellonce.waiting_lists.models import Referral, WaitingService  # noqa: E402

service = WaitingService.objects.get(code="slt")
Referral.objects.filter(service=service).delete()
rng, today = random.Random(1), uk_today()
children = list(Child.objects.values_list("pk", "locality_id"))
rows = []
for n in range(REFERRALS):
    child, locality = children[n % len(children)]
    referred = today - timedelta(days=rng.randrange(0, 3 * 365))
    seen = referred + timedelta(days=int(rng.expovariate(1 / 150)))
    rows.append(
        Referral(
            service=service,
            child_id=child,
            locality_id=locality,
            provider_ref=f"B{n:07d}",
            referred_on=referred,
            accepted=True,
            treatment_on=seen if seen <= today else None,
        )
    )
Referral.objects.bulk_create(rows, batch_size=5000)
items = measures.waits(service)
print(f"{len(items):,} referrals loaded")
print(f"load the waits from the database: {median_ms(lambda: measures.waits(service), 5):.0f} ms")
print(f"snapshot, clearance: {median_ms(lambda: measures.summary(service, today, items), 5):.0f} ms")
print(
    f"by locality with the bootstrap comparison: {median_ms(lambda: measures.by_locality(service, today, items), 3):.0f} ms"
)
print(f"monthly flows: {median_ms(lambda: measures.flows(service, today, items), 5):.0f} ms")
client = Client()
client.force_login(User.objects.get(username="dco"))
assert client.get("/waiting/slt/").status_code == 200
print(f"the service page for the DCO: {median_ms(lambda: client.get('/waiting/slt/'), 5):.0f} ms")
print(
    f"the overview of {WaitingService.objects.count()} services: {median_ms(lambda: client.get('/waiting/'), 3):.0f} ms"
)
