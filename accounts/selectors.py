from django.db.models import Prefetch, Q, QuerySet

from .models import RoleAssignment, User


def users_for_role_management(*, search: str = "") -> QuerySet[User]:
    users = User.objects.prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role"))
    ).order_by("email")
    if search:
        users = users.filter(Q(email__icontains=search) | Q(first_name__icontains=search))
    return users


def user_personal_data(user: User) -> dict:
    """Everything Marktplein keeps about one person, for their own download: the
    account here, and what each domain app holds (accounts.links)."""
    from allauth.account.models import EmailAddress

    from audit.selectors import audit_events_for

    from .links import registered

    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "phone": user.phone,
            "shows_email": user.shows_email,
            "shows_phone": user.shows_phone,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "roles": [
            {"role": r.role, "granted_at": r.granted_at.isoformat(), "reason": r.reason}
            for r in user.role_assignments.all()
        ],
        "audit_events_about_you": [
            {
                "when": e.created_at.isoformat(),
                "action": e.action,
                "reason": e.reason,
                "before": e.before,
                "after": e.after,
            }
            for e in audit_events_for(user)
        ],
    }
    for links in registered():
        data.update(links.personal_data(user))
    return data
