"""The dashboard as an accessible (tagged, PDF/UA-1) PDF for board papers, from the same values
as the page (ADR 0020, ADR 0066): each measure's definition, figures and table of months."""

from django.template.loader import render_to_string


def dashboard_html(context: dict) -> str:
    return render_to_string("partnership/dashboard_document.jinja", context)


def dashboard_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=dashboard_html(context)).write_pdf(pdf_variant="pdf/ua-1")
