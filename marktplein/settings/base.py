"""Settings shared by every environment. Environment-specific files import from here."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "marktplein.apps.MarktpleinAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "marktplein.apps.MarktpleinConfig",
    "audit",
    "basisgegevens",
    "accounts",
    "initiatieven",
    "ambtenaren",
    "subsidies",
    "herinneringen",
    "gesprekken",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "marktplein.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "marktplein.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "marktplein.urls"
WSGI_APPLICATION = "marktplein.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "herinneringen.context_processors.notifications",
            ],
        },
    },
]
FORM_RENDERER = "marktplein.forms.UtrechtFormRenderer"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("DATABASE_HOST", "127.0.0.1"),
        "PORT": os.environ.get("DATABASE_PORT", "5432"),
        "NAME": os.environ.get("DATABASE_NAME", "marktplein"),
        "USER": os.environ.get("DATABASE_USER", "marktplein"),
        "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),
        # Short web queries: PostgreSQL's JIT compiler costs more than it saves here
        # (it took 0.9 s to compile the matching query that runs in 0.1 s).
        "OPTIONS": {"options": "-c jit=off"},
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# "local" keeps, in each process, HTML that is the same for everyone and may be a few
# minutes old (the list's filter form in `form_cache`, the page head and footer in
# base.html): no trip to Redis on a public page.
LOCAL_CACHE: dict[str, Any] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "marktplein-local",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "marktplein",
        }
    }
CACHES["local"] = LOCAL_CACHE

# Sessions are read from the cache (Redis in production) and kept in the database:
# a signed-in page does not spend a query on its session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail is the login, verification is mandatory.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Whoever confirms the address in the browser they signed up in is signed in at once
# and goes on where they were (an invitation); a link opened elsewhere asks to sign in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Marktplein: "
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed sign-ins are counted in the cache (Redis outside the demo): per client address,
# and per account on that address (see AccountAdapter), so nobody can lock another out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,30/h/ip,5/5m/key",
}
# How many reverse proxies stand between the client and Django: their X-Forwarded-For
# entries are trusted to find the client's address. 0: use the connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("MARKTPLEIN_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Marktplein"
# TOTP secrets and recovery-code seeds are sealed with these keys (accounts/crypto.py);
# production must set them, elsewhere a key is derived from SECRET_KEY.
MFA_ADAPTER = "accounts.mfa_adapter.MFAAdapter"
MFA_ENCRYPTION_KEYS = env_list("MARKTPLEIN_MFA_ENCRYPTION_KEYS")
# Changes to a person's password, address or second factor are mailed to them.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Removing or replacing a second factor, and seeing recovery codes, needs the second
# factor used within this many seconds (accounts.permissions.recent_second_factor_required).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Confirming who you are takes the password or the second factor, never a code mailed to
# the address (allauth 65.22 offers one by default): whoever reads someone's mail could
# otherwise change their address or password without knowing either.
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]
# An enrolment link for a second factor works this long, once.
MARKTPLEIN_MFA_ENROLMENT_LINK_HOURS = 24

# E-mail domains whose verified addresses make someone a civil servant.
MUNICIPAL_EMAIL_DOMAINS = env_list("MARKTPLEIN_MUNICIPAL_EMAIL_DOMAINS", "gemeente.example")
# Accounts whose e-mail address stays unverified this long are removed.
UNVERIFIED_ACCOUNT_RETENTION = timedelta(days=14)

# Sessions end after idleness and after an absolute maximum.
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MARKTPLEIN_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No inline script or style anywhere: every page works under this policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"

DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Marktplein <noreply@marktplein.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "purge-unverified-accounts": {
        "task": "accounts.tasks.purge_unverified_accounts_task",
        "schedule": timedelta(hours=6),
    },
    # The reminder outbox (herinneringen): send what is due, often; put back what a
    # dead worker claimed; let the rules find what fell due; one digest a day.
    "dispatch-due-reminders": {
        "task": "herinneringen.tasks.dispatch_due_reminders_task",
        "schedule": timedelta(seconds=30),
    },
    "sweep-stale-reminders": {
        "task": "herinneringen.tasks.sweep_stale_reminders_task",
        "schedule": timedelta(minutes=5),
    },
    "create-due-reminders": {
        "task": "herinneringen.tasks.create_due_reminders_task",
        "schedule": timedelta(minutes=15),
    },
    "schedule-digests": {
        "task": "herinneringen.tasks.schedule_digests_task",
        "schedule": crontab(hour=7, minute=30),
    },
    # The dashboard's unfiltered figures, computed ahead for the pages and the API.
    "refresh-dashboard-figures": {
        "task": "dashboard.tasks.refresh_figures_task",
        "schedule": timedelta(
            seconds=int(os.environ.get("MARKTPLEIN_DASHBOARD_REFRESH_SECONDS", "600"))
        ),
    },
}

# Where links in e-mails point (no request is there when a reminder is sent).
MARKTPLEIN_BASE_URL = os.environ.get("MARKTPLEIN_BASE_URL", "http://127.0.0.1:8000")
# The dispatcher claims this many reminders at a time.
MARKTPLEIN_REMINDER_BATCH = int(os.environ.get("MARKTPLEIN_REMINDER_BATCH", "500"))
# A reminder that keeps failing stops after this many attempts (shown to administrators).
MARKTPLEIN_REMINDER_MAX_ATTEMPTS = 5
# A claim older than this went with a worker that died (longer than the task's time limit).
MARKTPLEIN_REMINDER_STALE_SECONDS = 600
# After an e-mail went out, how long to keep trying to mark it sent while the database
# is away (a restart), in seconds; within the dispatch task's time limit.
MARKTPLEIN_REMINDER_MARK_PATIENCE = 90
# An advisor hears after this many days without a contact.
MARKTPLEIN_ADVISOR_QUIET_DAYS = 30
# Seconds between rounds of the in-process dispatcher (the demo only; 0 is off).
MARKTPLEIN_DISPATCH_IN_PROCESS = 0
MARKTPLEIN_REMINDER_RULES_SECONDS = 300

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
# The public list counts its initiatives up to this many; past it, it says "more than".
MARKTPLEIN_LIST_COUNT_CAP = 10_000
# A search counts fewer: a common word matches thousands, and the pages past the cap
# are not offered ("more than 1,000 found; choose a neighbourhood...").
MARKTPLEIN_SEARCH_COUNT_CAP = 1_000
# The loket says how many initiatives wait for a first answer, up to this many.
MARKTPLEIN_LOKET_COUNT_CAP = 1_000
MARKTPLEIN_MAX_PHOTO_BYTES = 5 * 1024 * 1024
MARKTPLEIN_MAX_PHOTOS_PER_UPDATE = 4
# A report's attachment (PDF or photo). The upload handler keeps no more than a photo may
# be, so an attachment cannot be larger than that either.
MARKTPLEIN_MAX_ATTACHMENT_BYTES = MARKTPLEIN_MAX_PHOTO_BYTES
# The largest form is news with its photos; a larger body is refused before it is read.
MARKTPLEIN_MAX_REQUEST_BYTES = MARKTPLEIN_MAX_PHOTOS_PER_UPDATE * MARKTPLEIN_MAX_PHOTO_BYTES + (
    1024 * 1024
)
FILE_UPLOAD_HANDLERS = [
    "marktplein.uploads.FileSizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Invitations to join an initiative expire after this many days.
MARKTPLEIN_INVITATION_DAYS = 7
# Invitations are e-mail to strangers: a person and an initiative send a limited number a day.
MARKTPLEIN_INVITATIONS_PER_PERSON_PER_DAY = 10
MARKTPLEIN_INVITATIONS_PER_INITIATIVE_PER_DAY = 20
# The municipality answers a submitted initiative within this many working days.
MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS = int(
    os.environ.get("MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS", "5")
)

# The open data API (dashboard/api.py): read-only, for anyone, CC0.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Marktplein open data",
    "DESCRIPTION": (
        "The public figures, the public initiatives and the subsidy register of this "
        "municipality's Marktplein. Nothing personal; no figure about fewer than 5 "
        "initiatives or people. Open data under CC0."
    ),
    "VERSION": "1",
    "LICENSE": {"name": "CC0-1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
}
# Requests per client address (DRF's rate syntax); counted in the cache (Redis).
MARKTPLEIN_API_RATE = os.environ.get("MARKTPLEIN_API_RATE", "120/minute")
# The dashboard's unfiltered figures are computed ahead this often (Celery beat), and
# kept for three rounds; with False every page computes them as it is asked for.
MARKTPLEIN_DASHBOARD_REFRESH_SECONDS = int(
    os.environ.get("MARKTPLEIN_DASHBOARD_REFRESH_SECONDS", "600")
)
MARKTPLEIN_DASHBOARD_PRECOMPUTE = True
# Whose Marktplein this is: e-mails are signed "Marktplein of <this>".
MARKTPLEIN_MUNICIPALITY_NAME = os.environ.get("MARKTPLEIN_MUNICIPALITY_NAME", "de gemeente")
# Where residents write about the site (the accessibility statement names it).
MARKTPLEIN_CONTACT_EMAIL = os.environ.get(
    "MARKTPLEIN_CONTACT_EMAIL", "marktplein@gemeente.example"
)
