"""A filter form's HTML from the cache.

The public list's filter renders about 130 options (every neighbourhood and theme)
on every request: about 9 ms of Python and two queries, for the same HTML each time.
A GET form's HTML depends only on the language, the values it was sent and its
choices, so it is kept per language and values for a few minutes, in each process
(the "local" cache: no trip to Redis); new choices (a neighbourhood renamed in the
admin) show within that time. A form with errors is always rendered afresh.

The tag takes the filter set, not its form: the key comes from the values sent, so
the form is made only when it must be rendered or checked (a filter set sent no
values makes none).
"""

import hashlib
from urllib.parse import urlencode

from django import template
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

SECONDS = 300


def _values(filterset) -> list[tuple[str, str]]:
    data, prefix = filterset.data, filterset.form_prefix
    values = []
    for name in filterset.filters:  # the form's fields, in the same order
        key = f"{prefix}-{name}" if prefix else name
        items = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
        values.extend((key, str(item)) for item in items if item not in (None, ""))
    return values


@register.simple_tag
def cached_form(filterset) -> SafeString:
    if filterset.is_bound and filterset.errors:
        return mark_safe(str(filterset.form))  # Django's own rendering
    digest = hashlib.sha256(urlencode(sorted(_values(filterset))).encode()).hexdigest()[:32]
    name = f"{type(filterset).__module__}.{type(filterset).__qualname__}"
    key = f"form-html:v2:{name}:{get_language()}:{digest}"
    html = caches["local"].get(key)
    if html is None:
        html = str(filterset.form)
        caches["local"].set(key, html, SECONDS)
    return mark_safe(html)  # Django's own rendering, kept as it was
