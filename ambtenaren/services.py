"""Every write about civil servants lending their expertise."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from herinneringen.services import reminder_schedule, reminders_cancel
from initiatieven.models import Initiative, Membership
from initiatieven.services import (
    initiative_activate,
    initiative_mark_first_response,
    initiative_note_advisors,
    initiatives_note_advisor_counts,
)

from . import permissions
from .models import AdvisorProfile, Advisorship, Contact, Response


def _require(allowed: bool) -> None:
    """Services ask the views' predicates again; a refusal is PermissionDenied (ADR 7)."""
    if not allowed:
        raise PermissionDenied


def committed_hours(profile: AdvisorProfile, *, excluding: Advisorship | None = None) -> int:
    open_ones = profile.advisorships.filter(status__in=Advisorship.OPEN_STATUSES)
    if excluding is not None:
        open_ones = open_ones.exclude(pk=excluding.pk)
    return open_ones.aggregate(total=Sum("hours_per_month"))["total"] or 0


def free_hours(profile: AdvisorProfile) -> int:
    return max(profile.hours_per_month - committed_hours(profile), 0)


@transaction.atomic
def profile_save(
    *,
    user: User,
    expertise_areas,
    hours_per_month: int,
    neighbourhoods,
    introduction: str = "",
    is_available: bool = True,
) -> AdvisorProfile:
    _require(permissions.can_keep_profile(user))
    profile, _created = AdvisorProfile.objects.select_for_update().get_or_create(user=user)
    committed = committed_hours(profile)
    if hours_per_month < committed:
        raise ValidationError(
            _(
                "You already lend %(hours)s hours a month. Choose at least that many, or end an advisorship first."
            )
            % {"hours": committed}
        )
    profile.hours_per_month = hours_per_month
    profile.introduction = introduction.strip()
    profile.is_available = is_available
    profile.save()
    profile.expertise_areas.set(expertise_areas)
    profile.neighbourhoods.set(neighbourhoods)
    return profile


def _notify_leads(initiative: Initiative, *, kind: str, key: str, params: dict) -> None:
    """Through the outbox, in each lead's language, when the change is committed."""
    leads = [
        m.user
        for m in initiative.memberships.filter(role=Membership.Role.LEAD).select_related("user")
    ]
    reminder_schedule(
        kind=kind,
        recipients=leads,
        key=key,
        params={"initiative": initiative.title, **params},
        url=initiative.get_absolute_url(),
    )


def _notify_advisor(advisorship: Advisorship, reason: str = "") -> None:
    """The civil servant who is asked hears it, and is reminded while it waits."""
    reminder_schedule(
        kind="advisorship_proposed",
        recipients=[advisorship.advisor.user],
        key=f"advisorship_proposed:{advisorship.pk}",
        params={"initiative": advisorship.initiative.title, "reason": reason},
        url=reverse("ambtenaren:advisorship", args=[advisorship.pk]),
    )


@transaction.atomic
def response_send(*, initiative: Initiative, author: User, message: str) -> Response:
    """A civil servant answers an initiative; the first answer sets `first_response_at`."""
    _require(permissions.can_answer_initiative(author))
    message = message.strip()
    if not message:
        raise ValidationError(_("Write a message."))
    response = Response.objects.create(initiative=initiative, author=author, message=message)
    initiative_mark_first_response(initiative=initiative, at=response.created_at)
    _notify_leads(
        initiative,
        kind="municipality_answered",
        key=f"municipality_answered:{response.pk}",
        params={"text": f"{message}\n\n— {author.first_name}"},
    )
    return response


def _check_can_take_place(initiative: Initiative, profile: AdvisorProfile) -> None:
    if initiative.status not in (Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE):
        raise ValidationError(_("This initiative is not open for advice."))
    if initiative.is_hidden:
        raise ValidationError(_("This initiative is hidden."))
    if Membership.objects.filter(initiative=initiative, user=profile.user_id).exists():
        raise ValidationError(_("You cannot advise an initiative you are a member of."))
    open_ones = initiative.advisorships.filter(status__in=Advisorship.OPEN_STATUSES)
    if open_ones.filter(advisor=profile).exists():
        raise ValidationError(_("This civil servant already advises this initiative."))
    if open_ones.count() >= initiative.max_advisors:
        raise ValidationError(
            _("This initiative already has the most advisors it can have (%(max)s).")
            % {"max": initiative.max_advisors}
        )


def _check_hours(profile: AdvisorProfile, hours: int, excluding=None) -> None:
    if hours < 1:
        raise ValidationError(_("Choose at least 1 hour a month."))
    free = profile.hours_per_month - committed_hours(profile, excluding=excluding)
    if hours > free:
        raise ValidationError(
            _("You do not have enough free hours. You have %(free)s hours a month left.")
            % {"free": max(free, 0)}
        )


