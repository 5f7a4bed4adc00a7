"""Text out of an uploaded inspection report: the thin step before the pure parser.

A PDF is read with pdfplumber (ADR 0040): words with their positions, and tables found from their
ruling lines. The result is plain text in the shape the parser reads from any source: one
paragraph per line, a blank line between paragraphs, running headers and footers dropped, and a
table row with two or more filled cells written as `| cell | cell |`. A text file is decoded and
passed through unchanged, so the text seeds and the PDFs go through the same parser.

A PDF is read in a child process (core/sandbox.py) with a time and a memory limit
(TELLONCE_PDF_SECONDS, TELLONCE_PDF_MEMORY_MB), so a PDF made to be slow or huge to read cannot
hold a web worker: it is refused with "We could not read this PDF in time".
"""

import io
import re
import statistics
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from tellonce.core import sandbox
from tellonce.domain.inspection import layout

BULLETS = "◼▪■•●◦▫□➢➤►–−-*·"
_MARGIN = 0.09  # top and bottom fraction of a page where running headers and footers sit


class UnreadableReport(sandbox.Refused):
    """The file could not be turned into text; the message says why, in plain English."""


@dataclass(frozen=True)
class ReportText:
    text: str
    pages: int
    document_date: date | None  # when the PDF was made: a fallback for reports that carry no date


