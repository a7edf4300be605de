"""Every write about subsidies, in the order of the Awb: apply, decide, report,
review, settle; reclaiming is a last resort that needs a reason and four eyes.

Every change to money or conditions writes exactly one audit event with who,
why, and the values before and after. A scheme's budget is guarded by locking
the scheme's row: two grant officers granting at once are served one by one.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from initiatieven.models import Initiative, Membership
from marktplein.mail import send_mail_after_commit
from marktplein.money import euros, format_money

from . import permissions
from .attachments import CheckedAttachment, check_attachment
from .models import (
    ZERO,
    Application,
    Attachment,
    CostLine,
    Goal,
    GoalOutcome,
    Grant,
    ProposedGoal,
    Report,
    ReportReview,
    SubsidyScheme,
)
from .selectors import scheme_committed

# How long after a refusal the leads can object (bezwaar), Awb art. 6:7.
OBJECTION_WEEKS = 6
MAX_ATTACHMENTS_PER_REPORT = 10


def _require(allowed: bool) -> None:
    """Services ask the views' predicates again; a refusal is PermissionDenied (ADR 7)."""
    if not allowed:
        raise PermissionDenied


def _money(value) -> str | None:
    """How an amount is written in an audit event: a plain decimal string."""
    return None if value is None else str(euros(value))


def _lead_emails(initiative: Initiative) -> list[str]:
    return list(
        initiative.memberships.filter(role=Membership.Role.LEAD).values_list(
            "user__email", flat=True
        )
    )


def _notify_leads(initiative: Initiative, subject: str, body: str, url: str) -> None:
    send_mail_after_commit(
        subject=subject,
        body=f"{body}\n\n{_('Read more on Marktplein:')} {url}",
        recipients=_lead_emails(initiative),
    )


# Schemes ------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeData:
    name: str
    year: int
    budget: Decimal
    rules: str
    max_amount: Decimal
    is_open: bool
    decision_weeks: int
    direct_settlement_threshold: Decimal


def _scheme_values(scheme: SubsidyScheme) -> dict:
    return {
        "name": scheme.name,
        "year": scheme.year,
        "budget": _money(scheme.budget),
        "max_amount": _money(scheme.max_amount),
        "is_open": scheme.is_open,
        "decision_weeks": scheme.decision_weeks,
        "direct_settlement_threshold": _money(scheme.direct_settlement_threshold),
        "rules": scheme.rules,
    }


@transaction.atomic
def scheme_save(
    *, data: SchemeData, actor: User, scheme: SubsidyScheme | None = None
) -> SubsidyScheme:
    """Create or change a scheme. Its budget never drops below what its grants commit."""
    _require(permissions.can_keep_schemes(actor))
    if data.max_amount <= 0:
        raise ValidationError(_("The largest amount must be more than zero."))
    if data.budget < 0 or data.direct_settlement_threshold < 0:
        raise ValidationError(_("An amount cannot be below zero."))
    if not 1 <= data.decision_weeks <= 52:
        raise ValidationError(_("The decision term is between 1 and 52 weeks."))
    before: dict = {}
    if scheme is None:
        scheme = SubsidyScheme()
    else:
        scheme = SubsidyScheme.objects.select_for_update(of=("self",)).get(pk=scheme.pk)
        before = _scheme_values(scheme)
        committed = scheme_committed(scheme)
        if data.budget < committed:
            raise ValidationError(
                _(
                    "The grants of this scheme already commit %(committed)s. The budget cannot be lower."
                )
                % {"committed": format_money(committed)}
            )
    for field, value in data.__dict__.items():
        setattr(scheme, field, value.strip() if isinstance(value, str) else value)
    if (
        SubsidyScheme.objects.filter(name=scheme.name, year=scheme.year)
        .exclude(pk=scheme.pk)
        .exists()
    ):
        raise ValidationError(_("There is already a scheme with this name in this year."))
    scheme.save()
    after = _scheme_values(scheme)
    changed_before = {k: v for k, v in before.items() if after[k] != v}
    changed_after = {k: after[k] for k in changed_before} if before else after
    if before and not changed_before:
        return scheme
    audit_record(
        subject=scheme,
        action="scheme.changed" if before else "scheme.created",
        actor=actor,
        before=changed_before,
        after=changed_after,
    )
    return scheme


