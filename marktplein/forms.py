from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.forms.renderers import TemplatesSetting


class UtrechtFormRenderer(TemplatesSetting):
    """Django's own form rendering with NL Design System (utrecht-*) templates.

    Django adds `aria-describedby` and `aria-invalid` to the widgets; our
    templates keep them and add the utrecht classes.
    """

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


class Saved:
    """What a service returned for a form that it took."""

    def __init__(self, value):
        self.value = value


def save_form(request, form: Form, save: Callable[[dict], Any]) -> Saved | None:
    """The one form step every page shares: on a valid POST, call the service.

    Returns `Saved` when the service took it. Otherwise None: the form was not
    sent, not valid, or the service refused it, and then its refusal stands at
    the top of the form and everything that was typed stays.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return Saved(save(form.cleaned_data))
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal at the top of the form; what was typed stays."""
    for message in error.messages:
        form.add_error(None, message)
