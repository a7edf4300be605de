from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import DecimalField, Form, TextInput
from django.forms.renderers import TemplatesSetting
from django.utils import formats
from django.utils.translation import gettext_lazy as _


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


class MoneyField(DecimalField):
    """An amount in euros as people type it: `1250`, `1.250,50`, `€ 1,250.50` or `12,5`.

    Where both `.` and `,` appear, the last one is the decimal mark. Where one
    appears once with exactly three digits after it, it groups thousands
    (`1.250` is twelve hundred and fifty); otherwise it is the decimal mark.
    """

    # Text with a decimal keyboard: a number input would refuse "1.250,50".
    widget = TextInput
    default_error_messages = {
        "invalid": _("Write an amount in euros, such as 1250 or 1.250,50."),
        "max_decimal_places": _("Write at most two digits after the comma."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", Decimal("9999999999.99"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if isinstance(value, str):
            value = normalise_amount(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formats.number_format(value, 2)
        return value


def normalise_amount(text: str) -> str:
    """`€ 1.250,50` → `1250.50`; what is not an amount is left for the field to refuse."""
    text = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        return text.replace(grouping, "").replace(decimal_mark, ".")
    for mark in (",", "."):
        if mark in text:
            whole, _sep, cents = text.rpartition(mark)
            if text.count(mark) > 1 or len(cents) == 3:
                return text.replace(mark, "")
            return whole.replace(mark, "") + "." + cents
    return text
