"""Periodic rules: they find what has fallen due and write reminders for it.

Each rule is idempotent (the reminder's key says what it is about, and a key is
written once), so running a rule twice writes nothing new. `STILL_DUE` tells the
dispatcher, per kind, which subjects still need the reminder: when the reason
went away (the report came in, the initiative was answered), it is cancelled,
not sent.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from ambtenaren.models import Advisorship, Contact
from basisgegevens.workdays import working_days_ahead, working_days_back
from initiatieven.models import Initiative, Invitation, Membership
from subsidies.models import Application, Report

from .services import reminder_schedule


def _leads(initiative) -> list[User]:
    return [m.user for m in initiative.memberships.all() if m.role == Membership.Role.LEAD]


def _lead_memberships():
    from django.db.models import Prefetch

    return Prefetch(
        "grant__initiative__memberships",
        queryset=Membership.objects.filter(role=Membership.Role.LEAD).select_related("user"),
    )


def reports_due(today) -> int:
    """Leads: a report due in 14 and in 3 days, and overdue; after 5 working days overdue,
    the grant officer who granted it too."""
    created = 0
    drafts = Report.objects.filter(status=Report.Status.DRAFT).select_related(
        "grant__initiative", "grant__granted_by"
    )
    for report in drafts.filter(
        due_on__gte=today, due_on__lte=today + timedelta(days=14)
    ).prefetch_related(_lead_memberships()):
        days = 3 if report.due_on <= today + timedelta(days=3) else 14
        created += reminder_schedule(
            kind="report_due",
            recipients=_leads(report.grant.initiative),
            key=f"report_due:{report.pk}:{days}",
            params=_report_params(report) | {"days": (report.due_on - today).days},
            url=report.get_absolute_url(),
            subject_id=report.pk,
        )
    for report in drafts.filter(due_on__lt=today).prefetch_related(_lead_memberships()):
        created += reminder_schedule(
            kind="report_overdue",
            recipients=_leads(report.grant.initiative),
            key=f"report_overdue:{report.pk}",
            params=_report_params(report),
            url=report.get_absolute_url(),
            subject_id=report.pk,
        )
    # More than 5 working days overdue.
    long_ago = working_days_back(today, 6)
    for report in drafts.filter(due_on__lte=long_ago, grant__granted_by__isnull=False):
        officer = report.grant.granted_by
        assert officer is not None  # filtered above
        created += reminder_schedule(
            kind="report_overdue_officer",
            recipients=[officer],
            key=f"report_overdue_officer:{report.pk}",
            params=_report_params(report),
            url=report.grant.get_absolute_url(),
            subject_id=report.pk,
        )
    return created


def _report_params(report) -> dict:
    return {
        "initiative": report.grant.initiative.title,
        "report": str(report.get_kind_display()),
        "due_date": report.due_on.isoformat(),
    }


def initiatives_unanswered(today) -> int:
    """Coordinators: an initiative without a first answer past the target, and again at
    twice the target (in working days)."""
    target = settings.MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS
    coordinators = list(
        User.objects.filter(role_assignments__role=Role.COORDINATOR, is_active=True)
    )
    if not coordinators:
        return 0
    created = 0
    waiting = Initiative.objects.filter(
        status__in=[Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE],
        first_response_at__isnull=True,
        is_hidden=False,
    )
    cutoff = working_days_back(today, target + 1)
    for initiative in waiting.filter(submitted_at__date__lte=cutoff):
        submitted = timezone.localdate(initiative.submitted_at)
        for times in (1, 2):
            # The second one is written now too, due when twice the target has passed:
            # an answer before then cancels it.
            passes = working_days_ahead(submitted, target * times + 1)
            due_at = max(
                timezone.now(),
                timezone.make_aware(datetime.combine(passes, time(8, 0))),
            )
            created += reminder_schedule(
                kind="initiative_unanswered",
                recipients=coordinators,
                key=f"initiative_unanswered:{initiative.pk}:{times}",
                params={
                    "initiative": initiative.title,
                    "days": target * times,
                    "target": target,
                    "submitted_date": submitted.isoformat(),
                },
                url=reverse("ambtenaren:loket_detail", args=[initiative.pk]),
                due_at=due_at,
                subject_id=initiative.pk,
            )
    return created


def advice(today) -> int:
    """The advisor: no contact for a while, a follow-up date passed, a proposal waiting."""
    created = 0
    quiet_days = settings.MARKTPLEIN_ADVISOR_QUIET_DAYS
    active = (
        Advisorship.objects.filter(status=Advisorship.Status.ACTIVE)
        .select_related("advisor__user", "initiative")
        .annotate(last_contact=Max("contacts__date"))
    )
    for advisorship in active:
        last = advisorship.last_contact or timezone.localdate(
            advisorship.accepted_at or advisorship.created_at
        )
        if (today - last).days < quiet_days:
            continue
        created += reminder_schedule(
            kind="advisorship_quiet",
            recipients=[advisorship.advisor.user],
            key=f"advisorship_quiet:{advisorship.pk}:{last.isoformat()}",
            params={
                "initiative": advisorship.initiative.title,
                "days": (today - last).days,
                "last_date": last.isoformat(),
            },
            url=reverse("ambtenaren:advisorship", args=[advisorship.pk]),
            subject_id=advisorship.pk,
        )
    later = Contact.objects.filter(advisorship=OuterRef("advisorship"), date__gt=OuterRef("date"))
    passed = (
        Contact.objects.filter(
            advisorship__status=Advisorship.Status.ACTIVE, follow_up_on__lt=today
        )
        .exclude(Exists(later))
        .select_related("advisorship__advisor__user", "advisorship__initiative")
    )
    for contact in passed:
        if contact.follow_up_on is None:
            continue
        created += reminder_schedule(
            kind="contact_follow_up",
            recipients=[contact.advisorship.advisor.user],
            key=f"contact_follow_up:{contact.pk}",
            params={
                "initiative": contact.advisorship.initiative.title,
                "follow_up_date": contact.follow_up_on.isoformat(),
                "next_step": contact.next_step,
            },
            url=reverse("ambtenaren:advisorship", args=[contact.advisorship_id]),
            subject_id=contact.pk,
        )
    proposals = (
        Advisorship.objects.filter(
            status=Advisorship.Status.PROPOSED,
            created_at__lte=timezone.now() - timedelta(days=2),
        )
        .exclude(proposed_by=Advisorship.ProposedBy.ADVISOR)
        .select_related("advisor__user", "initiative")
    )
    for proposal in proposals:
        created += reminder_schedule(
            kind="advisorship_waiting",
            recipients=[proposal.advisor.user],
            key=f"advisorship_waiting:{proposal.pk}",
            params={"initiative": proposal.initiative.title},
            url=reverse("ambtenaren:advisorship", args=[proposal.pk]),
            subject_id=proposal.pk,
        )
    return created


def decision_terms(today) -> int:
    """Grant officers: an application whose decision term ends within 10 working days."""
    officers = list(User.objects.filter(role_assignments__role=Role.GRANT_OFFICER, is_active=True))
    if not officers:
        return 0
    horizon = working_days_ahead(today, 10)
    created = 0
    for application in Application.objects.filter(
        status=Application.Status.SUBMITTED
    ).select_related("scheme", "initiative"):
        decide_by = timezone.localdate(application.submitted_at) + timedelta(
            weeks=application.scheme.decision_weeks
        )
        if decide_by > horizon:
            continue
        created += reminder_schedule(
            kind="decision_term_ending",
            recipients=officers,
            key=f"decision_term_ending:{application.pk}",
            params={
                "initiative": application.initiative.title,
                "decide_date": decide_by.isoformat(),
            },
            url=reverse("subsidies:application_decide", args=[application.pk]),
            subject_id=application.pk,
        )
    return created


def invitations_open(now) -> int:
    """The one who invited: an invitation not accepted after 3 days."""
    created = 0
    for invitation in Invitation.objects.filter(
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        created_at__lte=now - timedelta(days=3),
        created_at__gt=now - timedelta(days=settings.MARKTPLEIN_INVITATION_DAYS),
        invited_by__isnull=False,
    ).select_related("initiative", "invited_by"):
        created += reminder_schedule(
            kind="invitation_open",
            recipients=[invitation.invited_by] if invitation.invited_by else [],
            key=f"invitation_open:{invitation.pk}",
            params={"email": invitation.email, "initiative": invitation.initiative.title},
            url=reverse("initiatieven:members", args=[invitation.initiative_id]),
            subject_id=invitation.pk,
        )
    return created


def run_all(now=None) -> int:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        reports_due(today)
        + initiatives_unanswered(today)
        + advice(today)
        + decision_terms(today)
        + invitations_open(now)
    )


def _still(queryset):
    return lambda ids: set(queryset.filter(pk__in=ids).values_list("pk", flat=True))


def _quiet(ids):
    since = timezone.localdate() - timedelta(days=settings.MARKTPLEIN_ADVISOR_QUIET_DAYS)
    recent = Contact.objects.filter(advisorship=OuterRef("pk"), date__gt=since)
    return set(
        Advisorship.objects.filter(pk__in=ids, status=Advisorship.Status.ACTIVE)
        .exclude(Exists(recent))
        .values_list("pk", flat=True)
    )


def _follow_up(ids):
    later = Contact.objects.filter(advisorship=OuterRef("advisorship"), date__gt=OuterRef("date"))
    return set(
        Contact.objects.filter(pk__in=ids, advisorship__status=Advisorship.Status.ACTIVE)
        .exclude(Exists(later))
        .values_list("pk", flat=True)
    )


# Per kind: of these subject ids, which still need the reminder?
STILL_DUE = {
    "report_due": _still(Report.objects.filter(status=Report.Status.DRAFT)),
    "report_overdue": _still(Report.objects.filter(status=Report.Status.DRAFT)),
    "report_overdue_officer": _still(Report.objects.filter(status=Report.Status.DRAFT)),
    "report_waiting": _still(Report.objects.filter(status=Report.Status.SUBMITTED)),
    "initiative_unanswered": _still(
        Initiative.objects.filter(
            Q(first_response_at__isnull=True),
            status__in=[Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE],
            is_hidden=False,
        )
    ),
    "advisorship_quiet": _quiet,
    "contact_follow_up": _follow_up,
    "advisorship_waiting": _still(Advisorship.objects.filter(status=Advisorship.Status.PROPOSED)),
    "decision_term_ending": _still(
        Application.objects.filter(status=Application.Status.SUBMITTED)
    ),
    "invitation_open": _still(
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    ),
}
