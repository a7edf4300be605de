import datetime
import functools

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language

from accounts.services import user_set_language


@login_not_required
def home_view(request):
    return render(request, "marktplein/home.html")


@login_not_required
def privacy_view(request):
    return render(request, "marktplein/privacy.html")


# The day the accessibility statement was last checked against the site.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 25)


@login_not_required
def accessibility_view(request):
    return render(
        request,
        "marktplein/accessibility.html",
        {
            "municipality_name": settings.MARKTPLEIN_MUNICIPALITY_NAME,
            "base_url": settings.MARKTPLEIN_BASE_URL,
            "contact_email": settings.MARKTPLEIN_CONTACT_EMAIL,
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
        },
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


@functools.cache
def _redis_client(url: str) -> redis.Redis:
    """One client (and its connection pool) per process: a health check every few
    seconds must not open a new connection each time."""
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def _redis_status() -> str:
    """Redis is the cache and Celery's broker; the demo runs without it."""
    if not settings.REDIS_URL:
        return "not used"
    try:
        return "ok" if _redis_client(settings.REDIS_URL).ping() else "error"
    except redis.RedisError:
        return "error"


@login_not_required
@never_cache
def health_view(request):
    database = "ok" if _database_ok() else "error"
    redis = _redis_status()
    healthy = database == "ok" and redis in ("ok", "not used")
    return JsonResponse({"database": database, "redis": redis}, status=200 if healthy else 503)


@csrf_protect
def _set_language_signed_in(request):
    response = set_language(request)
    if request.method == "POST":
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response


@csrf_exempt
@login_not_required
def set_language_view(request):
    """Django's language switch; a signed-in person's e-mails follow the choice too,
    and only their switch carries a CSRF token. For a visitor who is not signed in
    the switch changes nothing but their own language cookie: a forged one shows
    them the site in the other language, no more. So they need no token, and a
    public page makes no CSRF secret and sets no cookie (a fifth of the Python of a
    page without a query)."""
    if request.user.is_authenticated:
        return _set_language_signed_in(request)
    return set_language(request)
