"""A filter form's HTML from the cache.

The public list's filter renders about 130 options (every neighbourhood and theme)
on every request: about 9 ms of Python and two queries, for the same HTML each time.
A GET form's HTML depends only on the language, the values it was sent and its
choices, so it is kept per language and values for a few minutes, in each process
(the "local" cache: no trip to Redis); new choices (a neighbourhood renamed in the
admin) show within that time. A form with errors is always rendered afresh.
"""

import hashlib
from urllib.parse import urlencode

from django import template
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

SECONDS = 300


def _values(form) -> list[tuple[str, str]]:
    data = form.data
    values = []
    for name in form.fields:
        key = form.add_prefix(name)
        items = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
        values.extend((key, str(item)) for item in items if item not in (None, ""))
    return values


@register.simple_tag
def cached_form(form) -> SafeString:
    if form.is_bound and form.errors:
        return mark_safe(str(form))  # Django's own rendering
    digest = hashlib.sha256(urlencode(sorted(_values(form))).encode()).hexdigest()[:32]
    key = (
        f"form-html:v1:{type(form).__module__}.{type(form).__qualname__}:{get_language()}:{digest}"
    )
    html = caches["local"].get(key)
    if html is None:
        html = str(form)
        caches["local"].set(key, html, SECONDS)
    return mark_safe(html)  # Django's own rendering, kept as it was
