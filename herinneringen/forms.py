from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .models import Preference


class PreferencesForm(forms.Form):
    hide_optional = True

    """One choice per kind of message; what is required offers no "not at all"."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for code, kind in KINDS.items():
            if code == "digest":
                continue
            choices = [
                (value, label)
                for value, label in Preference.Delivery.choices
                if not (kind.required and value == Preference.Delivery.OFF)
            ]
            self.fields[code] = forms.ChoiceField(
                label=kind.label,
                choices=choices,
                initial=current.get(code, Preference.Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
                # A kind left out of the form keeps what it was.
                required=False,
                help_text=_("Required: you can move it to the daily summary.")
                if kind.required
                else "",
            )
