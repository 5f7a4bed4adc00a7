"""System checks (`manage.py check`): what production settings should not leave out."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def uploads_are_scanned(app_configs, **kwargs):
    if not getattr(settings, "TELLONCE_WARN_UNSCANNED_UPLOADS", False) or settings.TELLONCE_CLAMAV_SOCKET:
        return []
    return [
        Warning(
            "Uploaded files are not scanned for malware.",
            hint="Set TELLONCE_CLAMAV_SOCKET to clamd's socket (a path, or host:port); docs/security.md.",
            id="tellonce.W001",
        )
    ]
