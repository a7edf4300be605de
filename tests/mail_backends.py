"""An e-mail backend whose mail server is down: the one thing outside the platform we fake."""

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDownError(ConnectionRefusedError):
    pass


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise MailServerDownError("the mail server does not answer")


class OneFilePerMessageBackend(BaseEmailBackend):
    """For worker processes: each message the "mail server" takes is a new file, so a
    test counts every delivery, repeats included. With MARKTPLEIN_TEST_MAIL_HANG_AT=N
    the server hangs before taking the N-th message of this process (and writes a
    marker file), so a test can kill the worker while a send is in flight."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import os

        self.directory = os.environ["MARKTPLEIN_TEST_MAIL_DIR"]
        self.hang_at = int(os.environ.get("MARKTPLEIN_TEST_MAIL_HANG_AT", "0"))
        self.delay = float(os.environ.get("MARKTPLEIN_TEST_MAIL_DELAY", "0"))

    def send_messages(self, email_messages):
        import os
        import time
        import uuid

        for message in email_messages:
            _taken[0] += 1
            if self.delay:
                time.sleep(self.delay)
            if self.hang_at and _taken[0] == self.hang_at:
                open(os.path.join(self.directory, f"hang-{os.getpid()}"), "w").close()
                time.sleep(3600)
            name = os.path.join(self.directory, f"{os.getpid()}-{uuid.uuid4().hex}.eml")
            with open(name + ".part", "wb") as handle:
                handle.write(message.message().as_bytes())
            os.replace(name + ".part", name)
        return len(email_messages)


_taken = [0]


def delivered_message_ids(directory) -> list[str]:
    """The Message-ID of every delivered message, one per delivery."""
    from email import message_from_binary_file
    from pathlib import Path

    ids = []
    for path in Path(directory).glob("*.eml"):
        with path.open("rb") as handle:
            ids.append(message_from_binary_file(handle)["Message-ID"])
    return ids
