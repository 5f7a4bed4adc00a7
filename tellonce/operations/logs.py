"""Structured logs: one JSON object a line, with the request id, and personal identifiers scrubbed.

`ScrubPersonalData` (a logging filter) rewrites every record's message without NHS numbers, UPNs,
ULNs or e-mail addresses; `JsonFormatter` writes the record as one line of JSON with the current
request's id (set by `middleware.Observed`), and scrubs the traceback too. Settings choose the
formatter with TELLONCE_LOG_FORMAT (`json` or `text`)."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

from tellonce.operations.scrubbing import scrub

request_id: ContextVar[str] = ContextVar("request_id", default="")

# The attributes every LogRecord has; anything else was given with `extra=` and is written out.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class ScrubPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, scrub(value))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current:
            entry["request_id"] = current
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, level: str, form: str, requests: bool = True) -> dict[str, object]:
    """The LOGGING setting: everything to standard error (systemd's journal or the container's
    log), as JSON lines or as text, through the scrubbing filter."""
    formatters = {
        "json": {"()": "tellonce.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": "tellonce.operations.logs.ScrubPersonalData"}},
        "formatters": {"chosen": formatters[form]},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "chosen", "filters": ["scrub"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One line a request, from middleware.Observed, at INFO whatever the root's level.
            "tellonce.requests": {
                "handlers": ["console"],
                "level": "INFO" if requests else "WARNING",
                "propagate": False,
            },
            # WeasyPrint tells each step of every PDF at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            # Observed logs every request; Django's own copy of each 4xx/5xx line would repeat it.
            "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        },
    }
