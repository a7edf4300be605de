"""The demo: SQLite, tasks in process, e-mail to the console. Never for production."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, LOCAL_CACHE

DEBUG = True
(BASE_DIR / "var").mkdir(exist_ok=True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("MARKTPLEIN_SQLITE_PATH", BASE_DIR / "var" / "demo.sqlite3"),
    }
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "local": LOCAL_CACHE,
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"

# Serve static files straight from the source folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# No worker and no beat in the demo: the dispatcher runs in the web process, every 15 s.
MARKTPLEIN_DISPATCH_IN_PROCESS = int(os.environ.get("MARKTPLEIN_DISPATCH_IN_PROCESS", "15"))
# SQLite keeps the columns of a covering index out of it; the index still works.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# The demo uses the neighbourhoods of Almere Haven.
MARKTPLEIN_MUNICIPALITY_NAME = "gemeente Almere"
