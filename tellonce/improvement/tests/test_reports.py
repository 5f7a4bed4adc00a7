"""The importer against real reports: three 2016-2022 letters as text and six 2023-framework
reports as published PDFs, each field checked against labels made by reading them."""

import io
import time
from pathlib import Path

import pytest

from tellonce.domain.inspection import NotAnInspectionReport, parse_report
from tellonce.improvement.reading import UnreadableReport, read_report
from tellonce.improvement.tests import labels

FIXTURES = Path(__file__).parent / "fixtures"
FONT = Path(__file__).parent / "fonts" / "DejaVuSans.ttf"  # brought along: the machine's fonts do not matter
ALL = labels.TEXT_LETTERS + labels.PDF_REPORTS
SCALARS = [
    "area",
    "letter_date",
    "inspection_dates",
    "previous_inspection_dates",
    "framework",
    "kind",
    "outcome",
    "written_statement_required",
]


def _found(label) -> dict:
    read = read_report((FIXTURES / label["file"]).read_bytes(), filename=label["file"])
    return parse_report(read.text).as_json()


@pytest.fixture(scope="module")
def parsed():
    return {label["file"]: _found(label) for label in ALL}


def _starts(found: list[str], expected: list[str], where: str) -> None:
    assert len(found) == len(expected), f"{where}: {len(found)} items, expected {len(expected)}"
    for item, opening in zip(found, expected, strict=True):
        assert item.startswith(opening), f"{where}: {item[:80]!r} should start {opening!r}"


@pytest.mark.parametrize("label", ALL, ids=lambda label: label["file"])
@pytest.mark.parametrize("field", SCALARS)
def test_each_report_gives_its_area_dates_framework_kind_and_outcome(parsed, label, field):
    assert parsed[label["file"]][field] == label[field]


@pytest.mark.parametrize("label", ALL, ids=lambda label: label["file"])
def test_each_report_gives_its_significant_weaknesses_and_judgements(parsed, label):
    found = parsed[label["file"]]
    assert found["significant_weaknesses"] == label["significant_weaknesses"]
    assert [j["sufficient_progress"] for j in found["revisit_judgements"]] == label["sufficient_progress"]
    if label["kind"] == "revisit":
        assert [j["weakness"] for j in found["revisit_judgements"]] == label["significant_weaknesses"]


@pytest.mark.parametrize("label", ALL, ids=lambda label: label["file"])
def test_each_report_gives_every_finding_in_order_under_its_heading(parsed, label):
    found = parsed[label["file"]]
    for field in ("main_findings", "effective", "needs_to_do_better"):
        _starts(found[field], label[field], field)
    for field in ("strengths", "areas_for_development"):
        for heading in ("identifying", "meeting", "improving"):
            _starts(found[field][heading], label[field][heading], f"{field}.{heading}")
    for where, ending in label.get("last_ends", {}).items():
        field, _, heading = where.partition(".")
        items = found[field][heading] if heading else found[field]
        assert items[-1].endswith(ending), f"{where} ends {items[-1][-60:]!r}"


@pytest.mark.parametrize("label", ALL, ids=lambda label: label["file"])
def test_each_report_gives_its_recommendations_with_the_bodies_responsible(parsed, label):
    found = parsed[label["file"]]
    for field in ("areas_for_improvement", "areas_for_priority_action"):
        assert [(i["text"], i["responsible"]) for i in found[field]] == list(label[field])


@pytest.mark.parametrize("label", labels.PDF_REPORTS, ids=lambda label: label["file"])
def test_a_report_without_a_date_takes_the_day_its_pdf_was_made_and_says_so(label):
    read = read_report((FIXTURES / label["file"]).read_bytes())
    found = parse_report(read.text, document_date=read.document_date)
    assert found.letter_date == read.document_date and read.document_date.year >= 2023
    assert any("no date" in note for note in found.notes)


