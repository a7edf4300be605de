from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_LENGTH,
        help_text=_("The others in this conversation get a message that you wrote."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
