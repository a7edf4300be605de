"""Secrets at rest: the TOTP secret and the recovery-code seed are sealed with Fernet.

Keys come from MARKTPLEIN_MFA_ENCRYPTION_KEYS (comma-separated Fernet keys, the
first one seals, all of them open: add a new key in front to rotate). Outside
production, where no keys are set, a key is derived from SECRET_KEY.
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


def derived_key(secret_key: str) -> bytes:
    digest = hashlib.sha256(f"marktplein.mfa:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "MARKTPLEIN_MFA_ENCRYPTION_KEYS must be Fernet keys, for example from "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        ) from error


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    return fernet_for(keys or (derived_key(secret_key).decode(),))


def _current() -> MultiFernet:
    return _fernet(tuple(settings.MFA_ENCRYPTION_KEYS), settings.SECRET_KEY)


def is_sealed(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def seal(text: str) -> str:
    return PREFIX + _current().encrypt(text.encode()).decode()


def unseal(value: str) -> str:
    if not is_sealed(value):
        # Written before secrets were sealed; the migration seals those.
        return value
    try:
        return _current().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A second-factor secret cannot be opened with MARKTPLEIN_MFA_ENCRYPTION_KEYS."
        ) from error
