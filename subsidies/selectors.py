"""Reads about subsidies: what each person may see, the grant officer's lists,
budgets, the timeline of a grant, and the public register."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Role, User
from audit.models import AuditEvent
from initiatieven.models import Membership
from marktplein.paging import page_of_ids

from .models import (
    ZERO,
    Application,
    Attachment,
    GoalOutcome,
    Grant,
    Report,
    ReportReview,
    SubsidyScheme,
)

MONEY: DecimalField = DecimalField(max_digits=14, decimal_places=2)


def _committed_sum():
    """What a scheme's grants commit: the settled amount once settled, else the amount."""
    return Coalesce(Sum(Coalesce("settled_amount", "amount")), Value(ZERO), output_field=MONEY)


def scheme_committed(scheme: SubsidyScheme) -> Decimal:
    return Grant.objects.filter(scheme=scheme).aggregate(total=_committed_sum())["total"]


def schemes_with_budget() -> QuerySet[SubsidyScheme]:
    """Every scheme with `committed` and `remaining`, in one query."""
    committed = Subquery(
        Grant.objects.filter(scheme=OuterRef("pk"))
        .order_by()
        .values("scheme")
        .annotate(total=Sum(Coalesce("settled_amount", "amount")))
        .values("total"),
        output_field=MONEY,
    )
    return SubsidyScheme.objects.annotate(
        committed=Coalesce(committed, Value(ZERO), output_field=MONEY)
    ).annotate(remaining=F("budget") - F("committed"))


def open_schemes() -> QuerySet[SubsidyScheme]:
    return SubsidyScheme.objects.filter(is_open=True).order_by("-year", "name")


def _member_of_initiative(user: User, path: str) -> Q:
    return Q(Exists(Membership.objects.filter(initiative=OuterRef(path), user=user)))


def applications_visible_to(user: User) -> QuerySet[Application]:
    """The initiative's members see its applications; grant officers every one but drafts."""
    if not user.is_authenticated:
        return Application.objects.none()
    visible = _member_of_initiative(user, "initiative")
    if user.has_role(Role.GRANT_OFFICER):
        visible |= ~Q(status=Application.Status.DRAFT)
    return Application.objects.filter(visible).select_related(
        "initiative__neighbourhood", "scheme"
    )


def grants_visible_to(user: User) -> QuerySet[Grant]:
    if not user.is_authenticated:
        return Grant.objects.none()
    if user.has_role(Role.GRANT_OFFICER):
        return Grant.objects.all()
    return Grant.objects.filter(_member_of_initiative(user, "initiative"))


def reports_visible_to(user: User) -> QuerySet[Report]:
    if not user.is_authenticated:
        return Report.objects.none()
    if user.has_role(Role.GRANT_OFFICER):
        return Report.objects.all()
    return Report.objects.filter(_member_of_initiative(user, "grant__initiative"))


def reviews_visible_to(user: User) -> QuerySet[ReportReview]:
    return ReportReview.objects.filter(report__in=reports_visible_to(user).values("pk"))


def attachments_visible_to(user: User) -> QuerySet[Attachment]:
    return Attachment.objects.filter(report__in=reports_visible_to(user).values("pk"))


def application_for_page(user: User, pk: int) -> QuerySet[Application]:
    return (
        applications_visible_to(user)
        .filter(pk=pk)
        .select_related("decided_by")
        .prefetch_related(
            "cost_lines",
            "proposed_goals",
            Prefetch(
                "initiative__memberships", queryset=Membership.objects.select_related("user")
            ),
        )
    )


def applications_of(initiative) -> QuerySet[Application]:
    return initiative.applications.select_related("scheme").order_by("-created_at", "-pk")


def grants_of(initiative) -> QuerySet[Grant]:
    return initiative.grants.select_related("scheme").order_by("-granted_at", "-pk")


