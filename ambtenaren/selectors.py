"""Reads for civil servants: the loket, their own workload, and what they may see.

Matching lives in `matching.py`.
"""

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from accounts.models import Role, User
from basisgegevens.workdays import WorkingDays
from initiatieven.models import Initiative, Membership

from .models import AdvisorProfile, Advisorship, Contact


def loket_queue() -> QuerySet[Initiative]:
    """Submitted initiatives without a first answer, longest waiting first."""
    return (
        Initiative.objects.filter(
            status__in=[Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE],
            first_response_at__isnull=True,
            is_hidden=False,
        )
        .select_related("neighbourhood")
        .order_by("submitted_at", "pk")
    )


def with_waiting_days(initiatives, *, target: int, now=None) -> list:
    """Add `waiting_days` and `overdue` to each initiative, with one query for closed days."""
    now = now or timezone.now()
    initiatives = list(initiatives)
    if not initiatives:
        return initiatives
    today = timezone.localtime(now).date()
    oldest = min(timezone.localtime(i.submitted_at).date() for i in initiatives)
    days = WorkingDays(oldest, today)
    for initiative in initiatives:
        initiative.waiting_days = days.between(
            timezone.localtime(initiative.submitted_at).date(), today
        )
        initiative.overdue = initiative.waiting_days > target
    return initiatives


def advisorships_of(profile: AdvisorProfile) -> QuerySet[Advisorship]:
    return profile.advisorships.select_related("initiative__neighbourhood").order_by(
        "status", "-created_at"
    )


def follow_ups_due(profile: AdvisorProfile, *, today=None) -> QuerySet[Contact]:
    """Contacts whose follow-up date has come (today counts), with no later contact."""
    today = today or timezone.localdate()
    later = Contact.objects.filter(advisorship=OuterRef("advisorship"), date__gt=OuterRef("date"))
    return (
        Contact.objects.filter(
            advisorship__advisor=profile,
            advisorship__status=Advisorship.Status.ACTIVE,
            follow_up_on__lte=today,
        )
        .exclude(Exists(later))
        .select_related("advisorship__initiative")
        .order_by("follow_up_on")
    )


def advisorships_visible_to(user: User) -> QuerySet[Advisorship]:
    """The advisor, the initiative's members and coordinators see an advisorship."""
    if not user.is_authenticated:
        return Advisorship.objects.none()
    visible = Q(advisor__user=user) | Q(
        Exists(Membership.objects.filter(initiative=OuterRef("initiative"), user=user))
    )
    if user.has_role(Role.COORDINATOR):
        visible = Q(pk__isnull=False)
    return Advisorship.objects.filter(visible).select_related(
        "initiative__neighbourhood", "advisor__user"
    )
