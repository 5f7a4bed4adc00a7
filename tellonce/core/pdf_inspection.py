"""Whether an uploaded PDF is a real PDF with no active content. Runs in the sandbox (core/sandbox.py),
so it imports no Django.

The file must parse (pypdf, ADR 60) and have at least one page. It is refused, never cleaned, if any
object in it carries JavaScript, an action run on opening or on an event, a program to launch, an
embedded file, rich media or an XFA form: a council cannot tell what such a file does when a
colleague opens it, and the person who sent it can send it again without."""

import io

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from tellonce.core.sandbox import Refused

ACTIVE_KEYS = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/AA": "actions run on events",
    "/Launch": "a program to launch",
    "/EmbeddedFile": "an embedded file",
    "/EmbeddedFiles": "an embedded file",
    "/RichMedia": "rich media",
    "/XFA": "an XFA form",
}
ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "a program to launch",
    "/ImportData": "an action that imports data",
    "/SubmitForm": "a form that sends data away",
    "/RichMediaExecute": "rich media",
}
NOT_A_PDF = "The selected file is not a real PDF"


def inspect(data: bytes) -> int:
    """The number of pages; Refused if it is not a PDF or carries active content."""
    if b"%PDF-" not in data[:1024]:
        raise Refused(NOT_A_PDF)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("The selected file is protected with a password: remove the password and try again")
        pages = len(reader.pages)
        objects = list(_objects(reader))
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, AttributeError):
        raise Refused(NOT_A_PDF) from None
    if not pages:
        raise Refused("The selected file is a PDF with no pages")
    for found in objects:
        if what := _active(found):
            raise Refused(
                f"The selected file contains {what}, which is not allowed: save it again without it"
            )
    return pages


def _objects(reader: PdfReader):
    """Every object the file holds, whether the pages reach it or not: its trailer and each
    object in its cross-reference table or in an object stream."""
    yield reader.trailer
    numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    for number, generation in sorted(numbers):
        yield reader.get_object(IndirectObject(number, generation, reader))


def _is_action(value) -> bool:
    """An opening action other than going to a page (a destination, or a /GoTo action)."""
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return isinstance(value, DictionaryObject) and value.get("/S") != "/GoTo"


def _active(value, depth: int = 0) -> str | None:
    """What active content a direct object holds, looking inside its dictionaries and arrays
    (objects it refers to are looked at on their own)."""
    if depth > 50:
        return "objects nested too deeply"
    if isinstance(value, DictionaryObject):
        for key, what in ACTIVE_KEYS.items():
            if key in value:
                return what
        if value.get("/S") in ACTIVE_ACTIONS:
            return ACTIVE_ACTIONS[value["/S"]]
        if value.get("/Type") == "/EmbeddedFile":
            return "an embedded file"
        if _is_action(value.get("/OpenAction")):
            return "an action run when it is opened"
        items = list(value.values())
    elif isinstance(value, ArrayObject):
        items = list(value)
    else:
        return None
    for item in items:
        if not isinstance(item, IndirectObject | NameObject) and (what := _active(item, depth + 1)):
            return what
    return None
