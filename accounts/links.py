"""What the domain apps tell `accounts` about a person, without `accounts` knowing them.

Each domain app that holds rows about people registers one `AccountLinks` in
its AppConfig.ready(). `accounts` asks every registered app before a person
leaves, when an account is closed, and for a person's own data download.
"""

from .models import User


class AccountLinks:
    """Override what applies; the defaults say "nothing here"."""

    def leaving_refusals(self, user: User, *, own: bool) -> list[str]:
        """Lock what the person holds and say why they cannot leave yet (in the
        person's words when `own`, else in an administrator's)."""
        return []

    def keeps_records(self, user: User) -> bool:
        """Whether the municipality must keep rows that point at this person."""
        return False

    def remove(self, user: User) -> None:
        """Delete the person's rows that go with a closed account; kept records stay."""

    def personal_data(self, user: User) -> dict:
        """What this app holds about the person, for their own download."""
        return {}


_registered: list[AccountLinks] = []


def register(links: AccountLinks) -> None:
    if not any(type(existing) is type(links) for existing in _registered):
        _registered.append(links)


def registered() -> list[AccountLinks]:
    return list(_registered)
