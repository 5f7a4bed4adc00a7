"""What the high-needs pages share: reading an uploaded file and answering with a CSV file."""

from django.http import HttpResponse

from tellonce.core.spreadsheets import csv_writer


def read_upload(upload) -> str:
    return upload.read().decode("utf-8-sig", errors="replace") if upload else ""


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
