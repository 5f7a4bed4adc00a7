"""Structured logs: one JSON line a request with its id and the user's id, identifiers scrubbed."""

import io
import json
import logging

import pytest

from tellonce.operations.logs import JsonFormatter, ScrubPersonalData, logging_config
from tellonce.operations.scrubbing import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NHS number 943 476 5919 not found", "NHS number [number] not found"),
        ("nhs=9434765919;", "nhs=[number];"),
        ("ULN 1234567890 refused", "ULN [number] refused"),
        ("UPN A123456789012 and temporary UPN B12345678901C", "UPN [upn] and temporary UPN [upn]"),
        ("sent to jo.bloggs+send@example.org.uk today", "sent to [email] today"),
        ("the 12 plans of 2026 in 3 councils", "the 12 plans of 2026 in 3 councils"),
        (
            "/children/123e4567-e89b-12d3-a456-426614174000/",
            "/children/123e4567-e89b-12d3-a456-426614174000/",
        ),
    ],
)
def test_identifiers_are_taken_out_of_text_and_other_numbers_are_left(text, expected):
    assert scrub(text) == expected


def _logged(logger_name: str, *args, **kwargs) -> dict:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ScrubPersonalData())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning(*args, **kwargs)
    finally:
        logger.removeHandler(handler)
    return json.loads(stream.getvalue())


def test_a_log_line_is_one_json_object_with_the_message_scrubbed_including_its_arguments():
    entry = _logged("tellonce.test.a", "No match for %s (%s)", "9434765919", "parent@example.org")
    assert entry["message"] == "No match for [number] ([email])"
    assert entry["level"] == "WARNING" and entry["logger"] == "tellonce.test.a"


def test_extra_fields_are_written_and_scrubbed_too():
    entry = _logged("tellonce.test.b", "import row refused", extra={"row": 4, "value": "UPN A123456789012"})
    assert entry["row"] == 4
    assert entry["value"] == "UPN [upn]"


def test_a_traceback_in_a_log_line_is_scrubbed():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ScrubPersonalData())
    logger = logging.getLogger("tellonce.test.c")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        raise ValueError("bad NHS number 943 476 5919")
    except ValueError:
        logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue())
    assert "943 476 5919" not in entry["exception"]
    assert "ValueError: bad NHS number [number]" in entry["exception"]


@pytest.fixture
def request_lines():
    """The request log's lines, as JSON, through the same formatter and filter the settings use."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ScrubPersonalData())
    logger = logging.getLogger("tellonce.requests")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_each_request_is_one_line_with_its_id_user_method_path_status_and_duration(
    client, area, request_lines
):
    coordinator = area.users["coordinator"]
    client.force_login(coordinator)
    response = client.get("/accessibility/?q=Amelia+Jones", HTTP_X_REQUEST_ID="proxy-abc.123")
    assert response["X-Request-ID"] == "proxy-abc.123"
    [line] = [entry for entry in request_lines() if entry["path"] == "/accessibility/"]
    assert line["request_id"] == "proxy-abc.123"
    assert line["user_id"] == str(coordinator.pk)
    assert (line["method"], line["status"], line["view"]) == ("GET", 200, "core:accessibility")
    assert isinstance(line["duration_ms"], float)
    assert "Amelia" not in json.dumps(line)


def test_a_request_without_a_usable_id_gets_a_new_one(client, db, request_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="not valid; <script>")
    made = response["X-Request-ID"]
    assert len(made) == 32 and made != "not valid; <script>"
    [line] = request_lines()
    assert line["request_id"] == made
    assert line["user_id"] is None


def test_the_logging_setting_sends_every_handler_through_the_scrubbing_filter():
    config = logging_config(level="INFO", form="json")
    assert config["handlers"]["console"]["filters"] == ["scrub"]
    assert config["formatters"]["chosen"] == {"()": "tellonce.operations.logs.JsonFormatter"}
