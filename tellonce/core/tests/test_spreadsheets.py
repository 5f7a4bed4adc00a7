"""Given any text, when it is written to a CSV file, then a spreadsheet reads it as text, never as
a formula, and shows what was typed; numbers stay numbers. Every CSV writer in the product is the
safe one."""

import csv
import io
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tellonce.core.spreadsheets import FORMULA_STARTS, csv_dict_writer, csv_writer, safe_cell

PRODUCT = Path(__file__).resolve().parents[2]


def _written(row: list) -> list[str]:
    out = io.StringIO()
    csv_writer(out).writerow(row)
    return next(csv.reader(io.StringIO(out.getvalue())))


def test_a_hyperlink_formula_typed_in_a_comment_is_written_as_text():
    assert _written(['=HYPERLINK("http://evil.example","Click")', "@SUM(A1)", "+1", "-2+3"]) == [
        '\'=HYPERLINK("http://evil.example","Click")',
        "'@SUM(A1)",
        "'+1",
        "'-2+3",
    ]


def test_numbers_dates_and_empty_cells_are_written_as_they_are():
    assert _written([-3, 2.5, None, True, "2026-12-04", "Speech and language"]) == [
        "-3",
        "2.5",
        "",
        "True",
        "2026-12-04",
        "Speech and language",
    ]


def test_a_dictionary_row_is_made_safe_too():
    out = io.StringIO()
    writer = csv_dict_writer(out, ["name", "note"])
    writer.writeheader()
    writer.writerow({"name": "Ada", "note": "=1+1", "ignored": "x"})
    assert out.getvalue().splitlines() == ["name,note", "Ada,'=1+1"]


@given(st.text())
def test_no_text_starts_a_formula_and_nothing_typed_is_lost(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


def test_every_csv_file_the_product_writes_goes_through_the_safe_writer():
    unsafe = re.compile(r"csv\.(writer|DictWriter)\(")
    found = [
        str(path.relative_to(PRODUCT))
        for path in PRODUCT.rglob("*.py")
        if "tests" not in path.parts and path.name != "spreadsheets.py" and unsafe.search(path.read_text())
    ]
    assert found == []
