"""A Django email backend that sends through GOV.UK Notify (notifications-python-client).

Notify sends from templates: set TELLONCE_NOTIFY_TEMPLATE_ID to a template whose subject is
((subject)) and body ((body)), and TELLONCE_NOTIFY_API_KEY. Tests use Django's in-memory backend.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, *args, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._client = client

    @property
    def client(self):
        if self._client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            self._client = NotificationsAPIClient(settings.TELLONCE_NOTIFY_API_KEY)
        return self._client

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            for address in message.recipients():
                try:
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=settings.TELLONCE_NOTIFY_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                    continue
                sent += 1
        return sent