# Applications -------------------------------------------------------------


@dataclass(frozen=True)
class CostLineData:
    description: str
    amount: Decimal


@transaction.atomic
def application_save(
    *,
    initiative: Initiative,
    actor: User,
    scheme: SubsidyScheme,
    amount: Decimal,
    own_contribution: str,
    own_money: Decimal,
    cost_lines: Sequence[CostLineData],
    goals: Sequence[str],
    application: Application | None = None,
    token: UUID | None = None,
) -> Application:
    """Save a draft; nothing is checked against the scheme's rules until it is submitted."""
    if application is None:
        _require(permissions.can_apply(actor, initiative))
        if token is not None:
            existing = Application.objects.filter(creation_token=token).first()
            if existing is not None:
                if existing.initiative_id != initiative.pk:
                    raise PermissionDenied
                return existing
        application = Application(initiative=initiative, created_by=actor, creation_token=token)
    else:
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        _require(permissions.can_edit_application(actor, application))
    if amount <= 0:
        raise ValidationError(_("Ask for an amount of more than zero."))
    if own_money < 0:
        raise ValidationError(_("Your own money cannot be below zero."))
    if not scheme.is_open and scheme.pk != application.scheme_id:
        raise ValidationError(_("This scheme is closed. Choose an open scheme."))
    application.scheme = scheme
    application.amount = euros(amount)
    application.own_contribution = own_contribution.strip()
    application.own_money = euros(own_money)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two tabs posted the same new form at once: the other one made the draft.
        return Application.objects.get(creation_token=token)
    application.cost_lines.all().delete()
    CostLine.objects.bulk_create(
        CostLine(
            application=application,
            description=line.description.strip(),
            amount=euros(line.amount),
            position=i,
        )
        for i, line in enumerate(cost_lines)
    )
    application.proposed_goals.all().delete()
    ProposedGoal.objects.bulk_create(
        ProposedGoal(application=application, description=goal.strip(), position=i)
        for i, goal in enumerate(goals)
        if goal.strip()
    )
    return application


def application_problems(application: Application) -> list[str]:
    """What still stands between a draft and submitting it, in plain words."""
    problems = []
    scheme = application.scheme
    if not scheme.is_open:
        problems.append(_("This scheme is closed. Choose an open scheme."))
    if application.amount > scheme.max_amount:
        problems.append(
            _("You can ask at most %(max)s under this scheme.")
            % {"max": format_money(scheme.max_amount)}
        )
    lines = list(application.cost_lines.all())
    if not lines:
        problems.append(_("Add at least one cost line to your budget."))
    else:
        total = sum((line.amount for line in lines), ZERO)
        if total != application.amount:
            problems.append(
                _(
                    "Your cost lines add up to %(total)s, but you ask %(amount)s. Make them the same."
                )
                % {"total": format_money(total), "amount": format_money(application.amount)}
            )
    if not list(application.proposed_goals.all()):
        problems.append(_("Write at least one goal."))
    if not application.own_contribution.strip():
        problems.append(_("Say what your group adds itself."))
    initiative = application.initiative
    if initiative.organisation == Initiative.Organisation.INFORMAL_GROUP and not any(
        m.is_treasurer for m in initiative.memberships.all()
    ):
        problems.append(
            _(
                "Your group has no legal entity. Name a treasurer (penvoerder) first: "
                "the member who receives the money for the group."
            )
        )
    return problems


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("scheme", "initiative")
        .get(pk=application.pk)
    )
    _require(permissions.can_edit_application(actor, application))
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems)
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    audit_record(
        subject=application,
        action="application.submitted",
        actor=actor,
        before={"status": Application.Status.DRAFT},
        after={
            "status": application.status,
            "amount": _money(application.amount),
            "scheme": str(application.scheme),
        },
    )
    return application


@transaction.atomic
def application_withdraw(
    *, application: Application, actor: User, reason: str = ""
) -> Application:
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    _require(permissions.can_withdraw_application(actor, application))
    before = application.status
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    audit_record(
        subject=application,
        action="application.withdrawn",
        actor=actor,
        reason=reason.strip(),
        before={"status": before},
        after={"status": application.status},
    )
    return application


# Granting -----------------------------------------------------------------


