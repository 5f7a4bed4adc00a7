"""Checks on documents attached to advice: PDF or Word only, judged by their contents as well as
their name, and no bigger than the limit (TELLONCE_MAX_UPLOAD_MB, default 10)."""

import zipfile

from django.conf import settings

KINDS = {
    ".pdf": ("application/pdf", lambda head, f: head.startswith(b"%PDF-")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head, f: _is_docx(f),
    ),
    ".doc": ("application/msword", lambda head, f: head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
}


def max_bytes() -> int:
    return int(getattr(settings, "TELLONCE_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def _is_docx(upload) -> bool:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def problem_with(upload) -> str | None:
    """None if the file may be stored, else what is wrong with it."""
    name = upload.name or ""
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if extension not in KINDS:
        return f"{name} must be a PDF or a Word document (.pdf, .docx or .doc)"
    if upload.size > max_bytes():
        return f"{name} must be smaller than {max_bytes() // (1024 * 1024)} MB"
    if upload.size == 0:
        return f"{name} is empty"
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not KINDS[extension][1](head, upload):
        return f"{name} is not a real {extension[1:].upper()} file"
    return None


def content_type_of(name: str) -> str:
    return KINDS[name[name.rfind(".") :].lower()][0]
