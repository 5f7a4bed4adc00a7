"""E-mail off the request (ADR 68): the "default" mailer queues one task per message and address;
the worker's task hands it to the "deliver" mailer (GOV.UK Notify, SMTP or the console). A failure
there (Notify answering 5xx, a timeout) is retried with back-off (retry.py); a refusal that no retry
mends (Notify's 400 for a bad address) goes straight to the dead letters.

The task's row is written in the caller's transaction, so a message is queued exactly when the
change it tells of is committed, and the worker sends it once: its row is marked done as it is sent."""

import base64
from typing import Any

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import task

from tellonce.jobs.context import council_code
from tellonce.jobs.retry import Permanent


def _refused(error: Exception) -> bool:
    """A 4xx from Notify other than 429 (too many requests): the message itself is wrong."""
    status = getattr(error, "status_code", None)
    return isinstance(status, int) and 400 <= status < 500 and status != 429


@task()
def deliver_email(message: dict[str, Any]) -> int:
    email = EmailMessage(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=[message["to"]],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    for name, content, mimetype in message["attachments"]:
        email.attach(name, base64.b64decode(content), mimetype)
    try:
        return mailers["deliver"].send_messages([email])
    except Exception as error:
        if _refused(error):
            raise Permanent(f"Refused: {type(error).__name__}") from error
        raise


def _attachments(message: EmailMessage) -> list[list[str]]:
    found = []
    for attachment in message.attachments:
        name, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else bytes(content)
        found.append([name or "attachment", base64.b64encode(raw).decode(), mimetype or ""])
    return found


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        queued = 0
        for message in email_messages:
            for address in message.recipients():
                deliver_email.enqueue(
                    {
                        "council": council_code(),
                        "subject": str(message.subject),
                        "body": str(message.body),
                        "from_email": message.from_email,
                        "to": address,
                        "reply_to": list(message.reply_to),
                        "headers": {k: str(v) for k, v in message.extra_headers.items()},
                        "attachments": _attachments(message),
                    }
                )
                queued += 1
        return queued
