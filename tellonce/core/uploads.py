"""The one check every uploaded file passes before anything reads or stores it (docs/security.md,
"Uploads"; ADR 60).

A file is judged by its contents and structure, never its name alone: its extension says which
kind it claims to be, and its contents must be that kind. A PDF must parse and carry no active
content (core/pdf_inspection.py, run in the sandbox); a Word or Excel file must be a sound OOXML
zip of bounded size with no macros and no remote template; a CSV or text file must decode and
hold no NUL bytes. Each kind has a size limit. When ClamAV is configured the file is then scanned,
and refused if infected or if the scanner cannot answer. Messages follow the GOV.UK file upload
pattern ("The selected file must be smaller than 10MB")."""

import io
import logging
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings

from tellonce.core import clamav, sandbox

logger = logging.getLogger(__name__)

SUBJECT = "The selected file"


class Kind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    CSV = "csv"
    CSV_WINDOWS_1252 = "csv-windows-1252"  # GIAS publishes its establishment file so
    TEXT = "text"


@dataclass(frozen=True)
class KindInfo:
    extensions: tuple[str, ...]
    described: str
    content_type: str
    document: bool  # a document (TELLONCE_MAX_UPLOAD_MB), else data (TELLONCE_MAX_CSV_MB)


KINDS = {
    Kind.PDF: KindInfo((".pdf",), "a PDF", "application/pdf", True),
    Kind.DOCX: KindInfo(
        (".docx",),
        "a Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        True,
    ),
    Kind.XLSX: KindInfo(
        (".xlsx",),
        "an Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        True,
    ),
    Kind.CSV: KindInfo((".csv",), "a CSV file", "text/csv", False),
    Kind.CSV_WINDOWS_1252: KindInfo((".csv",), "a CSV file", "text/csv", False),
    Kind.TEXT: KindInfo((".txt", ".text", ".md"), "a text file", "text/plain", False),
}
OOXML_MAIN_PART = {Kind.DOCX: "word/document.xml", Kind.XLSX: "xl/workbook.xml"}
# Relationships through which Word or Excel fetches and runs something from elsewhere on opening.
REMOTE_RELATIONSHIPS = ("/attachedTemplate", "/oleObject", "/frame", "/subDocument")


class UploadRefused(Exception):
    """Why the file cannot be accepted, as a sentence for the person who chose it."""

    def about(self, name: str) -> str:
        """The message with the file's name instead of "The selected file" (for several files)."""
        return str(self).replace(SUBJECT, name, 1)


@dataclass(frozen=True)
class Checked:
    kind: Kind
    content_type: str


def limit_bytes(kind: Kind) -> int:
    megabytes = settings.TELLONCE_MAX_UPLOAD_MB if KINDS[kind].document else settings.TELLONCE_MAX_CSV_MB
    return int(megabytes * 1024 * 1024)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}MB"


def described(kinds: tuple[Kind, ...]) -> str:
    """ "a PDF or a Word document (.pdf or .docx)"."""
    words = [KINDS[k].described for k in kinds]
    extensions = [e for k in kinds for e in KINDS[k].extensions[:1]]
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"{joined} ({' or '.join(extensions)})"


def kind_of(name: str, kinds: tuple[Kind, ...]) -> Kind | None:
    name = name.lower()
    return next((k for k in kinds if name.endswith(KINDS[k].extensions)), None)


def check(upload, kinds: tuple[Kind, ...]) -> Checked:
    """Checked, and marked on the upload (`checked_kind` reads it), or UploadRefused."""
    kind = kind_of(upload.name or "", kinds)
    if kind is None:
        raise UploadRefused(f"{SUBJECT} must be {described(kinds)}")
    if not upload.size:
        raise UploadRefused(f"{SUBJECT} is empty")
    if upload.size > limit_bytes(kind):
        raise UploadRefused(f"{SUBJECT} must be smaller than {_megabytes(limit_bytes(kind))}")
    upload.seek(0)
    data = upload.read(limit_bytes(kind) + 1)
    upload.seek(0)
    CONTENT_CHECKS[kind](data, kind)
    _scan(data)
    checked = Checked(kind, KINDS[kind].content_type)
    upload.tellonce_checked = checked
    return checked


def checked_kind(upload) -> Checked | None:
    """What `check` found, or None if the upload has not been through it."""
    return getattr(upload, "tellonce_checked", None)


