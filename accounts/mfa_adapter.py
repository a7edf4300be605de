from allauth.mfa.adapter import DefaultMFAAdapter

from .crypto import seal, unseal


class MFAAdapter(DefaultMFAAdapter):
    """allauth stores TOTP secrets and recovery-code seeds through these two hooks:
    sealed with a key that is not in the database, so a database dump or an
    administrator does not hold anyone's second factor."""

    def encrypt(self, text: str) -> str:
        return seal(text)

    def decrypt(self, encrypted_text: str) -> str:
        return unseal(encrypted_text)
