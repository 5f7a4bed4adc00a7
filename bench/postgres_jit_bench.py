"""PostgreSQL's JIT compilation on Tellonce's pages: every page in the menus of the demo's staff sign-ins,
over the demo area of 20,000 children on PostgreSQL, timed with `jit` on (PostgreSQL's default) and
off in the same database. Prints each page's medians and the ratio. Without DATABASE_URL it runs
itself against a throwaway cluster (scripts/with-postgres)."""

import os
import sys
import time

from common import ROOT, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
fresh_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.workspace.navigation import menu_for  # noqa: E402

started = time.perf_counter()
with open(os.devnull, "w") as quiet:
    call_command("demo", children=CHILDREN, seed=1, stdout=quiet)
print(f"demo area of {CHILDREN:,} children on PostgreSQL: {time.perf_counter() - started:.1f} s")


def set_jit(on: bool) -> None:
    """For every connection from now on (a request may open a new one after CONN_MAX_AGE)."""
    connection.close()
    connection.settings_dict.setdefault("OPTIONS", {})["options"] = f"-c jit={'on' if on else 'off'}"


client = Client()
pages = []
for username in ("manager", "coordinator", "quality", "analyst", "dco"):
    user = User.objects.filter(username=username).first()
    if user is None:
        continue
    client.force_login(user)
    for text, href in menu_for(user):
        if text != "Sign out" and (username, href) not in pages:
            pages.append((username, href))

totals = {True: 0.0, False: 0.0}
print(f"{'sign-in':<12} {'page':<40} {'jit on':>9} {'jit off':>9} {'on/off':>7}")
for username, href in pages:
    client.force_login(User.objects.get(username=username))
    timing = {}
    for on in (True, False):
        set_jit(on)
        assert client.get(href, follow=True).status_code == 200, href  # warm
        timing[on] = median_ms(lambda href=href: client.get(href, follow=True), RUNS)
        totals[on] += timing[on]
    print(
        f"{username:<12} {href:<40} {timing[True]:>7.0f}ms {timing[False]:>7.0f}ms "
        f"{timing[True] / timing[False]:>7.2f}"
    )
print(
    f"all {len(pages)} pages: jit on {totals[True] / 1000:.2f} s, off {totals[False] / 1000:.2f} s "
    f"(ratio {totals[True] / totals[False]:.2f})"
)
