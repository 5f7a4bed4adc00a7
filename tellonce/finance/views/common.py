"""What the high-needs pages share: reading an uploaded file and answering with a CSV file."""

from django.http import StreamingHttpResponse

from tellonce.core.spreadsheets import csv_download


def read_upload(upload) -> str:
    return upload.read().decode("utf-8-sig", errors="replace") if upload else ""


def csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    return csv_download(filename, header, rows)
