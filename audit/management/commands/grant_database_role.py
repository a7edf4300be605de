"""Give the web and worker processes' database role what they need, and no more.

Run it as the owner of the tables (the role that runs `migrate`), after every
`migrate`: docker-compose does. The role reads and writes the tables, but owns
none of them, so it cannot drop or switch off the audit log's trigger; on the
audit log it may only insert, read and forget a deleted person.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


class Command(BaseCommand):
    help = "Grant a non-owner database role the rights the web and worker processes need."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role web and worker connect as")

    def handle(self, *args, role: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist on PostgreSQL only.")
        quoted = connection.ops.quote_name(role)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"The database role {role!r} does not exist.")
            cursor.execute("SELECT current_user")
            if cursor.fetchone()[0] == role:
                raise CommandError("Run this as the tables' owner, not as the role itself.")
            for statement in [
                f"GRANT USAGE ON SCHEMA public TO {quoted}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
                f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
                f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON django_migrations FROM {quoted}",
                f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM {quoted}",
                # Forgetting a deleted person; the trigger allows only that change.
                f"GRANT UPDATE (actor_id, actor_label, object_label) ON audit_auditevent TO {quoted}",
            ]:
                cursor.execute(statement)
        self.stdout.write(f"Granted the web and worker rights to {role}.")
