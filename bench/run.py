"""Runs every benchmark in bench/ (files named *_bench.py) one after another and prints figures.
Speed is measured here, never asserted in tests; record results in docs/benchmarks.md."""

import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
failed = 0
for script in sorted(here.glob("*_bench.py")):
    print(f"==> {script.name}", flush=True)
    failed |= subprocess.run([sys.executable, str(script)], cwd=here.parent).returncode
sys.exit(failed)
