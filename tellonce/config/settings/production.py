"""Production: insists on real secrets and turns on secure cookies and HSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if "TELLONCE_SECRET_KEY" not in os.environ or "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("Set TELLONCE_SECRET_KEY and DATABASE_URL for production.")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("TELLONCE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = False
# `manage.py check` warns while uploads are not scanned for malware (TELLONCE_CLAMAV_SOCKET).
TELLONCE_WARN_UNSCANNED_UPLOADS = True
