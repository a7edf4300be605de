"""A grant's history in plain words, from the audit log, for the leads and grant officers."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from audit.models import FORGOTTEN_PERSON
from marktplein.money import format_money

from .models import Application, GoalOutcome, Grant, Report, ReportReview

# What each recorded value is called, and how it reads.
FIELD_LABELS = {
    "amount": _("amount"),
    "settled_amount": _("final amount"),
    "reclaimed_amount": _("asked back"),
    "reclaim_proposed": _("proposed to ask back"),
    "committed": _("amount"),
    "money_spent": _("money spent"),
    "conditions": _("conditions"),
    "status": _("status"),
    "goals": _("goals"),
    "outcome": _("outcome"),
    "conversation_on": _("proposed date"),
    "final_report_due": _("final report due"),
    "interim_reports_due": _("interim reports due"),
    "scheme": _("scheme"),
    "kind": _("kind"),
}
MONEY_FIELDS = {
    "amount",
    "settled_amount",
    "reclaimed_amount",
    "reclaim_proposed",
    "committed",
    "money_spent",
}
CHOICES = {
    **dict(Application.Status.choices),
    **dict(Grant.Status.choices),
    **dict(Report.Kind.choices),
    **dict(ReportReview.Outcome.choices),
    **dict(GoalOutcome.Result.choices),
}
# Report statuses share words with the others; these are what a report's status reads as.
REPORT_STATUS = dict(Report.Status.choices)


@dataclass
class Entry:
    at: datetime
    what: str
    who: str
    why: str
    changes: list[tuple[str, str, str]]


def _show(field: str, value, action: str) -> str:
    if value is None or value == "":
        return "\u2013"
    if field in MONEY_FIELDS:
        return format_money(value)
    if field in ("final_report_due", "conversation_on"):
        return date.fromisoformat(value).strftime("%d-%m-%Y")
    if field == "interim_reports_due":
        return ", ".join(date.fromisoformat(v).strftime("%d-%m-%Y") for v in value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field == "status" and action.startswith("report."):
        return str(REPORT_STATUS.get(value, value))
    return str(CHOICES.get(value, value))


def timeline_entries(events) -> list[Entry]:
    """Each event as what happened, by whom (first name only), why, and what changed."""
    entries = []
    for event in events:
        before, after = event.before or {}, event.after or {}
        changes = [
            (
                str(FIELD_LABELS[field]),
                _show(field, before.get(field), event.action) if field in before else "",
                _show(field, after.get(field), event.action) if field in after else "",
            )
            for field in dict.fromkeys([*before, *after])
            if field in FIELD_LABELS
        ]
        if event.actor is not None:
            who = event.actor.first_name or str(_("someone"))
        elif event.actor_label == FORGOTTEN_PERSON:
            who = str(_("Deleted account"))
        else:
            who = "Marktplein"
        entries.append(
            Entry(
                at=event.created_at,
                what=str(event.action_label),
                who=who,
                why=event.reason,
                changes=changes,
            )
        )
    return entries