def _check_pdf(data: bytes, kind: Kind) -> None:
    try:
        sandbox.run(
            "tellonce.core.pdf_inspection:inspect",
            data,
            seconds=settings.TELLONCE_PDF_SECONDS,
            memory_mb=settings.TELLONCE_PDF_MEMORY_MB,
        )
    except sandbox.TooSlow:
        raise UploadRefused(f"{SUBJECT} could not be checked in time: it may be damaged") from None
    except sandbox.TooBig:
        raise UploadRefused(f"{SUBJECT} needs too much memory to check: it may be damaged") from None
    except sandbox.Broken:
        raise UploadRefused(f"{SUBJECT} is not a real PDF") from None
    except sandbox.Refused as refused:
        raise UploadRefused(str(refused)) from None


def _check_ooxml(data: bytes, kind: Kind) -> None:
    not_real = UploadRefused(f"{SUBJECT} is not a real {KINDS[kind].described.split(' ', 1)[1]}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise not_real from None
    _check_zip_sizes(entries)
    names = {entry.filename.lower(): entry.filename for entry in entries}
    if "[content_types].xml" not in names or OOXML_MAIN_PART[kind] not in names:
        raise not_real
    content_types = _part(archive, names["[content_types].xml"])
    if any(name.endswith("vbaproject.bin") for name in names) or b"macroenabled" in content_types.lower():
        raise UploadRefused(
            f"{SUBJECT} contains macros, which are not allowed: save it as {KINDS[kind].extensions[0]}"
        )
    for lower, name in names.items():
        if lower.endswith(".rels") and _has_remote_relationship(_part(archive, name)):
            raise UploadRefused(
                f"{SUBJECT} links to a template or object elsewhere, which is not allowed: save it without the link"
            )


def _check_zip_sizes(entries: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(entry.file_size for entry in entries)
    if (
        len(entries) > settings.TELLONCE_MAX_ZIP_ENTRIES
        or unpacked > settings.TELLONCE_MAX_UNZIPPED_MB * 1024 * 1024
    ):
        raise UploadRefused(
            f"{SUBJECT} is too big when opened: it must be smaller than {settings.TELLONCE_MAX_UNZIPPED_MB}MB"
        )
    for entry in entries:
        if entry.file_size > settings.TELLONCE_MAX_ZIP_RATIO * max(entry.compress_size, 1):
            raise UploadRefused(f"{SUBJECT} is too big when opened: it may be a zip bomb")


def _part(archive: zipfile.ZipFile, name: str, limit: int = 2 * 1024 * 1024) -> bytes:
    """A part's bytes, reading no more than `limit` however big it claims or turns out to be."""
    try:
        with archive.open(name) as part:
            data = part.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
        raise UploadRefused(f"{SUBJECT} is damaged") from error
    if len(data) > limit:
        raise UploadRefused(f"{SUBJECT} is too big when opened: it may be a zip bomb")
    return data


def _has_remote_relationship(rels: bytes) -> bool:
    if b"<!DOCTYPE" in rels.upper() or b"<!ENTITY" in rels.upper():
        raise UploadRefused(f"{SUBJECT} is damaged")
    try:
        root = ElementTree.fromstring(rels)
    except ElementTree.ParseError:
        raise UploadRefused(f"{SUBJECT} is damaged") from None
    return any(
        element.get("TargetMode", "").lower() == "external"
        and element.get("Type", "").endswith(REMOTE_RELATIONSHIPS)
        for element in root.iter()
        if element.tag.endswith("Relationship")
    )


def _check_text(data: bytes, kind: Kind) -> None:
    if b"\x00" in data:
        raise UploadRefused(f"{SUBJECT} must be {described((kind,))}: it holds binary data")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if kind == Kind.CSV:
            raise UploadRefused(f"{SUBJECT} must be saved as UTF-8 (in Excel, CSV UTF-8)") from None
        # GIAS's file and text files (an inspection report's text) may be Windows-1252, as
        # organisations/gias.py and improvement/reading.py decode them.


CONTENT_CHECKS = {
    Kind.PDF: _check_pdf,
    Kind.DOCX: _check_ooxml,
    Kind.XLSX: _check_ooxml,
    Kind.CSV: _check_text,
    Kind.CSV_WINDOWS_1252: _check_text,
    Kind.TEXT: _check_text,
}


def _scan(data: bytes) -> None:
    address = settings.TELLONCE_CLAMAV_SOCKET
    if not address:
        return
    try:
        verdict = clamav.scan(data, address=address, timeout=settings.TELLONCE_CLAMAV_TIMEOUT)
    except clamav.ScannerUnavailable as error:
        logger.error("Upload refused: the virus scanner did not answer (%s)", error)
        raise UploadRefused(f"{SUBJECT} could not be checked for viruses: try again later") from None
    if verdict.infected:
        logger.warning("Upload refused: ClamAV found %s", verdict.signature)
        raise UploadRefused(f"{SUBJECT} contains a virus")
