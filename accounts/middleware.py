import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

STARTED_KEY = "_marktplein_session_started"
LAST_SEEN_KEY = "_marktplein_last_seen"
# Write the last-seen time at most this often, so not every request saves the session.
LAST_SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """End a signed-in session after idleness and after an absolute maximum."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = time.time()
        session = request.session
        started = session.get(STARTED_KEY)
        last_seen = session.get(LAST_SEEN_KEY)
        if started is None:
            session[STARTED_KEY] = session[LAST_SEEN_KEY] = now
            return
        idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
        absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
        if now - started > absolute or now - (last_seen or started) > idle:
            logout(request)
            messages.info(request, _("You were signed out because your session ended."))
            return
        if now - (last_seen or 0) > LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_KEY] = now
