"""An e-mail backend whose mail server is down: the one thing outside the platform we fake."""

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDownError(ConnectionRefusedError):
    pass


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise MailServerDownError("the mail server does not answer")
