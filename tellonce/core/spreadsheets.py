"""Every CSV file Tellonce writes is opened by someone in a spreadsheet. A cell that begins with
`=`, `+`, `-` or `@` (or a tab or carriage return, which spreadsheets skip before reading one) is a
formula to Excel, LibreOffice and Google Sheets: `=HYPERLINK(...)` typed into a feedback comment
would become a link in the analyst's copy. Such text is written with an apostrophe in front, which
a spreadsheet shows as text and does not print (OWASP, "CSV injection"). Numbers are written as
numbers, negative ones included. Every CSV writer in the product is made here."""

import csv
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should read it: text that would start a formula is escaped."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _SafeWriter:
    def __init__(self, out: Any) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class _SafeDictWriter:
    def __init__(self, out: Any, fieldnames: list[str]) -> None:
        self._writer = csv.DictWriter(out, fieldnames=fieldnames, extrasaction="ignore")

    def writeheader(self) -> Any:
        return self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> Any:
        return self._writer.writerow({key: safe_cell(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any) -> _SafeWriter:
    """Like `csv.writer(out)`, with every cell made safe to open in a spreadsheet."""
    return _SafeWriter(out)


def csv_dict_writer(out: Any, fieldnames: list[str]) -> _SafeDictWriter:
    """Like `csv.DictWriter(out, fieldnames, extrasaction="ignore")`, every cell made safe."""
    return _SafeDictWriter(out, fieldnames)


class _Echo:
    """A file that hands back what is written to it, so each CSV line can be yielded."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The header and each row as CSV text, a line at a time, every cell made safe."""
    writer = csv_writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> StreamingHttpResponse:
    """A CSV file sent as its rows are read: the server holds one line at a time, however long
    the file (ADR 0076)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
