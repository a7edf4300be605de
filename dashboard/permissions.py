"""Who sees the dashboard and who keeps the budget lines.

The full dashboard is for the alderman and the people who answer to them:
coordinators, grant officers and administrators, each with their second factor
(`accounts.permissions.municipal_view`). The public figures and the open data
API are for anyone. Only an administrator keeps the budget lines.
"""

from accounts.models import DASHBOARD_ROLES, Role, User

__all__ = ["DASHBOARD_ROLES", "can_keep_budget", "can_see_dashboard"]


def can_see_dashboard(user: User) -> bool:
    return user.is_authenticated and bool(user.roles & set(DASHBOARD_ROLES))


def can_keep_budget(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)
