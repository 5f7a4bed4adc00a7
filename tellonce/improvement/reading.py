"""Text out of an uploaded inspection report: the thin step before the pure parser.

A PDF is read with pdfplumber (ADRs 0040 and 0071): each page's lines of glyphs, with their type
size and weight, and its ruling lines; the pure rules in domain/inspection/layout.py turn them into
plain text in the shape the parser reads from any source: one paragraph per line, a blank line
between paragraphs, running headers and footers dropped, and a table row written as `| cell | cell |`. A text file is decoded and
passed through unchanged, so the text seeds and the PDFs go through the same parser.

A PDF is read in a child process (core/sandbox.py) with a time and a memory limit
(TELLONCE_PDF_SECONDS, TELLONCE_PDF_MEMORY_MB), so a PDF made to be slow or huge to read cannot
hold a web worker: it is refused with "We could not read this PDF in time".
"""

import io
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from tellonce.core import sandbox
from tellonce.domain.inspection import layout


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
