"""Documents typeset in the tests use the fonts bundled in tests/fonts (see tellonce/conftest.py),
whatever fonts the machine has: every family the documents ask for is Liberation Sans."""

import io

import pdfplumber


def test_every_family_a_test_document_asks_for_is_typeset_in_the_bundled_liberation_sans():
    from weasyprint import HTML

    families = ["Arial", "Helvetica", '"Liberation Sans"', "sans-serif", "serif", "monospace"]
    html = "".join(f"<p style='font-family: {family}'>{family}</p>" for family in families)
    pdf = HTML(string=f"{html}<p style='font-family: serif'><b><i>bold italic</i></b></p>").write_pdf()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        fonts = {char["fontname"].partition("+")[2] for char in document.pages[0].chars}
    assert fonts == {"Liberation-Sans", "Liberation-Sans-Bold-Italic"}
