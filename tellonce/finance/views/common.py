"""What the high-needs pages share: reading an uploaded file and answering with a CSV file."""

import csv

from django.http import HttpResponse


def read_upload(upload) -> str:
    return upload.read().decode("utf-8-sig", errors="replace") if upload else ""


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