@dataclass(frozen=True)
class GrantTerms:
    """What a grant officer decides when granting."""

    amount: Decimal
    goals: Sequence[str]
    final_report_due: datetime.date
    conditions: str = ""
    interim_reports_due: Sequence[datetime.date] = ()
    reason: str = ""


def _check_terms(terms: GrantTerms, scheme: SubsidyScheme) -> list[str]:
    goals = [goal.strip() for goal in terms.goals if goal.strip()]
    if terms.amount <= 0:
        raise ValidationError(_("Grant an amount of more than zero."))
    if terms.amount > scheme.max_amount:
        raise ValidationError(
            _("This scheme grants at most %(max)s per application.")
            % {"max": format_money(scheme.max_amount)}
        )
    if not goals:
        raise ValidationError(_("Agree at least one goal."))
    today = timezone.localdate()
    if terms.final_report_due <= today:
        raise ValidationError(_("The final report is due on a date after today."))
    for due in terms.interim_reports_due:
        if not today < due < terms.final_report_due:
            raise ValidationError(
                _("An interim report is due after today and before the final report.")
            )
    return goals


def _check_budget(scheme: SubsidyScheme, amount: Decimal) -> None:
    """Call with the scheme's row locked: what is committed cannot change meanwhile."""
    remaining = scheme.budget - scheme_committed(scheme)
    if amount > remaining:
        raise ValidationError(
            _(
                "This scheme's budget has %(remaining)s left. Grant at most that, or choose another scheme."
            )
            % {"remaining": format_money(max(remaining, ZERO))}
        )


def _create_grant(
    *,
    initiative: Initiative,
    scheme: SubsidyScheme,
    terms: GrantTerms,
    goals: list[str],
    actor: User,
    application: Application | None,
) -> Grant:
    now = timezone.now()
    amount = euros(terms.amount)
    direct = amount <= scheme.direct_settlement_threshold
    grant = Grant.objects.create(
        initiative=initiative,
        scheme=scheme,
        application=application,
        amount=amount,
        conditions=terms.conditions.strip(),
        granted_at=now,
        granted_by=actor,
        is_directly_settled=direct,
        status=Grant.Status.SETTLED if direct else Grant.Status.GRANTED,
        settled_amount=amount if direct else None,
        settled_at=now if direct else None,
    )
    Goal.objects.bulk_create(
        Goal(grant=grant, description=text, position=i) for i, text in enumerate(goals)
    )
    Report.objects.bulk_create(
        [
            Report(grant=grant, kind=Report.Kind.INTERIM, due_on=due)
            for due in sorted(set(terms.interim_reports_due))
        ]
        + [Report(grant=grant, kind=Report.Kind.FINAL, due_on=terms.final_report_due)]
    )
    return grant


def _grant_values(grant: Grant, goals: list[str], terms: GrantTerms) -> dict:
    values = {
        "status": grant.status,
        "amount": _money(grant.amount),
        "conditions": grant.conditions,
        "goals": goals,
        "final_report_due": terms.final_report_due.isoformat(),
    }
    if terms.interim_reports_due:
        values["interim_reports_due"] = [d.isoformat() for d in sorted(terms.interim_reports_due)]
    if grant.is_directly_settled:
        values["settled_amount"] = _money(grant.settled_amount)
    return values


@transaction.atomic
def application_grant(*, application: Application, terms: GrantTerms, actor: User) -> Grant:
    """Grant an application, possibly another amount; a lower amount needs a reason."""
    scheme = SubsidyScheme.objects.select_for_update(of=("self",)).get(pk=application.scheme_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=application.pk)
    )
    _require(permissions.can_decide(actor, application))
    goals = _check_terms(terms, scheme)
    if terms.amount < application.amount and not terms.reason.strip():
        raise ValidationError(
            _("You grant less than was asked. Say why, in plain words, for the group.")
        )
    _check_budget(scheme, terms.amount)
    grant = _create_grant(
        initiative=application.initiative,
        scheme=scheme,
        terms=terms,
        goals=goals,
        actor=actor,
        application=application,
    )
    application.status = Application.Status.GRANTED
    application.decided_at = grant.granted_at
    application.decided_by = actor
    application.decision_reason = terms.reason.strip()
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    audit_record(
        subject=grant,
        action="grant.granted",
        actor=actor,
        reason=terms.reason.strip(),
        before={"status": Application.Status.SUBMITTED, "amount": _money(application.amount)},
        after=_grant_values(grant, goals, terms),
    )
    _notify_leads(
        application.initiative,
        _("Your application for %(scheme)s is granted") % {"scheme": scheme},
        _("The municipality grants %(amount)s to %(initiative)s.")
        % {"amount": format_money(grant.amount), "initiative": application.initiative}
        + (f"\n\n{terms.reason.strip()}" if terms.reason.strip() else ""),
        grant.get_absolute_url(),
    )
    return grant


