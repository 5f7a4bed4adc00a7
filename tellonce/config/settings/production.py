"""Production: insists on real secrets and turns on secure cookies and HSTS.

Runs behind a reverse proxy (nginx) that ends TLS and sets X-Forwarded-Proto; gunicorn listens on
loopback or a socket only the proxy reaches. docs/configuration.md lists every variable."""

import os

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import TELLONCE_REQUEST_LOG_ON, logging_config

if "TELLONCE_SECRET_KEY" not in os.environ or "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("Set TELLONCE_SECRET_KEY and DATABASE_URL for production.")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("TELLONCE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("TELLONCE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("TELLONCE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("TELLONCE_HSTS_PRELOAD", "") == "1"
# Only a whole registered domain can be on the browsers' preload list, never a council's
# service on a subdomain of gov.uk, so Django's reminder to preload is silenced unless asked for.
SILENCED_SYSTEM_CHECKS = SILENCED_SYSTEM_CHECKS + ([] if SECURE_HSTS_PRELOAD else ["security.W021"])  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = False
# Source maps (megabytes, for the API explorer's scripts) are read only by developer tools: not
# worth compressing at every deployment.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# `manage.py check` warns while uploads are not scanned for malware (TELLONCE_CLAMAV_SOCKET).
TELLONCE_WARN_UNSCANNED_UPLOADS = True
# JSON lines unless told otherwise, for the journal or the container's log collector.
LOGGING = logging_config(
    level=os.environ.get("TELLONCE_LOG_LEVEL", "WARNING"),
    form=os.environ.get("TELLONCE_LOG_FORMAT", "json"),
    requests=TELLONCE_REQUEST_LOG_ON,
)
