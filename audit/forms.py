from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    """The audit log's filter. A form, so a value the database cannot take (such as a
    NUL character) is a field error, not a server error."""

    action = forms.CharField(label=_("Action starts with"), required=False, max_length=100)
