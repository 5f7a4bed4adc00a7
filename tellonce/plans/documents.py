"""The plan as files: a tagged PDF (WeasyPrint, PDF/UA-1) and a Word document (python-docx),
both made from the presenter's blocks that also make the family's page (ADR 0020)."""

import io

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.shared import Pt
from weasyprint import HTML

from tellonce.plans.presenters import Block, Document


def pdf_bytes(document: Document, letter: tuple[Block, ...], *, area_name: str) -> bytes:
    html = render_to_string(
        "plans/plan_pdf.jinja", {"document": document, "letter": letter, "area_name": area_name}
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def _rows_table(word, rows: tuple[tuple[str, str], ...]) -> None:
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True


def _grid(word, caption: str, head: tuple[str, ...], cells: tuple[tuple[str, ...], ...]) -> None:
    word.add_paragraph().add_run(caption).bold = True
    table = word.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in cells:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _blocks(word, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if block.kind == "paragraph":
            word.add_paragraph(block.text)
        elif block.kind == "rows":
            _rows_table(word, block.rows)
        elif block.kind == "item":
            word.add_heading(block.text, level=3)
            _rows_table(word, block.rows)
        elif block.kind == "table":
            _grid(word, block.text, block.head, block.cells)


def docx_bytes(document: Document, letter: tuple[Block, ...], *, area_name: str) -> bytes:
    word = WordDocument()
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(12)
    word.core_properties.title = f"{document.title}, {document.subtitle}"
    word.core_properties.language = "en-GB"
    if letter:
        word.add_heading(f"A letter from {area_name}", level=1)
        _blocks(word, letter)
        word.add_page_break()
    word.add_heading(document.title, level=1)
    word.add_paragraph(document.subtitle)
    _rows_table(word, document.summary)
    for section in document.sections:
        word.add_heading(section.heading, level=2)
        _blocks(word, section.blocks)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