def _lock(initiative: Initiative, profile: AdvisorProfile):
    """Lock in a fixed order (initiative, then profile) so two claims cannot both win."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    profile = AdvisorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    return initiative, profile


@transaction.atomic
def advisorship_claim(
    *, initiative: Initiative, advisor: AdvisorProfile, hours: int, no_conflict: bool, actor: User
) -> Advisorship:
    """A civil servant offers to advise; the initiative accepts or declines."""
    _require(permissions.can_claim(actor, advisor))
    if not no_conflict:
        raise ValidationError(_("Declare that you have no conflict of interest."))
    initiative, advisor = _lock(initiative, advisor)
    _check_can_take_place(initiative, advisor)
    _check_hours(advisor, hours)
    advisorship = Advisorship.objects.create(
        initiative=initiative,
        advisor=advisor,
        proposed_by=Advisorship.ProposedBy.ADVISOR,
        hours_per_month=hours,
        no_conflict_declared=True,
    )
    initiative_count_advisors(initiative)
    initiative_mark_first_response(initiative=initiative, at=advisorship.created_at)
    audit_record(
        subject=advisorship,
        action="advisorship.claimed",
        actor=actor,
        after={"status": advisorship.status, "hours_per_month": hours},
    )
    _notify_leads(
        initiative,
        kind="advisor_offered",
        key=f"advisor_offered:{advisorship.pk}",
        params={"name": actor.first_name},
    )
    return advisorship


@transaction.atomic
def advisorship_request(
    *,
    initiative: Initiative,
    advisor: AdvisorProfile,
    actor: User,
    hours: int = 2,
    reason: str = "",
) -> Advisorship:
    """A lead asks a civil servant to advise; the civil servant accepts or declines."""
    _require(permissions.can_ask_advisor(actor, initiative))
    initiative, advisor = _lock(initiative, advisor)
    if not advisor.is_available:
        raise ValidationError(_("This civil servant is not available now."))
    _check_can_take_place(initiative, advisor)
    advisorship = Advisorship.objects.create(
        initiative=initiative,
        advisor=advisor,
        proposed_by=Advisorship.ProposedBy.INITIATIVE,
        hours_per_month=hours,
        reason=reason.strip(),
    )
    initiative_count_advisors(initiative)
    audit_record(
        subject=advisorship,
        action="advisorship.requested",
        actor=actor,
        reason=reason.strip(),
        after={"status": advisorship.status},
    )
    _notify_advisor(advisorship, reason.strip())
    return advisorship


@transaction.atomic
def advisorship_propose(
    *,
    initiative: Initiative,
    advisor: AdvisorProfile,
    actor: User,
    hours: int = 2,
    reason: str = "",
) -> Advisorship:
    """A coordinator proposes a civil servant; the civil servant accepts or declines."""
    _require(permissions.can_propose_advisor(actor))
    initiative, advisor = _lock(initiative, advisor)
    _check_can_take_place(initiative, advisor)
    advisorship = Advisorship.objects.create(
        initiative=initiative,
        advisor=advisor,
        proposed_by=Advisorship.ProposedBy.COORDINATOR,
        hours_per_month=hours,
        reason=reason.strip(),
    )
    initiative_count_advisors(initiative)
    initiative_mark_first_response(initiative=initiative, at=advisorship.created_at)
    audit_record(
        subject=advisorship,
        action="advisorship.proposed",
        actor=actor,
        reason=reason.strip(),
        after={"status": advisorship.status},
    )
    _notify_advisor(advisorship, reason.strip())
    _notify_leads(
        initiative,
        kind="advisor_proposed_by_municipality",
        key=f"advisor_proposed_by_municipality:{advisorship.pk}",
        params={"name": advisor.user.first_name, "reason": reason.strip()},
    )
    return advisorship


@transaction.atomic
def advisorship_accept(
    *, advisorship: Advisorship, actor: User, hours: int | None = None, no_conflict: bool = False
) -> Advisorship:
    """The other side accepts. A civil servant accepting states hours and declares no conflict."""
    advisorship = Advisorship.objects.select_for_update().get(pk=advisorship.pk)
    if advisorship.status != Advisorship.Status.PROPOSED:
        raise ValidationError(_("This advisorship is no longer waiting for an answer."))
    before = {"status": advisorship.status, "hours_per_month": advisorship.hours_per_month}
    _require(permissions.can_accept(actor, advisorship))
    if permissions.waits_for_advisor(advisorship):
        profile = AdvisorProfile.objects.select_for_update().get(pk=advisorship.advisor_id)
        if not no_conflict:
            raise ValidationError(_("Declare that you have no conflict of interest."))
        hours = hours or advisorship.hours_per_month
        _check_hours(profile, hours, excluding=advisorship)
        advisorship.hours_per_month = hours
        advisorship.no_conflict_declared = True
    advisorship.status = Advisorship.Status.ACTIVE
    advisorship.accepted_at = timezone.now()
    advisorship.save()
    # A civil servant saying yes to the initiative's request is the municipality's answer.
    initiative_mark_first_response(initiative=advisorship.initiative, at=advisorship.accepted_at)
    initiative_activate(initiative=advisorship.initiative)
    audit_record(
        subject=advisorship,
        action="advisorship.accepted",
        actor=actor,
        before=before,
        after={"status": advisorship.status, "hours_per_month": advisorship.hours_per_month},
    )
    return advisorship


@transaction.atomic
def advisorship_end(
    *, advisorship: Advisorship, actor: User, status: str, reason: str = ""
) -> Advisorship:
    """Decline a proposal, or end an advisorship as completed or released. Frees the hours."""
    # The initiative first, as claiming and closing lock it: its advisor count changes.
    initiative = Initiative.objects.select_for_update().get(pk=advisorship.initiative_id)
    advisorship = (
        Advisorship.objects.select_for_update().select_related("advisor").get(pk=advisorship.pk)
    )
    if status not in (Advisorship.Status.COMPLETED, Advisorship.Status.RELEASED):
        raise ValidationError(_("Choose completed or released."))
    if advisorship.status not in Advisorship.OPEN_STATUSES:
        raise ValidationError(_("This advisorship has already ended."))
    if status == Advisorship.Status.COMPLETED and advisorship.status != Advisorship.Status.ACTIVE:
        raise ValidationError(_("Only an active advisorship can be completed."))
    _require(permissions.can_end(actor, advisorship))
    before = {"status": advisorship.status}
    advisorship.status = status
    advisorship.ended_at = timezone.now()
    advisorship.reason = reason.strip() or advisorship.reason
    advisorship.save(update_fields=["status", "ended_at", "reason"])
    initiative_count_advisors(initiative)
    audit_record(
        subject=advisorship,
        action=f"advisorship.{status}",
        actor=actor,
        reason=reason.strip(),
        before=before,
        after={"status": status},
    )
    return advisorship


@transaction.atomic
def advisorships_end_for_closed(*, initiative: Initiative, actor: User) -> int:
    """The initiative closed: its active advice is completed, a proposal is released,
    the hours come free, and each advisor hears it through the outbox."""
    ended = 0
    open_advice = (
        Advisorship.objects.select_for_update(of=("self",))
        .filter(initiative=initiative, status__in=Advisorship.OPEN_STATUSES)
        .select_related("advisor__user")
    )
    now = timezone.now()
    for advisorship in open_advice:
        before = {"status": advisorship.status}
        advisorship.status = (
            Advisorship.Status.COMPLETED
            if advisorship.status == Advisorship.Status.ACTIVE
            else Advisorship.Status.RELEASED
        )
        advisorship.ended_at = now
        advisorship.save(update_fields=["status", "ended_at"])
        audit_record(
            subject=advisorship,
            action=f"advisorship.{advisorship.status}",
            actor=actor,
            reason="initiative closed",
            before=before,
            after={"status": advisorship.status},
        )
        reminders_cancel(kind="advisorship_waiting", subject_id=advisorship.pk)
        reminder_schedule(
            kind="advisorship_initiative_closed",
            recipients=[advisorship.advisor.user],
            key=f"advisorship_initiative_closed:{advisorship.pk}",
            params={"initiative": initiative.title},
            url=initiative.get_absolute_url(),
        )
        ended += 1
    initiative_count_advisors(initiative)
    return ended


def initiative_count_advisors(initiative: Initiative) -> None:
    """Tell the (locked) initiative how many advisorships it has open: matching reads it."""
    initiative_note_advisors(
        initiative=initiative,
        count=Advisorship.objects.filter(
            initiative=initiative, status__in=Advisorship.OPEN_STATUSES
        ).count(),
    )


def initiatives_count_advisors() -> None:
    """Count every initiative's open advisorships at once: for data loaded without the
    services (the demo, the benchmarks)."""
    initiatives_note_advisor_counts(
        dict(
            Advisorship.objects.filter(status__in=Advisorship.OPEN_STATUSES)
            .values("initiative_id")
            .annotate(n=Count("pk"))
            .values_list("initiative_id", "n")
        )
    )


@transaction.atomic
def contact_log(
    *,
    advisorship: Advisorship,
    actor: User,
    date,
    channel: str,
    topic: str,
    next_step: str = "",
    follow_up_on=None,
) -> Contact:
    if advisorship.status != Advisorship.Status.ACTIVE:
        raise ValidationError(_("You can only log contacts for an active advisorship."))
    _require(permissions.can_log_contact(actor, advisorship))
    if date > timezone.localdate():
        raise ValidationError(_("The date of a contact cannot be in the future."))
    if follow_up_on is not None and follow_up_on < date:
        raise ValidationError(_("The follow-up date must come after the contact."))
    return Contact.objects.create(
        advisorship=advisorship,
        date=date,
        channel=channel,
        topic=topic.strip(),
        next_step=next_step.strip(),
        follow_up_on=follow_up_on,
    )