def test_pypdf_text_of_a_report_wrapped_at_the_page_width_gives_the_same_findings():
    """Text pasted from another PDF reader keeps the page's line breaks, headers and footers."""
    import pypdf

    reader = pypdf.PdfReader(FIXTURES / labels.OLDHAM["file"])
    wrapped = "\n".join(page.extract_text() for page in reader.pages)
    found = parse_report(wrapped).as_json()
    assert [(i["text"], i["responsible"]) for i in found["areas_for_priority_action"]] == list(
        labels.OLDHAM["areas_for_priority_action"]
    )
    assert found["inspection_dates"] == labels.OLDHAM["inspection_dates"]
    _starts(found["needs_to_do_better"], labels.OLDHAM["needs_to_do_better"], "needs_to_do_better")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "report.pdf", "The file is empty"),
        (b"   \n", "report.txt", "The file is empty"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> trailer garbage", "report.pdf", "could not be read"),
        (b"GIF89a\x00\x01binary", "report.pdf", "not a real PDF"),
        (b"\x00\x01\x02binary", "report.txt", "must be a PDF or a text file"),
    ],
)
def test_an_empty_or_corrupt_file_is_refused_with_a_clear_message(data, filename, message):
    with pytest.raises(UnreadableReport, match=message):
        read_report(data, filename=filename)


def test_a_scanned_pdf_with_no_text_is_refused_as_a_scan(scanned_pdf):
    with pytest.raises(UnreadableReport, match="may be a scan"):
        read_report(scanned_pdf, filename="scan.pdf")


def test_a_pdf_that_is_not_an_inspection_report_is_refused(other_pdf):
    read = read_report(other_pdf, filename="minutes.pdf")
    with pytest.raises(NotAnInspectionReport, match="does not look like"):
        parse_report(read.text)


def _as_pdf(text: str) -> bytes:
    """A letter typeset as a PDF: running header and page numbers, bullets as list items, and
    paragraphs and bullets broken across pages wherever the page ends."""
    import html

    from weasyprint import HTML

    parts, in_list = [], False
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        bullet = line.startswith(("- ", "■ "))
        if bullet != in_list:
            parts.append("<ul>" if bullet else "</ul>")
            in_list = bullet
        parts.append(f"<li>{html.escape(line[2:])}</li>" if bullet else f"<p>{html.escape(line)}</p>")
    style = (
        f"@font-face {{ font-family: Letter; src: url('{FONT.as_uri()}'); }} "
        "@page { size: A4; margin: 25mm; @top-center { content: 'Ofsted letter'; font-family: Letter; } "
        "@bottom-center { content: 'Page ' counter(page); font-family: Letter; } } "
        "body { font-family: Letter; font-size: 12pt; }"
    )
    return HTML(
        string=f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"
    ).write_pdf()


def test_the_typeset_letter_is_set_in_the_font_the_test_brings():
    import pdfplumber

    text = (FIXTURES / labels.KENSINGTON["file"]).read_text()
    with pdfplumber.open(io.BytesIO(_as_pdf(text))) as pdf:
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts == {"Letter"}  # the family the @font-face names, only found in the file brought along


@pytest.mark.parametrize("label", labels.TEXT_LETTERS, ids=lambda label: label["file"])
def test_a_letter_typeset_as_a_pdf_gives_the_same_findings_as_its_text(label):
    text = (FIXTURES / label["file"]).read_text()
    from_pdf = parse_report(read_report(_as_pdf(text)).text).as_json()
    assert from_pdf == parse_report(text).as_json()


def test_a_pdf_that_cannot_be_read_in_time_is_refused_and_its_reader_stopped(settings):
    settings.TELLONCE_PDF_SECONDS = 0.3
    started = time.monotonic()
    with pytest.raises(UnreadableReport, match="^We could not read this PDF in time"):
        read_report((FIXTURES / "oldham-2023-framework.pdf").read_bytes(), filename="oldham.pdf")
    assert time.monotonic() - started < 3


def test_a_pdf_that_needs_more_memory_than_the_limit_is_refused(settings):
    settings.TELLONCE_PDF_MEMORY_MB = 60  # the reader, imported, takes about 55 MB
    with pytest.raises(UnreadableReport, match="^We could not read this PDF: it needs too much memory"):
        read_report((FIXTURES / "oldham-2023-framework.pdf").read_bytes(), filename="oldham.pdf")


def test_a_pdf_protected_with_a_password_is_refused_and_says_so():
    import pypdf

    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(FIXTURES / "oldham-2023-framework.pdf").pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(UnreadableReport, match="^The PDF is protected with a password"):
        read_report(data.getvalue(), filename="protected.pdf")