def read_report(data: bytes, *, filename: str = "") -> ReportText:
    if not data.strip():
        raise UnreadableReport("The file is empty")
    if data.lstrip()[:5] == b"%PDF-":
        return _read_pdf_in_sandbox(data)
    if filename.lower().endswith(".pdf"):
        raise UnreadableReport("The file is not a real PDF: it may be damaged")
    return ReportText(_decode(data), 0, None)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableReport("The file must be a PDF or a text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableReport("The text file could not be read: save it as UTF-8 and try again")


def _read_pdf_in_sandbox(data: bytes) -> ReportText:
    try:
        found = sandbox.run(
            "tellonce.improvement.reading:read_pdf_as_json",
            data,
            seconds=settings.TELLONCE_PDF_SECONDS,
            memory_mb=settings.TELLONCE_PDF_MEMORY_MB,
            preload=("pdfplumber", "pdfminer.pdfparser", "pdfminer.psparser"),
        )
    except sandbox.TooSlow:
        raise UnreadableReport(
            "We could not read this PDF in time: it may be damaged. Ask for the report as published by "
            "Ofsted, or paste its text into a text file"
        ) from None
    except sandbox.TooBig:
        raise UnreadableReport(
            "We could not read this PDF: it needs too much memory, and may be damaged"
        ) from None
    except sandbox.Broken:
        raise UnreadableReport("The PDF could not be read: it may be damaged or protected") from None
    except sandbox.Refused as refused:
        raise UnreadableReport(str(refused)) from None
    assert isinstance(found, dict)
    made = found["document_date"]
    return ReportText(found["text"], found["pages"], date.fromisoformat(made) if made else None)


def read_pdf_as_json(data: bytes) -> dict:
    """What the sandbox's child process runs: the PDF read, as JSON."""
    read = _read_pdf(data)
    made = read.document_date
    return {"text": read.text, "pages": read.pages, "document_date": made.isoformat() if made else None}


def _read_pdf(data: bytes) -> ReportText:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if getattr(pdf.doc, "encryption", None) and _locked(pdf):
                raise UnreadableReport(
                    "The PDF is protected with a password: save an unprotected copy and upload that"
                )
            pages = [_page(page) for page in pdf.pages]
            made = _pdf_date((pdf.metadata or {}).get("CreationDate"))
    except UnreadableReport:
        raise
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _damaged(error) from error
    except Exception as error:  # pdfminer raises many kinds on damaged files
        if type(error).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise _damaged(error) from error
        raise
    if not pages:
        raise UnreadableReport("The PDF has no pages")
    text = layout.read_pages(pages)
    if len(re.sub(r"\s", "", text)) < 200:
        raise UnreadableReport(
            "The PDF has no text that can be read: it may be a scan. Ask for the report as "
            "published by Ofsted, or paste its text into a text file"
        )
    return ReportText(text, len(pages), made)


def _damaged(error: Exception) -> UnreadableReport:
    said = f"{type(error).__name__} {error!r} {error.__cause__!r}".lower()
    if "password" in said or "encrypt" in said:
        return UnreadableReport(
            "The PDF is protected with a password: save an unprotected copy and upload that"
        )
    return UnreadableReport("The PDF could not be read: it may be damaged or protected")


def _locked(pdf) -> bool:
    """Encrypted with a password needed to open it (not merely restricted from printing)."""
    try:
        return not pdf.pages or not pdf.pages[0].chars and not pdf.pages[0].images
    except Exception:  # noqa: BLE001 - any failure here means it cannot be opened
        return True


def _page(page) -> layout.Page:
    """One page as lines of glyphs and its ruling lines: all the PDF reading the layout rules need."""
    lines = []
    for line in page.extract_text_lines(return_chars=True, keep_blank_chars=True):
        glyphs = tuple(
            layout.Glyph(
                c["text"],
                c["x0"],
                c["x1"],
                c["top"],
                c["bottom"],
                round(c["size"], 1),
                "bold" in c["fontname"].lower() or "black" in c["fontname"].lower(),
            )
            for c in line["chars"]
        )
        if glyphs:
            lines.append(glyphs)
    rules = tuple(
        layout.Rule(r["x0"], r["top"], r["x1"], r["bottom"])
        for r in (*page.rects, *page.lines)
        if min(r["x1"] - r["x0"], r["bottom"] - r["top"]) < 2
    )
    return layout.Page(page.width, page.height, tuple(lines), rules)


def _pdf_date(value) -> date | None:
    if isinstance(value, bytes):
        value = value.decode("latin-1", "ignore")
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", str(value or ""))
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


@dataclass
class _Item:
    top: float
    text: str
    margin: bool = False  # lies where a running header or footer would
    x0: float = 0.0  # where its first line starts
    body: float | None = None  # where its later lines start (a bullet's hanging indent)


def _is_table(table, size: float) -> bool:
    """Shaded or ruled paragraphs look like one-column tables with a row per line: not tables."""
    if not table.rows:
        return False
    columns = sum(
        any(cell and cell.strip() for cell in column) for column in zip(*table.extract(), strict=False)
    )
    heights = sorted(row.bbox[3] - row.bbox[1] for row in table.rows)
    return columns > 1 or heights[len(heights) // 2] > size * 1.8


def _page_items(page) -> list[_Item]:
    sizes = sorted(c["size"] for c in page.chars) or [12.0]
    tables = [t for t in page.find_tables() if _is_table(t, sizes[len(sizes) // 2])]
    boxes = [t.bbox for t in tables]
    lines = [
        line
        for line in page.extract_text_lines(return_chars=True)
        if line["text"].strip() and not any(_inside(line, box) for box in boxes)
    ]
    items = _paragraphs(lines, page.height)
    for table in tables:
        items.extend(_table_items(table))
    return sorted(items, key=lambda i: i.top)


def _inside(line, box) -> bool:
    x0, top, x1, bottom = box
    middle = (line["top"] + line["bottom"]) / 2
    return top <= middle <= bottom and x0 - 2 <= line["x0"] <= x1


def _style(line) -> tuple[float, bool]:
    chars = [c for c in line["chars"] if c["text"].strip()]
    size = round(statistics.median(c["size"] for c in chars), 1) if chars else 0.0
    bold = bool(chars) and all("bold" in c["fontname"].lower() for c in chars)
    return size, bold


def _style_changed(line, previous) -> bool:
    (size, bold), (size_before, bold_before) = _style(line), _style(previous)
    return bold != bold_before or abs(size - size_before) >= 1


def _line_pitch(lines) -> float:
    """The distance between lines inside a paragraph: the smallest step between lines that recurs
    (a page of one-line paragraphs has no shorter step, so its paragraphs stay apart)."""
    steps = [
        round(b["top"] - a["top"])
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 < b["top"] - a["top"] < 40
    ]
    recurring = sorted(step for step in set(steps) if steps.count(step) >= 3)
    if recurring:
        return float(recurring[0])
    return statistics.median(steps) if steps else 14.0


def _paragraphs(lines, height: float) -> list[_Item]:
    spacing = _line_pitch(lines)
    items: list[_Item] = []
    previous = None
    for line in lines:
        text = line["text"].strip()
        margin = line["top"] < height * _MARGIN or line["bottom"] > height * (1 - _MARGIN)
        new = (
            previous is None
            or line["top"] - previous["top"] > spacing * 1.3
            or text[0] in BULLETS
            or _style_changed(line, previous)
            or margin
            or items[-1].margin
        )
        if new:
            items.append(_Item(line["top"], text, margin, x0=line["x0"]))
        else:
            items[-1].text = _join(items[-1].text, text)
            items[-1].body = items[-1].body or line["x0"]
        previous = line
    return items


def _join(left: str, right: str) -> str:
    """Wrapped lines rejoined; a line ending in a hyphen is a compound ("well-being") unless the
    next word shows a suspended hyphen ("pre- and post-diagnosis")."""
    if left.endswith("-") and right[:1].islower() and not re.match(r"(?:and|or|to)\b", right):
        return left + right
    return f"{left} {right}"


def _cell_lines(cell: str | None) -> list[str]:
    """A cell's wrapped lines joined into paragraphs; a line that starts with a bullet starts one."""
    out: list[str] = []
    for raw in (cell or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if out and line[0] not in BULLETS:
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return out


def _table_items(table) -> list[_Item]:
    items = []
    for row, cells in zip(table.rows, table.extract(), strict=False):
        filled = [_cell_lines(c) for c in cells if c and c.strip()]
        top = row.bbox[1]
        if len(filled) == 1:
            items.extend(_Item(top + n / 100, line) for n, line in enumerate(filled[0]))
        elif filled:
            items.append(_Item(top, "| " + " | ".join(" ".join(c) for c in filled) + " |"))
    return items


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _continues_bullet(last: _Item, first: _Item) -> bool:
    """A bullet broken by the page: the next page starts at the bullet's hanging indent."""
    hanging = last.text[:1] in BULLETS and last.body is not None and last.body > last.x0 + 5
    return hanging and first.text[:1] not in BULLETS and abs(first.x0 - last.body) < 3


def _assemble(pages: list[list[_Item]]) -> str:
    seen: dict[str, int] = {}
    for items in pages:
        for shape in {_shape(i.text) for i in items if i.margin}:
            seen[shape] = seen.get(shape, 0) + 1
    kept: list[_Item] = []
    for items in pages:
        page = [
            i
            for i in items
            if not (i.margin and (seen[_shape(i.text)] > 1 or re.fullmatch(r"[#\s]*", _shape(i.text))))
        ]
        if kept and page and _continues_bullet(kept[-1], page[0]):
            kept[-1].text = _join(kept[-1].text, page.pop(0).text)
        kept.extend(page)
    return "\n\n".join(i.text for i in kept) + "\n"
