"""The upload check: each hostile file the security test found is refused with a clear message, and
good files of each kind pass."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.core import uploads
from tellonce.core.tests import files
from tellonce.core.uploads import Kind

DOCUMENTS = (Kind.PDF, Kind.DOCX)


def _check(name: str, content: bytes, kinds=DOCUMENTS):
    return uploads.check(SimpleUploadedFile(name, content), kinds)


def _refusal(name: str, content: bytes, kinds=DOCUMENTS) -> str:
    with pytest.raises(uploads.UploadRefused) as refused:
        _check(name, content, kinds)
    return str(refused.value)


def test_a_real_pdf_and_a_real_word_document_are_accepted():
    assert _check("report.pdf", files.pdf()).kind == Kind.PDF
    checked = _check("notes.docx", files.docx_file())
    assert checked.kind == Kind.DOCX and checked.content_type.endswith("wordprocessingml.document")


def test_an_accepted_upload_is_marked_as_checked():
    upload = SimpleUploadedFile("report.pdf", files.pdf())
    assert uploads.checked_kind(upload) is None
    uploads.check(upload, DOCUMENTS)
    assert uploads.checked_kind(upload).kind == Kind.PDF


def test_an_html_file_that_starts_like_a_pdf_is_not_a_real_pdf():
    assert _refusal("report.pdf", files.html_calling_itself_a_pdf()) == "The selected file is not a real PDF"


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (files.pdf(open_action_js="app.alert(1)"), "an action run when it is opened"),
        (files.pdf(javascript="app.alert(1)"), "JavaScript"),
    ],
)
def test_a_pdf_with_javascript_is_refused_not_cleaned(content, what):
    assert _refusal("report.pdf", content) == (
        f"The selected file contains {what}, which is not allowed: save it again without it"
    )


def test_a_pdf_that_opens_at_a_page_is_accepted():
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf())))
    page = writer.pages[0].indirect_reference
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])
    out = io.BytesIO()
    writer.write(out)
    assert _check("report.pdf", out.getvalue()).kind == Kind.PDF


def test_a_word_document_that_inflates_to_a_gibibyte_is_refused_without_inflating_it():
    bomb = files.docx_bomb()
    started = time.monotonic()
    message = _refusal("notes.docx", bomb)
    assert message == "The selected file is too big when opened: it must be smaller than 50MB"
    assert time.monotonic() - started < 1


def test_a_zip_part_compressed_beyond_the_ratio_is_refused(settings):
    assert "may be a zip bomb" in _refusal("notes.docx", files.docx_bomb(megabytes=20))


def test_a_word_document_with_too_many_parts_is_refused(settings):
    settings.TELLONCE_MAX_ZIP_ENTRIES = 5
    assert "too big when opened" in _refusal("notes.docx", files.docx_file())


def test_a_word_document_with_macros_is_refused_whatever_its_name():
    assert _refusal("notes.docx", files.docm_file()) == (
        "The selected file contains macros, which are not allowed: save it as .docx"
    )
    assert _refusal("notes.docm", files.docm_file()) == (
        "The selected file must be a PDF or a Word document (.pdf or .docx)"
    )


def test_a_word_document_that_fetches_a_remote_template_is_refused():
    assert "links to a template or object elsewhere" in _refusal(
        "notes.docx", files.docx_with_remote_template()
    )


def test_a_file_whose_contents_are_not_its_kind_is_refused():
    assert _refusal("notes.docx", files.pdf()) == "The selected file is not a real Word document"
    assert _refusal("report.pdf", files.docx_file()) == "The selected file is not a real PDF"
    spreadsheet = io.BytesIO()
    with zipfile.ZipFile(spreadsheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _refusal("notes.docx", spreadsheet.getvalue()) == "The selected file is not a real Word document"
    assert _check("book.xlsx", spreadsheet.getvalue(), (Kind.XLSX,)).kind == Kind.XLSX


def test_a_csv_must_be_utf8_text_without_nul_bytes():
    assert _check("plans.csv", b"year,total\n2024,100\n", (Kind.CSV,)).kind == Kind.CSV
    assert _refusal("plans.csv", files.csv_with_nul_bytes(), (Kind.CSV,)) == (
        "The selected file must be a CSV file (.csv): it holds binary data"
    )
    assert "saved as UTF-8" in _refusal("plans.csv", "Zoë,1\n".encode("cp1252"), (Kind.CSV,))
    assert "must be a CSV file" in _refusal("plans.csv", files.docx_file(), (Kind.CSV,))


def test_a_text_file_and_the_gias_csv_may_be_windows_1252():
    assert _check("report.txt", "Zoë's report".encode("cp1252"), (Kind.TEXT,)).kind == Kind.TEXT
    gias = "URN,EstablishmentName\n1,École Sainte-Thérèse\n".encode("cp1252")
    assert _check("edubasealldata.csv", gias, (Kind.CSV_WINDOWS_1252,)).kind == Kind.CSV_WINDOWS_1252


def test_each_kind_has_its_size_limit_said_in_plain_english(settings):
    settings.TELLONCE_MAX_UPLOAD_MB = 1
    settings.TELLONCE_MAX_CSV_MB = 2
    big = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    assert _refusal("report.pdf", big) == "The selected file must be smaller than 1MB"
    assert (
        _refusal("plans.csv", b"a,b\n" * 600_000, (Kind.CSV,)) == "The selected file must be smaller than 2MB"
    )
    assert _check("plans.csv", b"a,b\n" * 300_000, (Kind.CSV,)).kind == Kind.CSV


def test_an_empty_file_or_one_of_another_kind_is_refused():
    assert _refusal("report.pdf", b"") == "The selected file is empty"
    assert (
        _refusal("setup.exe", b"MZ\x90\x00")
        == "The selected file must be a PDF or a Word document (.pdf or .docx)"
    )


def test_a_pdf_that_takes_too_long_to_check_is_refused(settings):
    settings.TELLONCE_PDF_SECONDS = 0.001
    assert (
        _refusal("report.pdf", files.pdf())
        == "The selected file could not be checked in time: it may be damaged"
    )


def test_the_message_can_name_the_file_when_there_are_several():
    with pytest.raises(uploads.UploadRefused) as refused:
        _check("report.pdf", b"")
    assert refused.value.about("report.pdf") == "report.pdf is empty"
