import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marktplein.forms import MoneyField

from .models import GoalOutcome, ReportReview, SubsidyScheme
from .selectors import open_schemes

# Rows a form shows for cost lines and goals. Without JavaScript every row is on the
# page; empty rows are left out when the form is saved.
MAX_COST_LINES = 8
MAX_GOALS = 8


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    budget = MoneyField(label=_("Budget"))
    rules = forms.CharField(
        label=_("Rules in plain words"),
        help_text=_("Who can apply, for what, and what you check. Residents read this."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    max_amount = MoneyField(label=_("Largest amount per application"))
    is_open = forms.BooleanField(label=_("Open for applications"), required=False)
    decision_weeks = forms.IntegerField(
        label=_("Decision term in weeks (beslistermijn)"), min_value=1, max_value=52, initial=8
    )
    direct_settlement_threshold = MoneyField(
        label=_("Settle at once up to this amount (direct vastgesteld)"),
        help_text=_(
            "A grant up to this amount is settled when it is granted. The group only "
            "reports what it did, without a financial account. Use 0 for never."
        ),
        initial=0,
    )

    @classmethod
    def for_scheme(cls, scheme: SubsidyScheme | None, data=None):
        initial = {}
        if scheme is not None:
            initial = {field: getattr(scheme, field) for field in cls.base_fields}
        return cls(data, initial=initial)


class ApplicationForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label=_("Which scheme do you apply for?"),
        queryset=SubsidyScheme.objects.none(),
        empty_label=_("Choose a scheme"),
    )
    amount = MoneyField(
        label=_("How much money do you ask?"),
        help_text=_("In euros. Your cost lines below add up to this amount."),
    )
    own_contribution = forms.CharField(
        label=_("What does your group add itself?"),
        help_text=_("For example volunteers, hours, materials or your own money."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    own_money = MoneyField(label=_("Own money you put in (in euros)"), initial=0, required=False)
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, current_scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        schemes = open_schemes()
        if current_scheme is not None:
            schemes = schemes | SubsidyScheme.objects.filter(pk=current_scheme.pk)
        self.fields["scheme"].queryset = schemes.order_by("-year", "name")
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())

    def clean_own_money(self):
        return self.cleaned_data.get("own_money") or 0


class CostLineForm(forms.Form):
    description = forms.CharField(label=_("What for"), max_length=200, required=False)
    amount = MoneyField(label=_("Amount"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("description") and data.get("amount") in (None, ""):
            self.add_error("amount", _("Write the amount for this cost."))
        if data.get("amount") not in (None, "") and not data.get("description"):
            self.add_error("description", _("Say what this cost is for."))
        return data


class GoalForm(forms.Form):
    description = forms.CharField(
        label=_("Goal"),
        help_text=_("Measurable where you can, for example: 20 neighbours join 4 times."),
        max_length=300,
        required=False,
    )


CostLineFormSet = forms.formset_factory(
    CostLineForm, extra=0, max_num=MAX_COST_LINES, absolute_max=MAX_COST_LINES
)
GoalFormSet = forms.formset_factory(GoalForm, extra=0, max_num=MAX_GOALS, absolute_max=MAX_GOALS)


def padded(formset_class, rows: list[dict], data=None, *, prefix: str, minimum: int):
    """A formset with the saved rows and enough empty ones to reach `minimum`, at most max."""
    extra = max(minimum - len(rows), 1)
    count = min(len(rows) + extra, formset_class.max_num)
    formset_class = forms.formset_factory(
        formset_class.form,
        extra=count - len(rows),
        max_num=formset_class.max_num,
        absolute_max=formset_class.absolute_max,
    )
    return formset_class(data, initial=rows or None, prefix=prefix)


class GrantTermsForm(forms.Form):
    amount = MoneyField(label=_("Amount to grant"))
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Needed when you grant less than was asked. The group reads this."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    interim_report_1 = forms.DateField(
        label=_("First interim report due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    interim_report_2 = forms.DateField(
        label=_("Second interim report due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    final_report = forms.DateField(
        label=_("Final report due on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def interim_dates(self) -> list:
        return [
            d
            for d in (self.cleaned_data["interim_report_1"], self.cleaned_data["interim_report_2"])
            if d
        ]

    def terms(self, goals):
        """What the service takes, from this form and the goals formset beside it."""
        from .services import GrantTerms

        data = self.cleaned_data
        return GrantTerms(
            amount=data["amount"],
            goals=[goal.get("description", "") for goal in goals.cleaned_data],
            final_report_due=data["final_report"],
            conditions=data["conditions"],
            interim_reports_due=self.interim_dates(),
            reason=data["reason"],
        )


class RecordGrantForm(GrantTermsForm):
    """A grant for an application that came in on paper."""

    scheme = forms.ModelChoiceField(
        label=_("Scheme"), queryset=SubsidyScheme.objects.none(), empty_label=_("Choose a scheme")
    )
    reason = forms.CharField(
        label=_("Note"),
        help_text=_("For example the date and number of the paper application."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
        required=False,
    )

    field_order = ["scheme"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = SubsidyScheme.objects.order_by("-year", "name")


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you refuse?"),
        help_text=_("In plain words. The group reads this and can object within six weeks."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw? (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class ReportForm(forms.Form):
    """One result and explanation per goal, other outcomes, and the money spent.

    Every field may stay empty in a draft, so none is marked optional: the page says
    what sending needs."""

    hide_optional = True

    other_outcomes = forms.CharField(
        label=_("What did you achieve that was never a goal?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, goals, asks_money_spent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"result_{goal.pk}"] = forms.ChoiceField(
                label=_("How far did you get?"),
                choices=GoalOutcome.Result.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"explanation_{goal.pk}"] = forms.CharField(
                label=_("Explain"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
                required=False,
            )
        if asks_money_spent:
            self.fields["money_spent"] = MoneyField(
                label=_("How much money did you spend?"), required=False
            )

    def goal_fields(self):
        """(goal, result field, explanation field) for the template, one fieldset each."""
        return [
            (goal, self[f"result_{goal.pk}"], self[f"explanation_{goal.pk}"])
            for goal in self.goals
        ]

    def outcomes(self) -> dict:
        from .services import OutcomeData

        return {
            goal.pk: OutcomeData(
                result=self.cleaned_data[f"result_{goal.pk}"],
                explanation=self.cleaned_data[f"explanation_{goal.pk}"],
            )
            for goal in self.goals
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Add an attachment"),
        help_text=_("A PDF or a photo (JPEG, PNG or WebP), at most 5 MB."),
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What do you decide?"),
        choices=ReportReview.Outcome.choices,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the group"),
        help_text=_("Needed unless you accept. Say what and why, in plain words."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    conversation_on = forms.DateField(
        label=_("Proposed date for a conversation"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    new_conditions = forms.CharField(
        label=_("New conditions"),
        help_text=_("Only when you adjust the conditions."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    reclaim_amount = MoneyField(
        label=_("Amount to ask back"),
        help_text=_("Only when you propose to reclaim. Another grant officer decides on it."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == ReportReview.Outcome.CONVERSATION and not data.get("conversation_on"):
            self.add_error("conversation_on", _("Propose a date for the conversation."))
        if outcome == ReportReview.Outcome.CONDITIONS_ADJUSTED and not data.get("new_conditions"):
            self.add_error("new_conditions", _("Write the new conditions."))
        if outcome == ReportReview.Outcome.RECLAIM_PROPOSED and not data.get("reclaim_amount"):
            self.add_error("reclaim_amount", _("Write the amount to ask back."))
        if outcome and outcome != ReportReview.Outcome.ACCEPTED and not data.get("message"):
            self.add_error("message", _("Write a message to the group: what and why."))
        date = data.get("conversation_on")
        if date and date < timezone.localdate():
            self.add_error("conversation_on", _("Choose today or a later date."))
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        help_text=_("For example: whether the date suits you, or what you want to add."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class SettleForm(forms.Form):
    amount = MoneyField(label=_("Final amount"))
    reason = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class ReclaimDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Do you approve asking this money back?"),
        choices=[("yes", _("Yes, ask the money back")), ("no", _("No, do not ask it back"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Needed when you do not approve."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )
