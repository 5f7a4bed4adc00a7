"""PDFs made on the fly for the bad-input tests: a scan (an image, no text) and a document that
is not an inspection report."""

import io

import pytest


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 1100), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 700, 140), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def other_pdf() -> bytes:
    paragraphs = "".join(
        f"<p>Item {n}: the committee noted the budget for highways and libraries for the coming year, "
        "and agreed to review the parking strategy with residents at its next meeting.</p>"
        for n in range(12)
    )
    return _pdf(f"<h1>Minutes of the highways committee</h1>{paragraphs}")
