"""Settings shared by every environment.

Everything comes from environment variables; the defaults run the SQLite demo with no set-up.
One DATABASE_URL selects PostgreSQL (postgres://user:password@host:port/name).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("TELLONCE_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("TELLONCE_SECRET_KEY", "insecure-local-demo-key-change-me-in-production")
DEBUG = os.environ.get("TELLONCE_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("TELLONCE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

TELLONCE_AREA_NAME = os.environ.get("TELLONCE_AREA_NAME", "")
# Several councils in one installation: the host names of each council's public pages,
# "host=DfE code,host=code" (organisations/councils.py). One council needs none.
TELLONCE_COUNCIL_HOSTS = os.environ.get("TELLONCE_COUNCIL_HOSTS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules",
    "tellonce.core",
    "tellonce.audit",
    "tellonce.accounts",
    "tellonce.organisations",
    "tellonce.people",
    "tellonce.assessments",
    "tellonce.advice",
    "tellonce.plans",
    "tellonce.reviews",
    "tellonce.finance",
    "tellonce.feedback",
    "tellonce.waiting_lists",
    "tellonce.local_offer",
    "tellonce.improvement",
    "tellonce.interchange",
    "tellonce.workspace",
    "tellonce.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "tellonce.config.urls"
WSGI_APPLICATION = "tellonce.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "tellonce.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "tellonce.workspace.navigation.navigation",
            ],
        },
    },
    {
        # Only for Django's own admin-free pages (none are used); kept so third-party apps can render.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tellonce.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "uploads"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Advice: the upload limit, and the age after which advice behind a plan is flagged (default 2 years).
TELLONCE_MAX_UPLOAD_MB = int(os.environ.get("TELLONCE_MAX_UPLOAD_MB", "10"))
TELLONCE_ADVICE_MAX_AGE_MONTHS = int(os.environ.get("TELLONCE_ADVICE_MAX_AGE_MONTHS", "24"))
# Reviews: the law's 12 months; a council may review under-fives more often (CoP 9.178: 3 to 6 months).
TELLONCE_UNDER_FIVE_REVIEW_MONTHS = int(os.environ.get("TELLONCE_UNDER_FIVE_REVIEW_MONTHS", "12"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 40 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email (Django 6.1 MAILERS): the console by default; SMTP, or GOV.UK Notify with its key and template id.
DEFAULT_FROM_EMAIL = os.environ.get("TELLONCE_FROM_EMAIL", "send-team@example.org")
MAILERS = {
    "default": {
        "console": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
        "smtp": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": os.environ.get("TELLONCE_EMAIL_HOST", "localhost")},
        },
        "notify": {"BACKEND": "tellonce.core.notify.NotifyEmailBackend"},
    }[os.environ.get("TELLONCE_EMAIL", "console")]
}
TELLONCE_NOTIFY_API_KEY = os.environ.get("TELLONCE_NOTIFY_API_KEY", "")
TELLONCE_NOTIFY_TEMPLATE_ID = os.environ.get("TELLONCE_NOTIFY_TEMPLATE_ID", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TELLONCE_LOG_LEVEL", "WARNING")},
}
