import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role


class SignupForm(forms.Form):
    """Extra field on allauth's sign-up form: the name others see."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        help_text=_("Other people on Marktplein see this name."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )

    field_order = ["first_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.save(update_fields=["first_name"])


class UserSearchForm(forms.Form):
    hide_optional = True

    q = forms.CharField(label=_("Search by name or e-mail address"), required=False)


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Write down why. This is kept in the audit log."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("Type your password to show that it is really you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password


class AccountCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you close this account?"),
        help_text=_("The person gets this reason by e-mail. It is kept in the audit log."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ContactSharingForm(forms.Form):
    """What a person shows the people they work with; the form checks what the
    database rule would refuse, so the rule never reaches the person."""

    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        help_text=_("For example 06 12345678 or +31 20 1234567."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    shows_phone = forms.BooleanField(
        label=_("Show my phone number to the people I work with"), required=False
    )
    shows_email = forms.BooleanField(
        label=_("Show my e-mail address to the people I work with"), required=False
    )

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return ""
        digits = re.sub(r"\D", "", phone)
        if not re.fullmatch(r"\+?[0-9 ()-]+", phone) or not 8 <= len(digits) <= 15:
            raise forms.ValidationError(
                _("Type a phone number with 8 to 15 digits, for example 06 12345678.")
            )
        return phone

    def clean(self):
        data = super().clean()
        if data.get("shows_phone") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Type the phone number you want to show."))
        return data
