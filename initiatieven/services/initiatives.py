"""Every write about an initiative itself: register, change, submit, close, moderate."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from basisgegevens.workdays import working_days_between
from herinneringen.services import reminder_schedule, reminders_cancel
from marktplein.mail import single_line

from ..models import (
    Initiative,
    Membership,
    Need,
)
from .common import _locked


@transaction.atomic
def initiative_create(
    *,
    author: User,
    title: str,
    summary: str,
    neighbourhood,
    themes,
    organisation: str = Initiative.Organisation.INFORMAL_GROUP,
    organisation_name: str = "",
    token: uuid.UUID | None = None,
) -> Initiative:
    """Start a draft with its author as lead and contact person.

    The same form token twice (a double click, a resent form) gives the same
    initiative back instead of a second one.
    """
    if token is not None:
        existing = Initiative.objects.filter(creation_token=token, created_by=author).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            initiative = Initiative.objects.create(
                title=single_line(title),
                summary=summary.strip(),
                neighbourhood=neighbourhood,
                organisation=organisation,
                organisation_name=single_line(organisation_name),
                created_by=author,
                creation_token=token,
                language=author.language,
            )
    except IntegrityError:
        existing = Initiative.objects.filter(creation_token=token, created_by=author).first()
        if existing is None:
            raise
        return existing
    initiative.themes.set(themes)
    Membership.objects.create(
        initiative=initiative, user=author, role=Membership.Role.LEAD, is_contact=True
    )
    return initiative


@transaction.atomic
def initiative_change(*, initiative: Initiative, actor: User, **fields) -> Initiative:
    initiative = _locked(initiative)
    themes = fields.pop("themes", None)
    for name in ("title", "organisation_name"):
        if name in fields:
            fields[name] = single_line(fields[name])
    for name, value in fields.items():
        setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    initiative.save()
    if themes is not None:
        initiative.themes.set(themes)
    return initiative


def initiative_note_advisors(*, initiative: Initiative, count: int) -> None:
    """ambtenaren says how many advisorships of the initiative are open (proposed or
    active), with the initiative locked: matching reads it there (`advisor_count`)."""
    initiative.advisor_count = count
    Initiative.objects.filter(pk=initiative.pk).update(advisor_count=count)


@transaction.atomic
def initiatives_note_advisor_counts(counts: dict[int, int]) -> None:
    """The same for every initiative at once (the others have none): for data loaded
    without the services."""
    Initiative.objects.exclude(advisor_count=0).exclude(pk__in=list(counts)).update(
        advisor_count=0
    )
    Initiative.objects.bulk_update(
        [Initiative(pk=pk, advisor_count=count) for pk, count in counts.items()],
        ["advisor_count"],
        batch_size=2000,
    )


@transaction.atomic
def initiative_submit(*, initiative: Initiative, actor: User) -> Initiative:
    initiative = _locked(initiative)
    if initiative.status != Initiative.Status.DRAFT:
        raise ValidationError(_("This initiative has already been submitted."))
    if not initiative.needs.exclude(status=Need.Status.WITHDRAWN).exists():
        raise ValidationError(_("Say what you need first. Add at least one need, then submit."))
    initiative.status = Initiative.Status.SUBMITTED
    initiative.submitted_at = timezone.now()
    initiative.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        subject=initiative,
        action="initiative.submitted",
        actor=actor,
        before={"status": Initiative.Status.DRAFT},
        after={"status": initiative.status},
    )
    return initiative


@transaction.atomic
def initiative_close(
    *, initiative: Initiative, actor: User, status: str, reason: str = ""
) -> Initiative:
    """A lead marks the initiative completed or stopped, with what they want to share
    (shown on its page). Its open advice ends with it: the advisors' hours come free and
    each advisor is told (`ambtenaren.services.advisorships_end_for_closed`)."""
    from ambtenaren.services import advisorships_end_for_closed

    if status not in (Initiative.Status.COMPLETED, Initiative.Status.STOPPED):
        raise ValidationError(_("Choose completed or stopped."))
    initiative = _locked(initiative)
    if initiative.status not in (Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE):
        raise ValidationError(_("Only a submitted or active initiative can be closed."))
    before = {"status": initiative.status}
    initiative.status = status
    initiative.closing_note = reason.strip()
    initiative.save(update_fields=["status", "closing_note", "updated_at"])
    audit_record(
        subject=initiative,
        action=f"initiative.{status}",
        actor=actor,
        reason=reason.strip(),
        before=before,
        after={"status": status},
    )
    advisorships_end_for_closed(initiative=initiative, actor=actor)
    return initiative


@transaction.atomic
def initiative_set_stage(*, initiative: Initiative, actor: User, stage: str) -> Initiative:
    if stage not in Initiative.Stage.values:
        raise ValidationError(_("This stage does not exist."))
    initiative = _locked(initiative)
    initiative.stage = stage
    initiative.save(update_fields=["stage", "updated_at"])
    return initiative


@transaction.atomic
def initiative_hide(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    """A moderator hides an initiative; its members see the reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why you hide this initiative. The members see it."))
    initiative = _locked(initiative)
    if initiative.is_hidden:
        raise ValidationError(_("This initiative is already hidden."))
    initiative.is_hidden = True
    initiative.hidden_reason = reason
    initiative.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    audit_record(
        subject=initiative,
        action="initiative.hidden",
        actor=actor,
        reason=reason,
        before={"hidden": False},
        after={"hidden": True},
    )
    _tell_members(initiative, kind="initiative_hidden", reason=reason)
    return initiative


@transaction.atomic
def initiative_unhide(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why you show this initiative again."))
    initiative = _locked(initiative)
    if not initiative.is_hidden:
        raise ValidationError(_("This initiative is not hidden."))
    before_reason = initiative.hidden_reason
    initiative.is_hidden = False
    initiative.hidden_reason = ""
    initiative.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    audit_record(
        subject=initiative,
        action="initiative.unhidden",
        actor=actor,
        reason=reason,
        before={"hidden": True, "hidden_reason": before_reason},
        after={"hidden": False},
    )
    _tell_members(initiative, kind="initiative_unhidden", reason=reason)
    return initiative


def _tell_members(initiative: Initiative, *, kind: str, reason: str) -> None:
    """Moderation concerns the whole group: every member hears it, with the reason."""
    members = [membership.user for membership in initiative.memberships.select_related("user")]
    reminder_schedule(
        kind=kind,
        recipients=members,
        key=f"{kind}:{initiative.pk}:{timezone.now().timestamp()}",
        params={"initiative": initiative.title, "reason": reason},
        url=initiative.get_absolute_url(),
    )


def initiative_mark_first_response(*, initiative: Initiative, at=None) -> bool:
    """Set `first_response_at` once: the first answer of any civil servant counts.

    The working days it took are counted now, so the dashboard takes its medians in
    the database."""
    at = at or timezone.now()
    submitted_at = (
        Initiative.objects.filter(pk=initiative.pk).values_list("submitted_at", flat=True).first()
    )
    updated = Initiative.objects.filter(pk=initiative.pk, first_response_at__isnull=True).update(
        first_response_at=at,
        response_working_days=None
        if submitted_at is None
        else working_days_between(submitted_at, at),
    )
    # The loket's reminders that nobody answered are no longer true.
    reminders_cancel(kind="initiative_unanswered", subject_id=initiative.pk)
    return bool(updated)


def initiative_activate(*, initiative: Initiative) -> None:
    """A submitted initiative with an active advisor is active."""
    Initiative.objects.filter(pk=initiative.pk, status=Initiative.Status.SUBMITTED).update(
        status=Initiative.Status.ACTIVE
    )
