"""A list page's title names its state: the filters in use and the page number, so
each state of the page has a title of its own (WCAG 2.4.2)."""

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


def _shown(field: forms.Field, value) -> str:
    if isinstance(value, list | tuple) or hasattr(value, "model"):  # a list or a queryset
        return ", ".join(str(item) for item in value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


@register.simple_tag
def page_state(form=None, page=None) -> str:
    """ " – Theme: Green, Search: garden – page 2", or "" for the plain first page.
    `form` is a form or a filter set (django-filter), whose form is made only when
    it was sent values."""
    parts = []
    if form is not None and form.is_bound and form.is_valid():
        form = getattr(form, "form", form)  # a filter set's form
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value in (None, "", [], ()) or (hasattr(value, "exists") and not value.exists()):
                continue
            parts.append(f"{field.label}: {_shown(field, value)}")
    text = ", ".join(parts)
    if page is not None and getattr(page, "number", 1) > 1:
        text = " – ".join(filter(None, [text, _("page %(number)s") % {"number": page.number}]))
    return f" – {text}" if text else ""
