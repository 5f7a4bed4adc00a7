"""Areas for improvement and priority action read from published reports, against hand labels.

    .venv/bin/python bench/inspection_reading_bench.py [FOLDER ...]

Reads every PDF in the labelled set (tellonce/improvement/tests/reports/, labels.json) and prints
recall and precision of areas, and whether the outcome and the area's name are right; then reads
every other PDF in the folders given (by default /work/shared/inspection-reports when it exists)
and prints what it found (outcome, area, the number of areas of each kind), so a person can check
the unlabelled reports.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tellonce.config.settings.test")

import django  # noqa: E402

django.setup()

from tellonce.domain.inspection import parse_report  # noqa: E402
from tellonce.domain.inspection.scoring import Score, comparable, score  # noqa: E402
from tellonce.improvement.reading import read_report  # noqa: E402

LABELLED = Path(__file__).resolve().parents[1] / "tellonce/improvement/tests/reports"
KINDS = ("areas_for_priority_action", "areas_for_improvement")


def found(path: Path) -> dict:
    read = read_report(path.read_bytes(), filename=path.name)
    return parse_report(read.text, document_date=read.document_date).as_json()


def main(folders: list[str]) -> None:
    labels = json.loads((LABELLED / "labels.json").read_text())
    total = Score(0, 0, 0)
    started = time.monotonic()
    print(f"{'labelled report':45} {'outcome':8} {'area':5} {'listed':>6} {'read':>5} {'right':>5}")
    for label in labels:
        got = found(LABELLED / label["file"])
        s = Score(0, 0, 0)
        for kind in KINDS:
            listed = [comparable(a["text"], a["parts"]) for a in label[kind]]
            s = s + score(listed, [comparable(a["text"]) for a in got[kind]])
        total = total + s
        outcome_ok = "yes" if got["outcome"] == label["outcome"] else "NO"
        area_ok = "yes" if got["area"] == label["area"] else "NO"
        print(f"{label['file']:45} {outcome_ok:8} {area_ok:5} {s.listed:6} {s.read:5} {s.matched:5}")
    print(
        f"\nLabelled: {len(labels)} reports, {total.listed} areas listed, {total.read} read, "
        f"{total.matched} read whole: recall {total.recall:.1%}, precision {total.precision:.1%}\n"
    )
    done = {label["file"] for label in labels}
    others = sorted(p for folder in folders for p in Path(folder).glob("*.pdf") if p.name not in done)
    print(f"{'unlabelled report':45} {'area':25} {'outcome':20} {'priority':>8} {'improve':>7}")
    for path in others:
        got = found(path)
        print(
            f"{path.name:45} {got['area'][:25]:25} {got['outcome']:20} "
            f"{len(got['areas_for_priority_action']):8} {len(got['areas_for_improvement']):7}"
        )
    print(f"\n{len(labels) + len(others)} reports read in {time.monotonic() - started:.0f} seconds")


if __name__ == "__main__":
    default = ["/work/shared/inspection-reports"] if Path("/work/shared/inspection-reports").is_dir() else []
    main(sys.argv[1:] or default)
