"""Seed a million reminders and measure how fast the dispatcher sends them.

E-mail goes to Django's in-memory backend; each reminder also writes its in-app
notification. Next to it, in the same run and on the same table, a plain loop in
SQL that only claims and marks rows shows what the database alone can do. The
dispatcher runs in `--processes` processes at once, as a worker with that
concurrency would. The seeded rows are deleted at the end. PostgreSQL only:
`make benchmark` starts a throwaway cluster.
"""

import multiprocessing
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from herinneringen import dispatch
from herinneringen.models import Notification, Reminder

LOCMEM = {
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
}


def _dispatch_in_child(batch: int) -> int:
    connection.close()  # a forked process needs a connection of its own
    with override_settings(MARKTPLEIN_REMINDER_BATCH=batch, **LOCMEM):
        return dispatch.dispatch_due()


class Command(BaseCommand):
    help = "Time the reminder dispatcher on a million rows, against a plain SQL claim loop."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reminders", type=int, default=1_000_000)
        parser.add_argument("--due", type=int, default=20_000, help="how many to send")
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--processes", type=int, default=2)

    def handle(self, *args, reminders, due, batch, processes, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Run the benchmark on PostgreSQL (make benchmark starts one).")
        try:
            self._seed(reminders, due)
            self._measure(due, batch, processes)
        finally:
            Notification.objects.filter(recipient__email__startswith="bench-r-").delete()
            Reminder.objects.filter(dedup_key__startswith="bench:").delete()
            User.objects.filter(email__startswith="bench-r-").delete()
            self.stdout.write("Seeded data deleted.")

    def _seed(self, total: int, due: int) -> None:
        started = time.perf_counter()
        people = User.objects.bulk_create(
            [
                User(email=f"bench-r-{i}@example.org", first_name=f"R{i}", password="!")
                for i in range(1000)
            ]
        )
        now = timezone.now()
        with connection.cursor() as cursor:
            # Of the million, 2 x `due` are due now (one half for the plain loop, one for
            # the dispatcher); the rest is history (sent) or not due yet.
            cursor.execute(
                """
                INSERT INTO herinneringen_reminder
                    (kind, recipient_id, recipient_email, params, url, subject_id, due_at,
                     dedup_key, status, attempts, last_error, created_at, sent_at)
                SELECT 'municipality_answered', %(first)s + (n %% 1000), '',
                       jsonb_build_object('initiative', 'Initiative ' || n, 'text', 'Welkom!'),
                       '/initiatieven/', NULL,
                       CASE WHEN n <= 2 * %(due)s THEN %(now)s
                            ELSE %(now)s + (n || ' seconds')::interval END,
                       'bench:' || n,
                       CASE WHEN n > 2 * %(due)s AND n %% 2 = 0 THEN 'sent' ELSE 'pending' END,
                       0, '', %(now)s,
                       CASE WHEN n > 2 * %(due)s AND n %% 2 = 0 THEN %(now)s END
                FROM generate_series(1, %(total)s) AS n
                """,
                {"first": people[0].pk, "due": due, "now": now, "total": total},
            )
            cursor.execute("ANALYZE herinneringen_reminder")
        self.due_at = now
        self.stdout.write(
            f"Seeded {total:,} reminders ({2 * due:,} due now) "
            f"in {time.perf_counter() - started:.0f} s."
        )

    def _plain_loop(self, count: int, batch: int) -> float:
        """Claim and mark with SKIP LOCKED in SQL, nothing else: the database's ceiling."""
        started = time.perf_counter()
        done = 0
        with connection.cursor() as cursor:
            while done < count:
                cursor.execute(dispatch.CLAIM_SQL, [timezone.now(), timezone.now(), batch])
                ids = [row[0] for row in cursor.fetchall()]
                if not ids:
                    break
                cursor.execute(
                    "UPDATE herinneringen_reminder SET status = 'sent', sent_at = now() "
                    "WHERE id = ANY(%s)",
                    [ids],
                )
                done += len(ids)
        return done / (time.perf_counter() - started)

    def _measure(self, due: int, batch: int, processes: int) -> None:
        plain = self._plain_loop(due, batch)
        begun = timezone.now()
        started = time.perf_counter()
        connection.close()
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            sent = sum(pool.map(_dispatch_in_child, [batch] * processes))
        elapsed = time.perf_counter() - started
        rate = sent / elapsed
        delays = [
            (sent_at - begun).total_seconds()
            for (sent_at,) in Reminder.objects.filter(
                dedup_key__startswith="bench:", sent_at__gte=begun
            ).values_list("sent_at")
        ]
        cut = statistics.quantiles(delays, n=20)
        notifications = Notification.objects.filter(reminder__dedup_key__startswith="bench:")
        self.stdout.write(f"plain SQL claim-and-mark loop, 1 process   {plain:8,.0f} reminders/s")
        self.stdout.write(
            f"dispatcher, {processes} processes (e-mail + notification) {rate:8,.0f} reminders/s "
            f"= {rate / plain:.2f}x the plain loop; {sent:,} in {elapsed:.1f} s, "
            f"{notifications.count():,} notifications"
        )
        self.stdout.write(
            f"a backlog of {due:,} falling due at once: sent after p50 {cut[9]:.1f} s, "
            f"p95 {cut[18]:.1f} s"
        )
