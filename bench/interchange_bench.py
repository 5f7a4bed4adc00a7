"""import-cases and export-cases with plans and annual reviews: a synthetic file of 20,000 children,
each with a plan and its yearly reviews (some amended, some late, some ceased), checked and
written, then exported as JSON and as the CSV tables of plans and reviews."""

import json
import os
import tempfile
import time
from pathlib import Path

from common import TODAY, fresh_django, synthetic_file

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))

data = synthetic_file(CHILDREN)
reviews = sum(len(p["reviews"]) for p in data["plans"])
folder = Path(tempfile.mkdtemp(prefix="tellonce-interchange-"))
source = folder / "history.json"
source.write_text(json.dumps(data))
print(
    f"synthetic file: {CHILDREN:,} children and plans, {reviews:,} reviews, {source.stat().st_size / 1e6:.1f} MB"
)

fresh_django()
from django.core.management import call_command  # noqa: E402

from tellonce.interchange.cases import export_cases, export_csv, import_cases  # noqa: E402

started = time.perf_counter()
result = import_cases(json.loads(source.read_text()), today=TODAY)
print(
    f"import-cases (checked, then written): {time.perf_counter() - started:.1f} s for {result.plans:,} plans, {result.reviews:,} reviews"
)

bad = json.loads(source.read_text())
for plan in bad["plans"][::100]:
    for review in plan["reviews"][:1]:
        review["decision_notified"] = "2001-01-01"
from tellonce.interchange.cases import ImportFailed  # noqa: E402

started = time.perf_counter()
try:
    import_cases(bad, today=TODAY)
except ImportFailed as failed:
    print(
        f"a refused file ({len(failed.errors):,} problems, as well as every reference already in Tellonce): {time.perf_counter() - started:.1f} s"
    )

started = time.perf_counter()
records = export_cases(as_of=TODAY)
print(f"export-cases, computing every plan's and review's dates: {time.perf_counter() - started:.1f} s")
started = time.perf_counter()
text = json.dumps(records, indent=2)
print(f"  as JSON: {time.perf_counter() - started:.1f} s, {len(text) / 1e6:.1f} MB")
for table in ("plans", "reviews"):
    started = time.perf_counter()
    rows = export_csv(records, table=table).count("\n") - 1
    print(f"  CSV --table {table}: {time.perf_counter() - started:.2f} s, {rows:,} rows")
with open(os.devnull, "w") as quiet:
    started = time.perf_counter()
    call_command("export-cases", "--as-of", TODAY.isoformat(), stdout=quiet)
print(f"the export-cases command, end to end: {time.perf_counter() - started:.1f} s")
