"""Production: everything from environment variables. Passes `check --deploy`."""

import os

from django.core.exceptions import ImproperlyConfigured

from accounts.crypto import fernet_for

from .base import *  # noqa: F403
from .base import REDIS_URL, env_list

DEBUG = False
# Keys that are published somewhere (this repository, Django's own template) or too weak
# to sign links with: with a known key anyone can forge a confirmation link.
KNOWN_PLACEHOLDERS = ("change-me", "django-insecure", "demo-only", "test-only", "build-only")


def require_strong_secret_key(key: str) -> str:
    """Refuse to start with a missing, short or placeholder secret key."""
    if not key:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY.")
    if len(key) < 50 or len(set(key)) < 10:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is too weak: use at least 50 random characters."
        )
    if any(placeholder in key.lower() for placeholder in KNOWN_PLACEHOLDERS):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is a placeholder. Generate one, for example with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
    return key


SECRET_KEY = require_strong_secret_key(os.environ.get("DJANGO_SECRET_KEY", ""))

# Second-factor secrets are sealed with keys that live outside the database.
MFA_ENCRYPTION_KEYS = env_list("MARKTPLEIN_MFA_ENCRYPTION_KEYS")
if not MFA_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("Set MARKTPLEIN_MFA_ENCRYPTION_KEYS (one or more Fernet keys).")
fernet_for(tuple(MFA_ENCRYPTION_KEYS))
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
if not REDIS_URL:
    raise ImproperlyConfigured("Set REDIS_URL: Redis is the cache and Celery's broker.")

# docker-compose.yml puts one reverse proxy in front of gunicorn.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("MARKTPLEIN_TRUSTED_PROXY_COUNT", "1"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# Photos live on the media volume (docker-compose.yml), or in S3-compatible object
# storage when MARKTPLEIN_MEDIA_STORAGE=s3 (install the extra: pip install ".[s3]"; the
# bucket and keys come from django-storages' AWS_* variables). Photos are served through
# the platform (initiatieven.views.photo_view), so the bucket stays private.
MEDIA_STORAGE = os.environ.get("MARKTPLEIN_MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in ("filesystem", "s3"):
    raise ImproperlyConfigured("MARKTPLEIN_MEDIA_STORAGE is 'filesystem' or 's3'.")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage"
        if MEDIA_STORAGE == "s3"
        else "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"default_acl": "private", "querystring_auth": True}
        if MEDIA_STORAGE == "s3"
        else {},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("Set AWS_STORAGE_BUCKET_NAME for MARKTPLEIN_MEDIA_STORAGE=s3.")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
