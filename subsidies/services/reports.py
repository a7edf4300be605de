"""Reports (verantwoording): a lead writes one per goal, adds attachments and sends it;
a grant officer reviews it: accept, talk, adjust the conditions, or propose a reclaim."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.services import audit_record
from herinneringen.services import reminder_schedule, reminders_cancel
from marktplein.money import euros, format_money

from .. import permissions
from ..attachments import CheckedAttachment, check_attachment
from ..models import (
    ZERO,
    Attachment,
    GoalOutcome,
    Grant,
    Report,
    ReportReview,
)
from .common import (
    MAX_ATTACHMENTS_PER_REPORT,
    _money,
    _notify_leads,
    _require,
)


@dataclass(frozen=True)
class OutcomeData:
    result: str
    explanation: str


def _lock_report(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("grant__initiative", "grant__scheme")
        .get(pk=report.pk)
    )


@transaction.atomic
def report_save(
    *,
    report: Report,
    actor: User,
    outcomes: dict[int, OutcomeData],
    other_outcomes: str = "",
    money_spent: Decimal | None = None,
) -> Report:
    """Save a draft report; a goal may still be empty."""
    report = _lock_report(report)
    _require(permissions.can_write_report(actor, report))
    goal_ids = set(report.grant.goals.values_list("pk", flat=True))
    if set(outcomes) - goal_ids:
        raise ValidationError(_("This goal does not belong to this grant."))
    if money_spent is not None and money_spent < 0:
        raise ValidationError(_("The money spent cannot be below zero."))
    valid = set(GoalOutcome.Result.values)
    report.outcomes.all().delete()
    rows = []
    for goal_id, outcome in outcomes.items():
        if not outcome.result and not outcome.explanation.strip():
            continue
        if outcome.result and outcome.result not in valid:
            raise ValidationError(_("Choose how far the goal was reached."))
        rows.append(
            GoalOutcome(
                report=report,
                goal_id=goal_id,
                result=outcome.result,
                explanation=outcome.explanation.strip(),
            )
        )
    GoalOutcome.objects.bulk_create(rows)
    report.other_outcomes = other_outcomes.strip()
    report.money_spent = None if money_spent is None else euros(money_spent)
    report.save(update_fields=["other_outcomes", "money_spent"])
    return report


def asks_for_money_spent(report: Report) -> bool:
    """The final report accounts for the money, except for a grant settled at once."""
    return report.kind == Report.Kind.FINAL and not report.grant.is_directly_settled


@transaction.atomic
def report_submit(*, report: Report, actor: User) -> Report:
    report = _lock_report(report)
    _require(permissions.can_write_report(actor, report))
    outcomes = {o.goal_id: o for o in report.outcomes.all()}
    problems = []
    for goal in report.grant.goals.all():
        outcome = outcomes.get(goal.pk)
        if outcome is None or not outcome.result:
            problems.append(_("Say how far this goal was reached: %(goal)s") % {"goal": goal})
        elif not outcome.explanation:
            problems.append(_("Explain the result of this goal: %(goal)s") % {"goal": goal})
    if asks_for_money_spent(report) and report.money_spent is None:
        problems.append(_("Say how much money you spent."))
    if problems:
        raise ValidationError(problems)
    report.status = Report.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    grant = report.grant
    if grant.status == Grant.Status.GRANTED:
        Grant.objects.filter(pk=grant.pk).update(status=Grant.Status.REPORTING)
    after: dict = {"status": report.status, "kind": report.kind}
    if report.money_spent is not None:
        after["money_spent"] = _money(report.money_spent)
    audit_record(subject=report, action="report.submitted", actor=actor, after=after)
    for kind in ("report_due", "report_overdue", "report_overdue_officer"):
        reminders_cancel(kind=kind, subject_id=report.pk)
    officers = [grant.granted_by] if grant.granted_by is not None else []
    if not officers:
        officers = list(User.objects.filter(role_assignments__role=Role.GRANT_OFFICER))
    reminder_schedule(
        kind="report_waiting",
        recipients=officers,
        key=f"report_waiting:{report.pk}:{report.submitted_at.isoformat()}",
        params={"initiative": grant.initiative.title, "report": str(report.get_kind_display())},
        url=report.get_absolute_url(),
        subject_id=report.pk,
    )
    return report


@transaction.atomic
def attachment_add(*, report: Report, actor: User, upload) -> Attachment:
    """A PDF or image, checked by its content, for a report that is still being written."""
    report = _lock_report(report)
    _require(permissions.can_write_report(actor, report))
    if report.attachments.count() >= MAX_ATTACHMENTS_PER_REPORT:
        raise ValidationError(
            _("A report can have at most %(max)s attachments.")
            % {"max": MAX_ATTACHMENTS_PER_REPORT}
        )
    checked: CheckedAttachment = check_attachment(upload)
    attachment = Attachment(
        report=report,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.content.size,
    )
    attachment.file.save(checked.content.name, checked.content, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: User) -> None:
    report = _lock_report(attachment.report)
    _require(permissions.can_write_report(actor, report))
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


@dataclass(frozen=True)
class ReviewData:
    outcome: str
    message: str
    conversation_on: datetime.date | None = None
    new_conditions: str = ""
    reclaim_amount: Decimal | None = None


@transaction.atomic
def report_review(*, report: Report, review: ReviewData, actor: User) -> ReportReview:
    """Accept, talk, adjust the conditions, or propose to reclaim (with a written reason).

    A goal that was not achieved never leads to a reclaim by itself: only a grant
    officer proposes one, and another grant officer decides on it.
    """
    report = _lock_report(report)
    _require(permissions.can_review(actor, report))
    grant = Grant.objects.select_for_update(of=("self",)).get(pk=report.grant_id)
    message = review.message.strip()
    outcome = review.outcome
    if outcome not in ReportReview.Outcome.values:
        raise ValidationError(_("Choose what you decide about this report."))
    if outcome != ReportReview.Outcome.ACCEPTED and not message:
        raise ValidationError(_("Write a message to the group: what and why."))
    conversation_on = None
    if outcome == ReportReview.Outcome.CONVERSATION:
        if review.conversation_on is None or review.conversation_on < timezone.localdate():
            raise ValidationError(_("Propose a date for the conversation, today or later."))
        conversation_on = review.conversation_on
    if outcome == ReportReview.Outcome.CONDITIONS_ADJUSTED:
        new_conditions = review.new_conditions.strip()
        if not new_conditions or new_conditions == grant.conditions:
            raise ValidationError(_("Write the new conditions."))
    if outcome == ReportReview.Outcome.RECLAIM_PROPOSED:
        if grant.status == Grant.Status.RECLAIMED or grant.reclaim_proposed_amount is not None:
            raise ValidationError(_("A reclaim for this grant is already proposed or decided."))
        if review.reclaim_amount is None or not ZERO < review.reclaim_amount <= grant.committed:
            raise ValidationError(
                _("Propose an amount to reclaim of more than zero and at most %(max)s.")
                % {"max": format_money(grant.committed)}
            )
    saved = ReportReview.objects.create(
        report=report,
        outcome=outcome,
        message=message,
        conversation_on=conversation_on,
        reviewed_by=actor,
    )
    report.status = (
        Report.Status.CONVERSATION
        if outcome == ReportReview.Outcome.CONVERSATION
        else Report.Status.ACCEPTED
    )
    report.save(update_fields=["status"])
    audit_record(
        subject=report,
        action="report.reviewed",
        actor=actor,
        reason=message,
        after={"outcome": outcome}
        | ({"conversation_on": conversation_on.isoformat()} if conversation_on else {}),
    )
    if outcome == ReportReview.Outcome.CONDITIONS_ADJUSTED:
        before = grant.conditions
        grant.conditions = review.new_conditions.strip()
        grant.save(update_fields=["conditions"])
        audit_record(
            subject=grant,
            action="grant.conditions_adjusted",
            actor=actor,
            reason=message,
            before={"conditions": before},
            after={"conditions": grant.conditions},
        )
    if outcome == ReportReview.Outcome.RECLAIM_PROPOSED:
        grant.reclaim_proposed_amount = euros(review.reclaim_amount)
        grant.reclaim_reason = message
        grant.reclaim_proposed_by = actor
        grant.save(
            update_fields=["reclaim_proposed_amount", "reclaim_reason", "reclaim_proposed_by"]
        )
        audit_record(
            subject=grant,
            action="grant.reclaim_proposed",
            actor=actor,
            reason=message,
            before={"committed": _money(grant.committed)},
            after={"reclaim_proposed": _money(grant.reclaim_proposed_amount)},
        )
    params: dict = {"text": message}
    if outcome == ReportReview.Outcome.CONVERSATION and conversation_on is not None:
        params["conversation_date"] = conversation_on.isoformat()
    if outcome == ReportReview.Outcome.CONDITIONS_ADJUSTED:
        params["conditions"] = grant.conditions
    if outcome == ReportReview.Outcome.RECLAIM_PROPOSED:
        params["reclaim_amount"] = _money(grant.reclaim_proposed_amount)
    kinds: dict[str, str] = {
        ReportReview.Outcome.ACCEPTED: "report_accepted",
        ReportReview.Outcome.CONVERSATION: "conversation_proposed",
        ReportReview.Outcome.CONDITIONS_ADJUSTED: "conditions_adjusted",
        ReportReview.Outcome.RECLAIM_PROPOSED: "reclaim_proposed",
    }
    kind = kinds[outcome]
    _notify_leads(
        report.grant.initiative,
        kind=kind,
        key=f"{kind}:{saved.pk}",
        params=params,
        url=report.get_absolute_url(),
    )
    # The report is reviewed: the reminder that it waits is no longer needed.
    reminders_cancel(kind="report_waiting", subject_id=report.pk)
    return saved


@transaction.atomic
def review_answer(*, review: ReportReview, answer: str, actor: User) -> ReportReview:
    """A lead answers the grant officer's invitation to talk; the report waits for review again."""
    review = (
        ReportReview.objects.select_for_update(of=("self",))
        .select_related("report")
        .get(pk=review.pk)
    )
    report = _lock_report(review.report)
    review.report = report
    _require(permissions.can_answer_review(actor, review))
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Write your answer."))
    review.answer = answer
    review.answered_at = timezone.now()
    review.answered_by = actor
    review.save(update_fields=["answer", "answered_at", "answered_by"])
    report.status = Report.Status.SUBMITTED
    report.save(update_fields=["status"])
    audit_record(subject=report, action="report.answered", actor=actor, after={"answered": True})
    return review
