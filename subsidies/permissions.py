"""Who may do what with subsidies.

Views fetch through the scopes in `selectors` first (404 for what you may not
see), then ask these predicates (403). Services ask the same predicates again
and raise PermissionDenied (ADR 7). Templates read the `can_*` values a view
hands them.

The initiative's leads write its applications and reports; its members read
them; grant officers see everything but drafts. Other residents and civil
servants without the grant officer role see only the public register.
"""

from accounts.models import Role, User
from initiatieven import permissions as initiative_permissions
from initiatieven.models import Initiative

from .models import Application, Grant, Report, ReportReview, SubsidyScheme


def is_grant_officer(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.GRANT_OFFICER)


def can_keep_schemes(user: User) -> bool:
    return is_grant_officer(user)


def can_apply(user: User, initiative: Initiative) -> bool:
    return initiative_permissions.can_apply_for_subsidy(user, initiative)


def can_see_subsidies_of(user: User, initiative: Initiative) -> bool:
    """The group's own applications and grants: its members, and grant officers."""
    return initiative_permissions.is_member(user, initiative) or is_grant_officer(user)


def can_edit_application(user: User, application: Application) -> bool:
    return application.status == Application.Status.DRAFT and initiative_permissions.is_lead(
        user, application.initiative
    )


def can_withdraw_application(user: User, application: Application) -> bool:
    return application.status in (
        Application.Status.DRAFT,
        Application.Status.SUBMITTED,
    ) and initiative_permissions.is_lead(user, application.initiative)


def can_decide(user: User, application: Application) -> bool:
    return is_grant_officer(user) and application.status == Application.Status.SUBMITTED


def can_record_grant(user: User, initiative: Initiative) -> bool:
    """A grant from a paper application."""
    return initiative_permissions.can_record_grant_for(user, initiative)


def can_write_report(user: User, report: Report) -> bool:
    return report.status == Report.Status.DRAFT and initiative_permissions.is_lead(
        user, report.grant.initiative
    )


def can_review(user: User, report: Report) -> bool:
    return is_grant_officer(user) and report.status == Report.Status.SUBMITTED


def can_answer_review(user: User, review: ReportReview) -> bool:
    return (
        review.outcome == ReportReview.Outcome.CONVERSATION
        and not review.answered_at
        and review.report.status == Report.Status.CONVERSATION
        and initiative_permissions.is_lead(user, review.report.grant.initiative)
    )


def can_settle(user: User, grant: Grant) -> bool:
    return is_grant_officer(user) and grant.status in (
        Grant.Status.GRANTED,
        Grant.Status.REPORTING,
    )


def can_decide_reclaim(user: User, grant: Grant) -> bool:
    """Four eyes: another grant officer than the one who proposed it."""
    return (
        is_grant_officer(user)
        and grant.reclaim_proposed_amount is not None
        and grant.status != Grant.Status.RECLAIMED
        and grant.reclaim_proposed_by_id != user.pk
    )


def can_see_budget(user: User, scheme: SubsidyScheme) -> bool:
    return is_grant_officer(user)
