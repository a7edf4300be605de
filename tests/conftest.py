import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters and the like live in the real Redis: start each test empty."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def deliver(mailoutbox):
    """Send what the outbox holds now, as the dispatcher would; returns the sent mail."""
    from herinneringen.dispatch import dispatch_due

    def send():
        dispatch_due()
        return mailoutbox

    return send
