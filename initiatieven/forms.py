import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basisgegevens.models import Neighbourhood, Theme

from .content import clean_photo
from .models import Initiative, Membership, Need, Offer


class InitiativeForm(forms.ModelForm):
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = [
            "title",
            "summary",
            "neighbourhood",
            "themes",
            "organisation",
            "organisation_name",
        ]
        labels = {
            "title": _("Name of your initiative"),
            "summary": _("What do you want to do?"),
            "neighbourhood": _("In which neighbourhood?"),
            "themes": _("What is it about?"),
            "organisation": _("Who is involved?"),
            "organisation_name": _("Name of the association or foundation"),
        }
        help_texts = {
            "title": _("A short name, for example: Moestuin De Wierden."),
            "summary": _("A few sentences are enough. Say what you do and for whom."),
            "themes": _("Choose one or more."),
            "organisation": _("A group of neighbours is fine. You do not need a KvK number."),
            "organisation_name": _("Only if you have one."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "organisation": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.order_by("name")
        self.fields["themes"].queryset = Theme.objects.order_by("name_nl")
        self.fields["organisation_name"].required = False
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("token", uuid.uuid4())


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["kind", "description", "expertise_area"]
        labels = {
            "kind": _("What do you need?"),
            "description": _("Say it in a few words"),
            "expertise_area": _("Which knowledge do you need?"),
        }
        help_texts = {
            "description": _("For example: a room for 20 people on Saturday morning."),
            "expertise_area": _(
                "Only for expertise or advice. It helps us find the right civil servant."
            ),
        }


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How far is this need met?"), choices=Need.Status.choices, widget=forms.RadioSelect
    )
    met_by = forms.ChoiceField(
        label=_("Who helped?"),
        choices=[("", _("Nobody yet")), *Need.MetBy.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    offer = forms.ModelChoiceField(
        label=_("Which offer helped?"),
        queryset=Offer.objects.none(),
        required=False,
        empty_label=_("No offer"),
    )

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(
            requests__need=need, status=Offer.Status.VETTED
        )
        if not self.fields["offer"].queryset.exists():
            del self.fields["offer"]


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("How far has your initiative grown?"),
        choices=Initiative.Stage.choices,
        widget=forms.RadioSelect,
    )


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did it end?"),
        choices=[
            (Initiative.Status.COMPLETED, _("Completed: we did what we wanted")),
            (Initiative.Status.STOPPED, _("Stopped: we do not go on")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Anything you want to share?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person you invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class UpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Your news"),
        help_text=_("Plain text is fine. Links become clickable."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)s") % {"number": number},
                required=False,
                help_text=_("JPEG, PNG or WebP, at most 5 MB."),
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp"}
                ),
            )
            self.fields[f"description_{number}"] = forms.CharField(
                label=_("What is on photo %(number)s?") % {"number": number},
                required=False,
                max_length=200,
            )

    def clean(self):
        cleaned = super().clean()
        photos = []
        for number in range(1, settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE + 1):
            upload = cleaned.get(f"photo_{number}")
            description = (cleaned.get(f"description_{number}") or "").strip()
            if not upload:
                continue
            try:
                # Decoded here, once: the service stores the cleaned photo as it is.
                photo = clean_photo(upload)
            except ValidationError as error:
                self.add_error(f"photo_{number}", error)
                continue
            if not description:
                self.add_error(
                    f"description_{number}",
                    _("Describe the photo in a few words, for people who cannot see it."),
                )
                continue
            photos.append((photo, description))
        cleaned["photos"] = photos
        return cleaned


class UpdateChangeForm(UpdateForm):
    """The text only: photos stay as they are (delete the news to take one away)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name != "body"]:
            del self.fields[name]


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The members of the initiative see this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["title", "kind", "description"]
        labels = {
            "title": _("What do you offer?"),
            "kind": _("Kind"),
            "description": _("Tell more about it"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class OfferReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            ("approve", _("Accept: the offer becomes public")),
            ("reject", _("Do not accept")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Needed when you do not accept. The partner sees it."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class LinkOfferForm(forms.Form):
    offer = forms.ModelChoiceField(
        label=_("Which offer do you want to ask for?"), queryset=Offer.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(status=Offer.Status.VETTED)