@transaction.atomic
def application_refuse(*, application: Application, reason: str, actor: User) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("initiative", "scheme")
        .get(pk=application.pk)
    )
    _require(permissions.can_decide(actor, application))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why you refuse, in plain words, for the group."))
    now = timezone.now()
    application.status = Application.Status.REFUSED
    application.decided_at = now
    application.decided_by = actor
    application.decision_reason = reason
    application.objection_until = timezone.localdate(now) + datetime.timedelta(
        weeks=OBJECTION_WEEKS
    )
    application.save(
        update_fields=["status", "decided_at", "decided_by", "decision_reason", "objection_until"]
    )
    audit_record(
        subject=application,
        action="application.refused",
        actor=actor,
        reason=reason,
        before={"status": Application.Status.SUBMITTED, "amount": _money(application.amount)},
        after={"status": application.status},
    )
    _notify_leads(
        application.initiative,
        _("Your application for %(scheme)s is refused") % {"scheme": application.scheme},
        reason
        + "\n\n"
        + _("Do you disagree? You can object (bezwaar) until %(date)s.")
        % {"date": application.objection_until.strftime("%d-%m-%Y")},
        application.get_absolute_url(),
    )
    return application


@transaction.atomic
def grant_record(
    *, initiative: Initiative, scheme: SubsidyScheme, terms: GrantTerms, actor: User
) -> Grant:
    """A grant for an application that came in on paper."""
    _require(permissions.can_record_grant(actor, initiative))
    scheme = SubsidyScheme.objects.select_for_update(of=("self",)).get(pk=scheme.pk)
    goals = _check_terms(terms, scheme)
    _check_budget(scheme, terms.amount)
    grant = _create_grant(
        initiative=initiative,
        scheme=scheme,
        terms=terms,
        goals=goals,
        actor=actor,
        application=None,
    )
    audit_record(
        subject=grant,
        action="grant.recorded",
        actor=actor,
        reason=terms.reason.strip(),
        after=_grant_values(grant, goals, terms),
    )
    _notify_leads(
        initiative,
        _("A grant for %(initiative)s is recorded") % {"initiative": initiative},
        _("The municipality grants %(amount)s to %(initiative)s.")
        % {"amount": format_money(grant.amount), "initiative": initiative},
        grant.get_absolute_url(),
    )
    return grant


# Reports ------------------------------------------------------------------


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


# Reviews ------------------------------------------------------------------


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
    subjects: dict[str, str] = {
        ReportReview.Outcome.ACCEPTED: _("Your report is accepted"),
        ReportReview.Outcome.CONVERSATION: _("The municipality wants to talk about your report"),
        ReportReview.Outcome.CONDITIONS_ADJUSTED: _("The conditions of your grant are adjusted"),
        ReportReview.Outcome.RECLAIM_PROPOSED: _("The municipality proposes to ask money back"),
    }
    body = message or _("Thank you for your report.")
    if conversation_on:
        body += "\n\n" + _("Proposed date: %(date)s") % {
            "date": conversation_on.strftime("%d-%m-%Y")
        }
    _notify_leads(report.grant.initiative, subjects[outcome], body, report.get_absolute_url())
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


# Settling and reclaiming ------------------------------------------------------


def _final_report(grant: Grant) -> Report | None:
    """From the grant's reports (prefetched on its page), the final one."""
    return next((r for r in grant.reports.all() if r.kind == Report.Kind.FINAL), None)


def final_report_accepted(grant: Grant) -> bool:
    final = _final_report(grant)
    return final is not None and final.status == Report.Status.ACCEPTED


