"""For the load benchmark (scripts/benchmark_load): seed a large municipality, committed,
then report each page's query count, slowest query and Python time, and write the
sessions the load client signs in with. PostgreSQL only; run it on a throwaway database."""

import io
import json
import random
import sys
import time

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from ambtenaren.management.commands.benchmark_matching import Command as MatchingBenchmark
from initiatieven.models import Initiative

WORDS = ["Moestuin", "Repaircafé", "Buurtkast", "Voetbal", "Wijkkoor", "Boomspiegels"]


def _session_for(user: User) -> str:
    """A signed-in session that used the second factor, as allauth writes it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.create()
    return session.session_key


class Command(BaseCommand):
    help = "Seed the scale of DESIGN.md and print each page's queries (load benchmark)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--initiatives", type=int, default=100_000)
        parser.add_argument("--civil-servants", type=int, default=10_000)
        parser.add_argument("--sessions", required=True, help="where to write the sessions")

    def handle(self, *args, initiatives, civil_servants, sessions, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Run the load benchmark on PostgreSQL.")
        seeder = MatchingBenchmark()
        seeder.random = random.Random(1)
        seeder.stdout = self.stdout
        seeder._seed(civil_servants, initiatives)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE initiatieven_initiative SET title = (%s::text[])[1 + id %% 6] || ' ' || id,"
                " summary = 'Buren doen samen mee met ' || lower((%s::text[])[1 + id %% 5])",
                [WORDS, WORDS],
            )
            # Committed, so as autovacuum leaves settled tables: statistics, and the
            # visibility map that lets index-only scans skip the table.
            cursor.execute("VACUUM ANALYZE")
        coordinator = User.objects.create_user(
            email="bench-loket@gemeente.example", password="!", first_name="Loket"
        )
        for role in (Role.CIVIL_SERVANT, Role.COORDINATOR):
            RoleAssignment.objects.create(user=coordinator, role=role, granted_at=timezone.now())
        TOTP.activate(coordinator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        advisor = seeder.profile.user
        TOTP.activate(advisor, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        waiting = (
            Initiative.objects.filter(
                status="submitted", first_response_at__isnull=True, is_hidden=False
            )
            .order_by("submitted_at")
            .first()
        )
        pages = {
            "bare": ("/bench/bare/", None),
            "privacy": ("/privacy/", None),
            "list": ("/initiatieven/", None),
            "search": ("/initiatieven/?q=moestuinen", None),
            "filtered": (
                f"/initiatieven/?neighbourhood={seeder.initiative.neighbourhood_id}",
                None,
            ),
            "page 2,000": ("/initiatieven/?page=2000", None),
            "detail": (f"/initiatieven/{seeder.initiative.pk}/", None),
            "loket": ("/werkplek/loket/", coordinator),
            "loket detail": (f"/werkplek/loket/{waiting.pk}/", coordinator),
            "suggestions": ("/werkplek/suggesties/", advisor),
        }
        self.stdout.write(f"{'page':16} {'queries':>7} {'slowest query':>14} {'python':>9}")
        plan = {}
        for name, (url, user) in pages.items():
            client = Client(HTTP_HOST="127.0.0.1")
            if user is not None:
                client.cookies["sessionid"] = _session_for(user)
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            count = len(queries)
            slowest = max((self._explain(q["sql"]) for q in queries.captured_queries), default=0)
            session = _session_for(user) if user is not None else ""
            # After the count: each request through the handler empties the query log.
            python = self._python_ms(url, session)
            self.stdout.write(f"{name:16} {count:7d} {slowest:11.1f} ms {python:6.1f} ms")
            plan[name] = {
                "url": url,
                "session": session,
                "queries": count,
                "slowest_ms": slowest,
                "python_ms": python,
            }
        with open(sessions, "w") as handle:
            json.dump(plan, handle)

    def _python_ms(self, url: str, session: str, batches: int = 5, repeat: int = 10) -> float:
        """The process's CPU time for one request through Django's WSGI handler (no
        network, no test client): Python only, the database runs in its own process.
        The least of five batches, as `timeit` advises: on a shared machine a slow
        minute only ever adds time, so the least is the code's own cost."""
        app = WSGIHandler()
        path, _, query = url.partition("?")

        def request() -> None:
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "HTTP_HOST": "127.0.0.1",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "REMOTE_ADDR": "127.0.0.1",
                "wsgi.input": io.BytesIO(b""),
                "wsgi.url_scheme": "http",
                "wsgi.errors": sys.stderr,
            }
            if session:
                environ["HTTP_COOKIE"] = f"sessionid={session}"
            b"".join(app(environ, lambda status, headers, *args: None))

        for _ in range(3):
            request()
        times = []
        for _ in range(batches):
            started = time.process_time()
            for _ in range(repeat):
                request()
            times.append((time.process_time() - started) / repeat * 1000)
        return min(times)

    def _explain(self, sql: str) -> float:
        # A read is a SELECT, or a WITH that ranks civil servants (ambtenaren.matching).
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        plan = plan[0] if isinstance(plan, list) else plan
        return plan["Execution Time"]
