"""One council's pages on two databases that already hold the national demo at different sizes
(bench/national_bench.py), timed in alternation so that a machine growing slower or faster during
the run falls on both alike: rounds in the order A B B A A B ..., each a whole `national_bench.py`
run of every page (a subprocess), and each page's figure the median of its rounds.

    .venv/bin/python bench/national_compare.py --small DB_URL_20000 --large DB_URL_640000 --rounds 3

Prints each page's time on both, their ratio, and how many are within 20% (issue 25's acceptance).
A single run of each, one after the other, had put pages of 10 to 20 ms over 20% in one run and
under it in the next (docs/benchmarks.md, eighth session)."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--small", required=True, help="DATABASE_URL of the smaller database (the reference)")
parser.add_argument("--large", required=True, help="DATABASE_URL of the larger database")
parser.add_argument("--rounds", type=int, default=3, help="runs on each database (ABBA order)")
parser.add_argument("--runs", type=int, default=7, help="requests a page in each run, the median is kept")
parser.add_argument("--within", type=float, default=1.2, help="the ratio a page may reach")
args = parser.parse_args()
if args.rounds < 1:
    parser.error("--rounds must be at least 1")


def order(rounds: int) -> list[str]:
    """A B B A A B B A ...: each database's runs sit as often early as late in every pair of rounds."""
    pairs = [("small", "large") if n % 2 == 0 else ("large", "small") for n in range(rounds)]
    return [which for pair in pairs for which in pair]


def one_run(which: str, folder: Path, n: int) -> dict[str, float]:
    """Every page's median time in one `national_bench.py` run on database `which`, at the size it holds."""
    out = folder / f"{which}-{n}.json"
    env = os.environ | {"DATABASE_URL": getattr(args, which), "BENCH_REUSE_DEMO": "1"}
    subprocess.run(
        [
            sys.executable,
            str(HERE / "national_bench.py"),
            "--stages",
            "1",
            "--runs",
            str(args.runs),
            "--out",
            str(out),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stages = json.loads(out.read_text())
    figures = stages[max(stages, key=int)]
    return {page: ms for page, (ms, _floor) in figures.items()}


with tempfile.TemporaryDirectory(prefix="national-compare-") as tmp:
    runs: dict[str, list[dict[str, float]]] = {"small": [], "large": []}
    for n, which in enumerate(order(args.rounds)):
        print(f"run {n + 1} of {2 * args.rounds}: the {which} database", flush=True)
        runs[which].append(one_run(which, Path(tmp), n))

pages = [page for page in runs["small"][0] if all(page in run for run in runs["small"] + runs["large"])]
within = 0
ratios = []
print(f"\n{'page':<48} {'small':>8} {'large':>8} {'ratio':>6}   (medians of {args.rounds} runs each)")
for page in pages:
    small = statistics.median(run[page] for run in runs["small"])
    large = statistics.median(run[page] for run in runs["large"])
    ratio = large / small
    ratios.append(ratio)
    within += ratio <= args.within
    mark = "" if ratio <= args.within else f"   over {args.within:.2f}"
    print(f"{page:<48} {small:8.1f} {large:8.1f} {ratio:6.2f}{mark}", flush=True)
print(
    f"\n{within} of {len(pages)} within {args.within:.2f} times; median ratio {statistics.median(ratios):.2f}, "
    f"highest {max(ratios):.2f}"
)
