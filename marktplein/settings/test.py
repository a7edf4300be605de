"""Tests: a throwaway PostgreSQL cluster and Redis server started by tests/testbench.py."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import LOCAL_CACHE

DEBUG = False
SECRET_KEY = "test-only-" + "k" * 50
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]

DATABASES = {
    "default": {
        # Django's PostgreSQL backend; emptying tables between tests skips the audit
        # log's TRUNCATE guard (tests/db/postgresql/base.py).
        "ENGINE": "tests.db.postgresql",
        "HOST": os.environ.get("DATABASE_HOST", "127.0.0.1"),
        "PORT": os.environ.get("DATABASE_PORT", "5432"),
        # A worker process started by a test reads the test database's name from here.
        "NAME": os.environ.get("DATABASE_NAME", "marktplein"),
        "USER": "postgres",
        "PASSWORD": "",
        "OPTIONS": {"options": "-c jit=off"},
    }
}
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "marktplein-test",
    },
    "local": LOCAL_CACHE,
}
CELERY_BROKER_URL = REDIS_URL
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker process started by a test writes its mail where the test can read it.
if os.environ.get("MARKTPLEIN_TEST_MAIL_DIR"):
    EMAIL_BACKEND = "tests.mail_backends.OneFilePerMessageBackend"
    EMAIL_FILE_PATH = os.environ["MARKTPLEIN_TEST_MAIL_DIR"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ.get("MARKTPLEIN_MEDIA_ROOT", "/tmp/marktplein-test-media"))

# Serve static files straight from the source folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests of the API's limit set their own; the others are never throttled.
MARKTPLEIN_API_RATE = "100000/minute"
