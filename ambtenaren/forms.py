from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from basisgegevens.models import ExpertiseArea, Neighbourhood

from .models import HOURS_TOO_MANY, MAX_HOURS_PER_MONTH, AdvisorProfile, Contact


class AdvisorProfileForm(forms.ModelForm):
    class Meta:
        model = AdvisorProfile
        fields = [
            "expertise_areas",
            "hours_per_month",
            "neighbourhoods",
            "introduction",
            "is_available",
        ]
        labels = {
            "expertise_areas": _("What do you know about?"),
            "hours_per_month": _("How many hours a month can you lend?"),
            "neighbourhoods": _("Which neighbourhoods do you know well?"),
            "introduction": _("Introduce yourself in a few sentences"),
            "is_available": _("I am available for new initiatives"),
        }
        widgets = {
            "expertise_areas": forms.CheckboxSelectMultiple,
            "neighbourhoods": forms.CheckboxSelectMultiple,
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise_areas"].queryset = ExpertiseArea.objects.order_by("name_nl")
        self.fields["neighbourhoods"].queryset = Neighbourhood.objects.order_by("name")
        self.fields["neighbourhoods"].required = False
        # The database's rule, checked here first so its message stands at the field.
        hours = self.fields["hours_per_month"]
        hours.validators.append(MaxValueValidator(MAX_HOURS_PER_MONTH, message=HOURS_TOO_MANY))
        hours.widget.attrs["max"] = MAX_HOURS_PER_MONTH


class ResponseForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the initiative"),
        help_text=_("Write in plain language. The members of the initiative read this."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
    )


class AdvisorChoiceForm(forms.Form):
    """Which civil servant to propose or ask: an id parsed over the advisor profiles,
    so a malformed or unknown id is a form error, never a server error."""

    advisor = forms.ModelChoiceField(
        queryset=AdvisorProfile.objects.all(),
        error_messages={
            "required": _("Choose a civil servant from the list."),
            "invalid_choice": _("Choose a civil servant from the list."),
        },
    )
    reason = forms.CharField(required=False, max_length=1000)


class ClaimForm(forms.Form):
    hours = forms.IntegerField(
        label=_("How many hours a month do you give?"), min_value=1, max_value=160, initial=2
    )
    no_conflict = forms.BooleanField(
        label=_("I declare that I have no conflict of interest with this initiative."),
        required=True,
    )


class AdvisorshipAcceptForm(forms.Form):
    """Saying yes; the civil servant also states hours and declares no conflict."""

    hours = forms.IntegerField(
        label=_("Hours a month"), min_value=1, max_value=160, required=False
    )
    no_conflict = forms.BooleanField(
        label=_("I declare that I have no conflict of interest with this initiative."),
        required=False,
    )


class AdvisorshipEndForm(forms.Form):
    """Declining a proposal or ending the advice: done, or stopped."""

    status = forms.ChoiceField(
        choices=[
            ("completed", _("End: the advice is done")),
            ("released", _("End: stop the advice")),
        ]
    )
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=1000)


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["date", "channel", "topic", "next_step", "follow_up_on"]
        labels = {
            "date": _("Date of the contact"),
            "channel": _("How did you have contact?"),
            "topic": _("What was it about?"),
            "next_step": _("What did you agree?"),
            "follow_up_on": _("When do you follow up?"),
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())