def application_queue() -> QuerySet[Application]:
    """Submitted applications, the one that waits longest first."""
    return (
        Application.objects.filter(status=Application.Status.SUBMITTED)
        .select_related("initiative__neighbourhood", "scheme")
        .order_by("submitted_at", "pk")
    )


def with_days_left(applications, *, today=None) -> list:
    """Add `decide_by` and `days_left` (calendar days, as the Awb counts a term in weeks)."""
    today = today or timezone.localdate()
    applications = list(applications)
    for application in applications:
        submitted = timezone.localtime(application.submitted_at).date()
        application.decide_by = submitted + timedelta(weeks=application.scheme.decision_weeks)
        application.days_left = (application.decide_by - today).days
    return applications


def review_queue() -> QuerySet[Report]:
    """Reports waiting for a grant officer, oldest first."""
    return (
        Report.objects.filter(status=Report.Status.SUBMITTED)
        .select_related("grant__initiative", "grant__scheme")
        .order_by("submitted_at", "pk")
    )


def grant_for_page(user: User, pk: int) -> QuerySet[Grant]:
    return (
        grants_visible_to(user)
        .filter(pk=pk)
        .select_related(
            "initiative__neighbourhood",
            "scheme",
            "application",
            "reclaim_proposed_by",
            "granted_by",
        )
        .prefetch_related(
            "goals",
            Prefetch("reports", queryset=Report.objects.order_by("due_on", "pk")),
            Prefetch(
                "initiative__memberships", queryset=Membership.objects.select_related("user")
            ),
        )
    )


def report_for_page(user: User, pk: int) -> QuerySet[Report]:
    return (
        reports_visible_to(user)
        .filter(pk=pk)
        .select_related("grant__initiative", "grant__scheme", "submitted_by")
        .prefetch_related(
            "grant__goals",
            Prefetch("outcomes", queryset=GoalOutcome.objects.select_related("goal")),
            "attachments",
            Prefetch(
                "reviews",
                queryset=ReportReview.objects.select_related("reviewed_by", "answered_by"),
            ),
            Prefetch("grant__initiative__memberships", queryset=Membership.objects.all()),
        )
    )


def grant_timeline(grant: Grant) -> QuerySet[AuditEvent]:
    """Every audit event about the grant, its application and its reports, newest first."""
    types = ContentType.objects.get_for_models(Grant, Application, Report)
    about = Q(content_type=types[Grant], object_id=str(grant.pk)) | Q(
        content_type=types[Report],
        object_id__in=[str(report.pk) for report in grant.reports.all()],
    )
    if grant.application_id:
        about |= Q(content_type=types[Application], object_id=str(grant.application_id))
    return AuditEvent.objects.filter(about).select_related("actor").order_by("-created_at", "-pk")


def application_timeline(application: Application) -> QuerySet[AuditEvent]:
    content_type = ContentType.objects.get_for_model(Application)
    return (
        AuditEvent.objects.filter(content_type=content_type, object_id=str(application.pk))
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


def register() -> QuerySet[Grant]:
    """The public subsidy register, in its order, without joins: filter and count this,
    then load a page's rows with `register_rows`."""
    return Grant.objects.order_by("-granted_at", "-pk")


def register_rows(grants: QuerySet[Grant]) -> QuerySet[Grant]:
    """What the register shows of each grant: nothing personal, only initiative, scheme
    and money."""
    return (
        grants.select_related("scheme")
        .annotate(initiative_title=F("initiative__title"), requested=F("application__amount"))
        .only(
            "pk",
            "amount",
            "settled_amount",
            "status",
            "granted_at",
            "scheme__name",
            "scheme__year",
        )
        .order_by("-granted_at", "-pk")
    )


def register_page(grants: QuerySet[Grant], number, per_page: int = 50):
    """One page of the register and its rows, ids first (through the register's index)."""
    return page_of_ids(
        grants,
        number,
        per_page=per_page,
        load=lambda ids: register_rows(Grant.objects.filter(pk__in=ids)),
    )
