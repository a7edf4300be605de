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


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal at the top of the form; what was typed stays."""
    for message in error.messages:
        form.add_error(None, message)
