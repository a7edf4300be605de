from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role, User
from accounts.services import role_grant


class Command(BaseCommand):
    help = (
        "Give a role from the command line, for instance the first administrator. "
        "The person must have signed up and verified their e-mail address. "
        "This is an audit event, with the platform as the actor."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--reason", required=True)

    def handle(self, *args, email: str, role: str, reason: str, **options) -> None:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        try:
            role_grant(user=user, role=role, actor=None, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{email} is now {role}.")
