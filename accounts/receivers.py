"""Hooks into allauth's own signals. They only record, the services decide."""

from allauth.account.internal.flows.login import record_authentication


def record_second_factor_setup(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up TOTP proves the second factor: count it for this session."""
    if request is not None and authenticator.type == "totp":
        record_authentication(request, user, "mfa", id=authenticator.pk, type="totp", setup=True)
