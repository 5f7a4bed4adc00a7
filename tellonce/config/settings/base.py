"""Settings shared by every environment.

Everything comes from environment variables; the defaults run the SQLite demo with no set-up.
One DATABASE_URL selects PostgreSQL (postgres://user:password@host:port/name).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from tellonce.operations.logs import logging_config

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("TELLONCE_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("TELLONCE_SECRET_KEY", "insecure-local-demo-key-change-me-in-production")
DEBUG = os.environ.get("TELLONCE_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("TELLONCE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
# Other origins (scheme and host) a form may be posted from; the service's own needs none.
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TELLONCE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

TELLONCE_AREA_NAME = os.environ.get("TELLONCE_AREA_NAME", "")
# The privacy notice (/privacy/): whom to ask about personal information, and the council's full notice.
TELLONCE_PRIVACY_CONTACT = os.environ.get("TELLONCE_PRIVACY_CONTACT", "")
TELLONCE_PRIVACY_NOTICE_URL = os.environ.get("TELLONCE_PRIVACY_NOTICE_URL", "")
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
    # django-ninja's own copy of Swagger UI, served from our static files, not a CDN the CSP blocks.
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "tellonce.core",
    "tellonce.operations",
    "tellonce.jobs",
    "tellonce.audit",
    "tellonce.accounts",
    "tellonce.organisations",
    "tellonce.benchmarks",
    "tellonce.people",
    "tellonce.assessments",
    "tellonce.front_door",
    "tellonce.early_years",
    "tellonce.sen_support",
    "tellonce.advice",
    "tellonce.plans",
    "tellonce.reviews",
    "tellonce.delivery",
    "tellonce.appeals",
    "tellonce.finance",
    "tellonce.panels",
    "tellonce.audits",
    "tellonce.feedback",
    "tellonce.waiting_lists",
    "tellonce.local_offer",
    "tellonce.improvement",
    "tellonce.inclusion",
    "tellonce.interchange",
    "tellonce.administration",
    "tellonce.workspace",
    "tellonce.records",
    "tellonce.returns",
    "tellonce.partnership",
    "tellonce.demo",
]

MIDDLEWARE = [
    # First: the request id, the one log line and the metrics of each request (operations/middleware.py).
    "tellonce.operations.middleware.Observed",
    # Whether the request has written yet: after a write, reporting reads stay on the primary.
    "tellonce.core.replica.RequestWrites",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, the first to read a form: refuses a body too big for the page with 413.
    "tellonce.core.limits.RequestSizeLimit",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Which council an e-mail queued by this request is for (its dead letter's council).
    "tellonce.jobs.context.RememberRequester",
    "tellonce.accounts.middleware.SignOutWhenIdle",
    "tellonce.accounts.middleware.FinishSigningIn",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tellonce.core.middleware.PrivateResponses",
    "tellonce.audit.shown.AccessLog",
    # Last, as django-axes asks: it turns a refused sign-in into the "account locked" page.
    "axes.middleware.AxesMiddleware",
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
        # Seconds a connection is kept for the next request (0: one a request); checked before reuse.
        conn_max_age=int(os.environ.get("TELLONCE_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# SQLite (the embedded default; PostgreSQL is for production): write-ahead logging, so pages read
# while something writes, and one writer at a time. A page that must write (opening a child's
# record logs the access) waits up to this many seconds for the writer before failing with
# "database is locked"; import-cases holds the lock for its whole write phase, all or nothing,
# about 90 s for 30,000 children with plans on a shared 2-core machine (docs/benchmarks.md).
SQLITE_BUSY_TIMEOUT = float(os.environ.get("TELLONCE_SQLITE_BUSY_TIMEOUT", "600"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT * 1000)};"
        ),
    }
# A streaming replica of the PostgreSQL primary (optional): the reporting pages read from it
# (core/replica.py, ADR 81); every write, and every read after a write in the same request, goes
# to the primary. Unset: everything uses the one database. Tests run it as a mirror of default.
if os.environ.get("TELLONCE_REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["TELLONCE_REPLICA_DATABASE_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["tellonce.core.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked account or address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "tellonce.accounts.sso.SingleSignOnBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
# Django's validators, with messages in plain English (accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "tellonce.accounts.passwords.NotLikeYourDetails"},
    {"NAME": "tellonce.accounts.passwords.LongEnough", "OPTIONS": {"min_length": 12}},
    {"NAME": "tellonce.accounts.passwords.NotCommon"},
]
# Passwords stored with Argon2id at OWASP's settings (ADR 0086); the others only to read a password
# stored before, which is stored again with Argon2id when it is next used.
PASSWORD_HASHERS = [
    "tellonce.accounts.passwords.Argon2id",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
# A password reset link works once, for this long (Django's token, in seconds).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("TELLONCE_PASSWORD_RESET_MINUTES", "60")) * 60

# Signing in (docs/architecture.md, "Signing in"; ADRs 46 to 50).
# Who to ask when locked out, or when single sign-on does not know you.
TELLONCE_ACCOUNTS_CONTACT = os.environ.get("TELLONCE_ACCOUNTS_CONTACT", "your administrator or the SEND team")
# Reverse proxies in front of the service: the client's address is that many from the right of
# X-Forwarded-For (0: REMOTE_ADDR is the client).
TELLONCE_TRUSTED_PROXIES = int(os.environ.get("TELLONCE_TRUSTED_PROXIES", "0"))
# Lockout (django-axes, ADR 47): failures per account, and per address (one office behind one
# router is one address, so it has more); locked for this many minutes, or 0 for until an
# administrator unlocks it.
TELLONCE_SIGN_IN_ATTEMPTS = int(os.environ.get("TELLONCE_SIGN_IN_ATTEMPTS", "5"))
TELLONCE_SIGN_IN_ADDRESS_ATTEMPTS = int(os.environ.get("TELLONCE_SIGN_IN_ADDRESS_ATTEMPTS", "30"))
TELLONCE_LOCKOUT_MINUTES = int(os.environ.get("TELLONCE_LOCKOUT_MINUTES", "30"))
AXES_HANDLER = "tellonce.accounts.lockout.AccountAndAddressHandler"
AXES_FAILURE_LIMIT = TELLONCE_SIGN_IN_ATTEMPTS
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=TELLONCE_LOCKOUT_MINUTES) if TELLONCE_LOCKOUT_MINUTES else None
# Failures while locked do not push the end of the lock back, so the person locked out knows when
# they can try again; they are refused, and the audit keeps each refusal.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tellonce.accounts.views.signing_in.locked_out"
AXES_CLIENT_IP_CALLABLE = "tellonce.accounts.addresses.client_address"
AXES_USERNAME_FORM_FIELD = "username"
# The audit keeps sign-ins (audit.SignInEvent); django-axes keeps only the counts it locks on.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Two-factor sign-in (django-otp, ADR 48): the name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = TELLONCE_AREA_NAME or "Tellonce"
# Sign out after this many minutes without a request (the session ends after 8 hours regardless).
TELLONCE_IDLE_MINUTES = int(os.environ.get("TELLONCE_IDLE_MINUTES", "30"))

# Staff single sign-on by OpenID Connect (mozilla-django-oidc, ADR 49), off unless TELLONCE_SSO=1.
# It only signs in existing, active staff accounts; the identity provider asks for the second factor.
TELLONCE_SSO = os.environ.get("TELLONCE_SSO", "") == "1"
TELLONCE_SSO_NAME = os.environ.get("TELLONCE_SSO_NAME", "your council account")
TELLONCE_SSO_ISSUER = os.environ.get("TELLONCE_SSO_ISSUER", "")
# The claim that names the person, and the account field it must equal ("email" or "username").
TELLONCE_SSO_CLAIM = os.environ.get("TELLONCE_SSO_CLAIM", "email")
TELLONCE_SSO_ACCOUNT_FIELD = os.environ.get("TELLONCE_SSO_ACCOUNT_FIELD", "email")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("TELLONCE_SSO_AUTHORIZATION_URL", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("TELLONCE_SSO_TOKEN_URL", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("TELLONCE_SSO_USERINFO_URL", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("TELLONCE_SSO_JWKS_URL", "")
OIDC_RP_CLIENT_ID = os.environ.get("TELLONCE_SSO_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("TELLONCE_SSO_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("TELLONCE_SSO_SCOPES", "openid email")
OIDC_RP_SIGN_ALGO = os.environ.get("TELLONCE_SSO_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso-callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/sso/refused/"

# The retention schedule (docs/data-protection.md): years to keep each kind of record, for every
# council ("feedback=5,online_referral=2"); TELLONCE_RETENTION_BY_COUNCIL does the same for one
# council by its DfE code ({"999": {"feedback": 5}}), in a settings module.
TELLONCE_RETENTION = {
    kind.strip(): int(years)
    for kind, _, years in (
        pair.partition("=") for pair in os.environ.get("TELLONCE_RETENTION", "").split(",") if pair.strip()
    )
}
TELLONCE_RETENTION_BY_COUNCIL: dict[str, dict[str, int]] = {}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("TELLONCE_STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("TELLONCE_UPLOADS_DIR", VAR_DIR / "uploads"))},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(float(os.environ.get("TELLONCE_SESSION_HOURS", "8")) * 60 * 60)
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

# Uploads (core/uploads.py, docs/security.md): the largest document (PDF, Word, Excel) and CSV or
# text file; a Word or Excel file's parts once unzipped (total, count, and each part's compression).
TELLONCE_MAX_UPLOAD_MB = float(os.environ.get("TELLONCE_MAX_UPLOAD_MB", "10"))
TELLONCE_MAX_CSV_MB = float(os.environ.get("TELLONCE_MAX_CSV_MB", "50"))
TELLONCE_MAX_UNZIPPED_MB = int(os.environ.get("TELLONCE_MAX_UNZIPPED_MB", "50"))
TELLONCE_MAX_ZIP_ENTRIES = int(os.environ.get("TELLONCE_MAX_ZIP_ENTRIES", "1000"))
TELLONCE_MAX_ZIP_RATIO = int(os.environ.get("TELLONCE_MAX_ZIP_RATIO", "200"))
# A PDF is checked and read in a child process with these limits (core/sandbox.py).
TELLONCE_PDF_SECONDS = float(os.environ.get("TELLONCE_PDF_SECONDS", "20"))
TELLONCE_PDF_MEMORY_MB = int(os.environ.get("TELLONCE_PDF_MEMORY_MB", "512"))
# ClamAV's daemon: a socket path or host:port. Empty: uploads are not scanned (a warning in production).
TELLONCE_CLAMAV_SOCKET = os.environ.get("TELLONCE_CLAMAV_SOCKET", "")
TELLONCE_CLAMAV_TIMEOUT = float(os.environ.get("TELLONCE_CLAMAV_TIMEOUT", "30"))
# Request bodies (core/limits.py): a form's fields without its files, and a whole request that
# carries files (the largest file allowed, and room for the rest of the form). Larger: 413.
TELLONCE_MAX_FORM_KB = int(os.environ.get("TELLONCE_MAX_FORM_KB", "2560"))
TELLONCE_MAX_REQUEST_MB = float(
    os.environ.get("TELLONCE_MAX_REQUEST_MB", str(max(TELLONCE_MAX_UPLOAD_MB, TELLONCE_MAX_CSV_MB) + 1))
)
DATA_UPLOAD_MAX_MEMORY_SIZE = TELLONCE_MAX_FORM_KB * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("TELLONCE_MAX_FORM_FIELDS", "1000"))
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Django's cache, shared by every worker and server of an installation (ADR 92): "database" keeps
# it in the table `tellonce_cache` (made by the migration core 0001), so the public pages' limits,
# the dashboard's figures and the menu's count of work hold across gunicorn's workers; "local"
# keeps one in each process (a single process, or the tests).
CACHES = {
    "default": {
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tellonce_cache",
            # Enough for every signed-in person's count and a day's addresses before a cull.
            "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }[os.environ.get("TELLONCE_CACHE", "database")]
}
# Requests a minute from one address to the public forms (comments, reports, referrals), the
# Local Offer's search and the Open Referral UK API (accounts/rate_limits.py). Counted in CACHES,
# shared by every worker (ADR 62, ADR 92).
TELLONCE_RATE_FORMS = int(os.environ.get("TELLONCE_RATE_FORMS", "10"))
TELLONCE_RATE_SEARCH = int(os.environ.get("TELLONCE_RATE_SEARCH", "60"))
TELLONCE_RATE_API = int(os.environ.get("TELLONCE_RATE_API", "120"))

# The partnership dashboard keeps its counted figures this many seconds (0: count on every view).
TELLONCE_PARTNERSHIP_CACHE_SECONDS = int(os.environ.get("TELLONCE_PARTNERSHIP_CACHE_SECONDS", "300"))

# Advice: the age after which advice behind a plan is flagged (default 2 years).
TELLONCE_ADVICE_MAX_AGE_MONTHS = int(os.environ.get("TELLONCE_ADVICE_MAX_AGE_MONTHS", "24"))
# Reviews: the law's 12 months; a council may review under-fives more often (CoP 9.178: 3 to 6 months).
TELLONCE_UNDER_FIVE_REVIEW_MONTHS = int(os.environ.get("TELLONCE_UNDER_FIVE_REVIEW_MONTHS", "12"))
# Administration: how many days an invitation's one-time link works (ADR 53).
TELLONCE_INVITATION_DAYS = int(os.environ.get("TELLONCE_INVITATION_DAYS", "7"))

# Email (Django 6.1 MAILERS): the console by default; SMTP, or GOV.UK Notify with its key and template id.
DEFAULT_FROM_EMAIL = os.environ.get("TELLONCE_FROM_EMAIL", "send-team@example.org")
# Pages never wait on the mail service: "default" queues each message as a task (tellonce/jobs/mail.py,
# ADR 68) and the worker hands it to "deliver", the real backend, retrying while it fails.
MAILERS = {
    "default": {"BACKEND": "tellonce.jobs.mail.QueuedEmailBackend"},
    "deliver": {
        "console": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
        "smtp": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": os.environ.get("TELLONCE_EMAIL_HOST", "localhost")},
        },
        "notify": {"BACKEND": "tellonce.core.notify.NotifyEmailBackend"},
    }[os.environ.get("TELLONCE_EMAIL", "console")],
}
TELLONCE_NOTIFY_API_KEY = os.environ.get("TELLONCE_NOTIFY_API_KEY", "")
TELLONCE_NOTIFY_TEMPLATE_ID = os.environ.get("TELLONCE_NOTIFY_TEMPLATE_ID", "")

# Logs to standard error, as JSON lines or text, one line a request, identifiers scrubbed (operations/logs.py).
TELLONCE_REQUEST_LOG_ON = os.environ.get("TELLONCE_REQUEST_LOG", "1") == "1"
LOGGING = logging_config(
    level=os.environ.get("TELLONCE_LOG_LEVEL", "WARNING"),
    form=os.environ.get("TELLONCE_LOG_FORMAT", "text"),
    requests=TELLONCE_REQUEST_LOG_ON,
)

# Watching it (docs/operating.md): /metrics answers this bearer token, or with none only this
# machine not through the proxy; errors go to Sentry when a DSN is set, personal data scrubbed.
TELLONCE_METRICS_TOKEN = os.environ.get("TELLONCE_METRICS_TOKEN", "")
TELLONCE_SENTRY_DSN = os.environ.get("TELLONCE_SENTRY_DSN", "")
TELLONCE_SENTRY_ENVIRONMENT = os.environ.get("TELLONCE_SENTRY_ENVIRONMENT", "")
# The probes answer over plain HTTP on the server itself, whatever SECURE_SSL_REDIRECT says.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)$"]
# An index may carry columns it is not ordered by (ADR 102): PostgreSQL reads them from the index;
# the embedded SQLite ignores them, as this warning says, and its indexes stay as they were.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Background work (Django's tasks, ADR 68; docs/worker.md): "database" keeps the queue in the
# database for `tellonce worker`; "immediate" runs each task inside the request (no worker, no
# retries: a demo on a laptop).
TASKS = {
    "default": {
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
        "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    }[os.environ.get("TELLONCE_TASKS", "database")]
}
# Tries before a task goes to the dead letters; the wait after the first failure, doubling each time.
TELLONCE_TASK_ATTEMPTS = int(os.environ.get("TELLONCE_TASK_ATTEMPTS", "8"))
TELLONCE_TASK_RETRY_SECONDS = int(os.environ.get("TELLONCE_TASK_RETRY_SECONDS", "30"))
# Days a finished task (an e-mail's address and text) is kept before the worker deletes it.
TELLONCE_TASK_KEEP_DAYS = int(os.environ.get("TELLONCE_TASK_KEEP_DAYS", "7"))
# /readyz fails when the worker has not reported for this long.
TELLONCE_WORKER_HEARTBEAT_MINUTES = int(os.environ.get("TELLONCE_WORKER_HEARTBEAT_MINUTES", "5"))
# Hours a prepared file (an export, a large document, an import's result) is kept for the person
# who asked before the worker deletes it.
TELLONCE_PREPARED_FILE_HOURS = int(os.environ.get("TELLONCE_PREPARED_FILE_HOURS", "24"))