def suggested_settlement(grant: Grant) -> Decimal:
    """The amount granted, or what the final report says was spent when that is less."""
    final = _final_report(grant)
    if final is None or final.money_spent is None:
        return grant.amount
    return min(grant.amount, final.money_spent)


@transaction.atomic
def grant_settle(
    *, grant: Grant, actor: User, amount: Decimal | None = None, reason: str = ""
) -> Grant:
    """Settle (vaststellen) after the final report is accepted. Less spent is settled, not reclaimed."""
    grant = Grant.objects.select_for_update(of=("self",)).get(pk=grant.pk)
    _require(permissions.can_settle(actor, grant))
    if not final_report_accepted(grant):
        raise ValidationError(_("Accept the final report before you settle the grant."))
    if grant.reclaim_proposed_amount is not None:
        raise ValidationError(
            _("A reclaim is proposed. Another grant officer decides on it first.")
        )
    amount = suggested_settlement(grant) if amount is None else euros(amount)
    if not ZERO <= amount <= grant.amount:
        raise ValidationError(
            _("Settle at most the amount granted: %(amount)s.")
            % {"amount": format_money(grant.amount)}
        )
    before = {"status": grant.status, "amount": _money(grant.amount)}
    grant.status = Grant.Status.SETTLED
    grant.settled_amount = amount
    grant.settled_at = timezone.now()
    grant.save(update_fields=["status", "settled_amount", "settled_at"])
    audit_record(
        subject=grant,
        action="grant.settled",
        actor=actor,
        reason=reason.strip(),
        before=before,
        after={"status": grant.status, "settled_amount": _money(amount)},
    )
    initiative = Initiative.objects.get(pk=grant.initiative_id)
    _notify_leads(
        initiative,
        _("Your grant is settled"),
        _("The final amount of your grant is %(amount)s.") % {"amount": format_money(amount)},
        grant.get_absolute_url(),
    )
    return grant


@transaction.atomic
def grant_reclaim_decide(*, grant: Grant, approve: bool, actor: User, reason: str = "") -> Grant:
    """A second grant officer approves or rejects a proposed reclaim (four eyes)."""
    grant = Grant.objects.select_for_update(of=("self",)).get(pk=grant.pk)
    _require(permissions.can_decide_reclaim(actor, grant))
    reason = reason.strip()
    proposed = grant.reclaim_proposed_amount
    assert proposed is not None  # can_decide_reclaim checked it
    if not approve:
        if not reason:
            raise ValidationError(_("Say why the money is not asked back."))
        grant.reclaim_proposed_amount = None
        grant.reclaim_proposed_by = None
        grant.save(update_fields=["reclaim_proposed_amount", "reclaim_proposed_by"])
        audit_record(
            subject=grant,
            action="grant.reclaim_rejected",
            actor=actor,
            reason=reason,
            before={"reclaim_proposed": _money(proposed)},
            after={"reclaim_proposed": None},
        )
        return grant
    committed = grant.committed
    if proposed > committed:
        raise ValidationError(_("The amount to reclaim is more than the grant."))
    before = {"status": grant.status, "committed": _money(committed)}
    grant.status = Grant.Status.RECLAIMED
    grant.reclaimed_amount = proposed
    grant.settled_amount = committed - proposed
    grant.settled_at = timezone.now()
    grant.reclaim_approved_by = actor
    grant.save(
        update_fields=[
            "status",
            "reclaimed_amount",
            "settled_amount",
            "settled_at",
            "reclaim_approved_by",
        ]
    )
    audit_record(
        subject=grant,
        action="grant.reclaimed",
        actor=actor,
        reason=grant.reclaim_reason + (f"\n\n{reason}" if reason else ""),
        before=before,
        after={
            "status": grant.status,
            "reclaimed_amount": _money(proposed),
            "settled_amount": _money(grant.settled_amount),
        },
    )
    initiative = Initiative.objects.get(pk=grant.initiative_id)
    _notify_leads(
        initiative,
        _("The municipality asks money back"),
        _("The municipality asks %(amount)s back from your grant.")
        % {"amount": format_money(proposed)}
        + f"\n\n{grant.reclaim_reason}\n\n"
        + _("Do you disagree? You can object (bezwaar) within six weeks."),
        grant.get_absolute_url(),
    )
    return grant
