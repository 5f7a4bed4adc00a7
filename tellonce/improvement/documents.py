"""The impact report as a Word file and as an accessible (tagged, PDF/UA-1) PDF, both from the
same `ImpactReport` values as the page (ADR 0020)."""

import io

from django.template.loader import render_to_string
from docx import Document

from tellonce.improvement.presenters import ImpactReport

SECTIONS = [
    ("Progress", "progress"),
    ("Impact", "impact"),
    ("Worries, concerns and next steps", None),
    ("Live measures", "measures"),
]


def _sections(area) -> list[tuple[str, list[str]]]:
    out = []
    for heading, name in SECTIONS:
        items = area.worries + area.next_steps if name is None else getattr(area, name)
        if items or name != "measures":
            out.append((heading, items))
    return out


def impact_docx(report: ImpactReport) -> bytes:
    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.language = "en-GB"
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"{report.area}. The plan as it stood on {report.on_text}.")
    if report.inspection:
        doc.add_paragraph(f"Answering the {report.inspection.lower()}.")
    for area in report.areas:
        doc.add_heading(f"Area {area.number}", level=1)
        doc.add_heading(area.title, level=2)
        doc.add_paragraph(f"Aim: {area.aim or 'Not set yet'}")
        doc.add_paragraph(f"Rating: {area.rag}")
        for heading, items in _sections(area):
            doc.add_heading(heading, level=3)
            for item in items or ["None recorded by this date"]:
                doc.add_paragraph(item, style="List Bullet" if items else None)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def impact_html(report: ImpactReport) -> str:
    return render_to_string("improvement/impact_document.jinja", {"report": report, "sections": _sections})


def impact_pdf(report: ImpactReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=impact_html(report)).write_pdf(pdf_variant="pdf/ua-1")
