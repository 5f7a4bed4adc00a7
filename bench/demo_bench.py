"""Times `tellonce demo --children 20000` on a fresh SQLite database and prints the figures."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
root = Path(__file__).resolve().parents[1]

with tempfile.TemporaryDirectory() as var:
    env = os.environ | {"TELLONCE_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "tellonce.config.settings.local"}
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "demo", "--children", str(CHILDREN), "--seed", "1"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    size = (Path(var) / "tellonce.sqlite3").stat().st_size / 1e6
print(
    f"demo --children {CHILDREN:,}: {seconds:.1f} s ({CHILDREN / seconds:,.0f} children/s), SQLite file {size:.0f} MB"
)
print(f"target under 120 s: {seconds / 120:.2f} of the budget")
