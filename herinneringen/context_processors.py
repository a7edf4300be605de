from . import selectors


def notifications(request) -> dict:
    """The unread count in the header, from the cache (no query on most pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.unread_count_cached(user)}
