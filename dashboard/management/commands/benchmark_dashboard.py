"""Benchmark (not a test): the dashboard at the scale of DESIGN.md.

Seeds 100,000 initiatives, 10,000 civil servants, 50,000 grants (with their
applications, goals, reports, outcomes and reviews) and 1,000,000 reminders on a
throwaway PostgreSQL, then reports in one run:

- each figure: the time to build it and its slowest query (EXPLAIN ANALYZE);
- the whole dashboard and the public page, through the full request path;
- the same figures as hand-written plain SQL aggregates (the baseline), and the
  ratio of the dashboard to that baseline.

Run it through `scripts/benchmark benchmark_dashboard` (part of `make benchmark`).
"""

import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from allauth.mfa.totp.internal.auth import TOTP
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from ambtenaren.management.commands.benchmark_matching import Command as MatchingBenchmark
from initiatieven.models import Initiative
from subsidies.models import (
    Application,
    Goal,
    GoalOutcome,
    Grant,
    Report,
    ReportReview,
    SubsidyScheme,
)

from ...figures import FIGURE_KEYS, figure_for, figures_refresh
from ...models import BudgetLine
from ...selectors import Scope

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The same figures, written by hand: what the database must do at the least.
PLAIN_SQL = {
    "initiatives-by-status": """
        SELECT status, count(*) FROM initiatieven_initiative
        WHERE status <> 'draft' GROUP BY status""",
    "initiatives-by-stage": """
        SELECT stage, count(*) FROM initiatieven_initiative
        WHERE status <> 'draft' GROUP BY stage""",
    "initiatives-by-theme": """
        SELECT t.theme_id, count(*) FROM initiatieven_initiative i
        LEFT JOIN initiatieven_initiative_themes t ON t.initiative_id = i.id
        WHERE i.status <> 'draft' GROUP BY t.theme_id""",
    "initiatives-per-month": """
        SELECT date_trunc('month', submitted_at AT TIME ZONE 'Europe/Amsterdam'), count(*)
        FROM initiatieven_initiative WHERE status <> 'draft' GROUP BY 1""",
    "response-time": """
        SELECT count(*) FILTER (WHERE response_working_days IS NOT NULL),
               count(*) FILTER (WHERE response_working_days <= 5),
               count(*) FILTER (WHERE first_response_at IS NULL
                                AND status IN ('submitted', 'active')),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_working_days)
        FROM initiatieven_initiative WHERE status <> 'draft'""",
    "response-by-neighbourhood": """
        SELECT neighbourhood_id, count(*),
               count(*) FILTER (WHERE response_working_days IS NOT NULL),
               count(*) FILTER (WHERE response_working_days <= 5),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY response_working_days)
        FROM initiatieven_initiative WHERE status <> 'draft' GROUP BY neighbourhood_id""",
    "advisory-coverage": """
        SELECT count(*), count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM ambtenaren_advisorship a
                   WHERE a.initiative_id = i.id AND a.status = 'active'))
        FROM initiatieven_initiative i WHERE i.status IN ('submitted', 'active');
        SELECT sum(hours_per_month), count(DISTINCT advisor_id)
        FROM ambtenaren_advisorship WHERE status = 'active'""",
    "needs": """
        SELECT n.status, n.met_by, n.kind, count(*) FROM initiatieven_need n
        JOIN initiatieven_initiative i ON i.id = n.initiative_id
        WHERE i.status <> 'draft' GROUP BY 1, 2, 3""",
    "money-by-scheme": """
        SELECT id, name, year, budget FROM subsidies_subsidyscheme;
        SELECT scheme_id, count(*), sum(amount), sum(settled_amount), sum(reclaimed_amount),
               sum(coalesce(settled_amount, amount) - reclaimed_amount)
        FROM subsidies_grant GROUP BY scheme_id""",
    "applications": """
        SELECT count(*), count(*) FILTER (WHERE a.status = 'granted'),
               count(*) FILTER (WHERE a.decision_days <= s.decision_weeks * 7),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY a.decision_days),
               sum(a.amount) FILTER (WHERE a.status = 'granted'), sum(g.amount)
        FROM subsidies_application a
        JOIN subsidies_subsidyscheme s ON s.id = a.scheme_id
        LEFT JOIN subsidies_grant g ON g.application_id = a.id
        WHERE a.decision_days IS NOT NULL""",
    "reports": """
        SELECT count(*),
               count(*) FILTER (WHERE submitted_at IS NOT NULL
                                AND (submitted_at AT TIME ZONE 'Europe/Amsterdam')::date
                                    <= due_on),
               count(*) FILTER (WHERE submitted_at IS NOT NULL
                                AND (submitted_at AT TIME ZONE 'Europe/Amsterdam')::date
                                    > due_on),
               count(*) FILTER (WHERE submitted_at IS NULL),
               count(*) FILTER (WHERE submitted_at IS NOT NULL AND other_outcomes <> '')
        FROM subsidies_report WHERE due_on <= current_date""",
    "goal-outcomes": """
        SELECT o.result, count(*) FROM subsidies_goaloutcome o
        JOIN subsidies_report r ON r.id = o.report_id
        WHERE r.submitted_at IS NOT NULL GROUP BY o.result""",
    "review-outcomes": """
        SELECT outcome, count(*) FROM subsidies_reportreview GROUP BY outcome""",
    "fairness-by-neighbourhood": """
        SELECT i.neighbourhood_id, sum(a.hours_per_month) FROM ambtenaren_advisorship a
        JOIN initiatieven_initiative i ON i.id = a.initiative_id
        WHERE a.status = 'active' GROUP BY 1;
        SELECT i.neighbourhood_id, sum(coalesce(g.settled_amount, g.amount) - g.reclaimed_amount)
        FROM subsidies_grant g JOIN initiatieven_initiative i ON i.id = g.initiative_id
        GROUP BY 1""",
    "money-spread": """
        SELECT sum(coalesce(settled_amount, amount) - reclaimed_amount),
               sum(coalesce(settled_amount, amount) - reclaimed_amount) FILTER (
                   WHERE NOT EXISTS (SELECT 1 FROM subsidies_grant e
                                     WHERE e.initiative_id = g.initiative_id
                                     AND e.granted_at < g.granted_at)),
               count(DISTINCT initiative_id)
        FROM subsidies_grant g;
        SELECT sum(coalesce(settled_amount, amount) - reclaimed_amount) AS money
        FROM subsidies_grant GROUP BY initiative_id ORDER BY money DESC""",
    "budget-split": """
        SELECT year, kind, sum(amount) FROM dashboard_budgetline GROUP BY 1, 2""",
    "names": """
        SELECT id, name, population FROM basisgegevens_neighbourhood ORDER BY name;
        SELECT id, name_nl FROM basisgegevens_theme ORDER BY name_nl""",
}


class Command(BaseCommand):
    help = "Seed a large municipality and time the dashboard against plain SQL."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--initiatives", type=int, default=100_000)
        parser.add_argument("--civil-servants", type=int, default=10_000)
        parser.add_argument("--grants", type=int, default=50_000)
        parser.add_argument("--reminders", type=int, default=1_000_000)
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument(
            "--explain", type=float, default=None, help="print the plan of queries over N ms"
        )

    def handle(
        self, *args, initiatives, civil_servants, grants, reminders, rounds, explain, **options
    ):
        self.explain = explain
        if connection.vendor != "postgresql":
            raise CommandError("Run the dashboard benchmark on PostgreSQL.")
        self.random = random.Random(1)
        started = time.perf_counter()
        seeder = MatchingBenchmark()
        seeder.random = self.random
        seeder.stdout = self.stdout
        seeder._seed(civil_servants, initiatives)
        self._seed_responses()
        self._seed_money(grants)
        self._seed_reminders(reminders)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Seeded everything in {time.perf_counter() - started:.0f} s.\n")
        # The header's unread count is cached; this benchmark starts no Redis. Each
        # figure is measured as computed live, as a filtered view or the beat task does.
        with override_settings(CACHES=LOCMEM, MARKTPLEIN_DASHBOARD_PRECOMPUTE=False):
            self._measure(rounds)

    # Seeding -------------------------------------------------------------------------

    def _seed_responses(self) -> None:
        """Four in five sent initiatives were answered, after 0 to 20 working days."""
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE initiatieven_initiative
                SET response_working_days = (id * 7) % 21,
                    first_response_at = submitted_at + ((id * 7) % 21) * interval '1.4 days'
                WHERE status <> 'draft' AND id % 5 <> 0
                """
            )

    def _seed_money(self, grant_count: int) -> None:
        rnd = self.random
        now = timezone.now()
        today = timezone.localdate()
        schemes = [
            SubsidyScheme.objects.create(
                name=f"Bench scheme {i}",
                year=2020 + i % 7,
                budget=Decimal("5000000"),
                rules="Bench.",
                max_amount=Decimal("10000"),
            )
            for i in range(21)
        ]
        sent = list(Initiative.objects.exclude(status="draft").values_list("pk", flat=True))
        officer = User.objects.create_user(email="bench-officer@gemeente.example", password="!")
        # Every grant has its application; one in six applications was refused.
        count = grant_count + grant_count // 5
        applications = Application.objects.bulk_create(
            [
                Application(
                    initiative_id=rnd.choice(sent),
                    scheme=schemes[i % len(schemes)],
                    status="granted" if i < grant_count else "refused",
                    amount=Decimal(rnd.randint(100, 9000)),
                    own_contribution="Volunteers.",
                    submitted_at=now - timedelta(days=rnd.randint(60, 900)),
                    decided_at=now,
                    decision_days=rnd.randint(5, 90),
                    decision_reason="" if i < grant_count else "Not in this scheme.",
                )
                for i in range(count)
            ],
            batch_size=5000,
        )
        statuses = ["granted", "reporting", "reporting", "settled", "settled"]
        grant_rows = []
        for i, application in enumerate(applications[:grant_count]):
            status = statuses[i % len(statuses)]
            settled = status == "settled"
            grant_rows.append(
                Grant(
                    initiative_id=application.initiative_id,
                    scheme=application.scheme,
                    application=application,
                    amount=application.amount,
                    granted_at=now - timedelta(days=rnd.randint(1, 900), minutes=i),
                    granted_by=officer,
                    status=status,
                    settled_amount=application.amount if settled else None,
                    settled_at=now if settled else None,
                )
            )
        grant_rows = Grant.objects.bulk_create(grant_rows, batch_size=5000)
        goals = Goal.objects.bulk_create(
            [
                Goal(grant=grant, description=f"Goal {n}", position=n)
                for grant in grant_rows
                for n in range(2)
            ],
            batch_size=10000,
        )
        reports = Report.objects.bulk_create(
            [
                Report(
                    grant=grant,
                    kind="final",
                    due_on=today - timedelta(days=rnd.randint(-90, 300)),
                    status="accepted" if i % 3 else "draft",
                    submitted_at=now - timedelta(days=rnd.randint(0, 300)) if i % 3 else None,
                    other_outcomes="More neighbours joined." if i % 7 == 0 else "",
                )
                for i, grant in enumerate(grant_rows)
            ],
            batch_size=10000,
        )
        results = ["achieved", "achieved", "partly", "not"]
        GoalOutcome.objects.bulk_create(
            [
                GoalOutcome(
                    report=report, goal=goal, result=results[goal.pk % 4], explanation="Bench."
                )
                for report, pair in zip(
                    reports, zip(goals[::2], goals[1::2], strict=True), strict=True
                )
                if report.submitted_at is not None
                for goal in pair
            ],
            batch_size=10000,
        )
        outcomes = ["accepted", "accepted", "accepted", "conversation", "conditions_adjusted"]
        ReportReview.objects.bulk_create(
            [
                ReportReview(
                    report=report,
                    outcome=outcomes[i % len(outcomes)],
                    message="Bench.",
                    reviewed_by=officer,
                    conversation_on=today
                    if outcomes[i % len(outcomes)] == "conversation"
                    else None,
                )
                for i, report in enumerate(reports)
                if report.submitted_at is not None
            ],
            batch_size=10000,
        )
        BudgetLine.objects.bulk_create(
            [
                BudgetLine(year=year, name=f"Line {n}", kind=kind, amount=Decimal(1_000_000 * n))
                for year in range(2020, 2027)
                for n, kind in enumerate(BudgetLine.Kind.values * 4, 1)
            ]
        )
        self.stdout.write(
            f"Seeded {grant_count:,} grants, {len(applications):,} applications, "
            f"{len(reports):,} reports, {len(goals):,} goals."
        )

    def _seed_reminders(self, total: int) -> None:
        people = list(User.objects.order_by("pk").values_list("pk", flat=True)[:1000])
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO herinneringen_reminder
                    (kind, recipient_id, recipient_email, params, url, subject_id, due_at,
                     dedup_key, status, attempts, last_error, created_at, sent_at)
                SELECT 'municipality_answered',
                       (%(people)s::bigint[])[1 + n %% %(count)s], '', '{}'::jsonb,
                       '/initiatieven/', NULL, now() - (n || ' minutes')::interval,
                       'bench-dashboard:' || n, 'sent', 1, '', now(), now()
                FROM generate_series(1, %(total)s) AS n
                """,
                {"people": people, "count": len(people), "total": total},
            )
        self.stdout.write(f"Seeded {total:,} reminders.")

    # Measuring -----------------------------------------------------------------------

    def _median_ms(self, rounds: int, work) -> float:
        work()  # warm up
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            work()
            samples.append((time.perf_counter() - started) * 1000)
        return statistics.median(samples)

    def _explain_ms(self, sql: str, params) -> float:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            took = plan[0]["Execution Time"] + plan[0].get("Planning Time", 0)
            if self.explain is not None and took > self.explain:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
                lines = "\n    ".join(row[0] for row in cursor.fetchall())
                self.stdout.write(f"  {took:.1f} ms: {sql[:300]}\n    {lines}")
        return took

    def _plain(self, sql: str) -> None:
        with connection.cursor() as cursor:
            for statement in sql.split(";"):
                cursor.execute(statement)
                cursor.fetchall()

    def _alderman(self) -> Client:
        alderman = User.objects.create_user(email="bench-alderman@gemeente.example", password="!")
        RoleAssignment.objects.create(user=alderman, role=Role.ALDERMAN, granted_at=timezone.now())
        TOTP.activate(alderman, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(alderman)
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "email": alderman.email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(alderman.pk)
        session.save()
        return client

    def _measure(self, rounds: int) -> None:
        scope = Scope()
        self.stdout.write(f"Median of {rounds} rounds, milliseconds.\n")
        self.stdout.write(f"{'figure':28} {'built':>8} {'queries':>8} {'slowest query':>14}")
        slowest_overall = 0.0
        for key in FIGURE_KEYS:
            built = self._median_ms(rounds, lambda key=key: figure_for(scope, key, public=False))
            with CaptureQueriesContext(connection) as queries:
                figure_for(scope, key, public=False)
            slowest = max(
                (self._explain_ms(q["sql"], None) for q in queries.captured_queries), default=0.0
            )
            slowest_overall = max(slowest_overall, slowest)
            self.stdout.write(
                f"{key:28} {built:8.1f} {len(queries.captured_queries):8d} {slowest:11.1f} ms"
            )
        plain = self._median_ms(rounds, lambda: [self._plain(sql) for sql in PLAIN_SQL.values()])
        client = self._alderman()

        def page(url):
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")

        place = (
            Initiative.objects.exclude(status="draft")
            .values_list("neighbourhood_id", flat=True)
            .first()
        )
        pages = {
            "dashboard, computed live": ("/dashboard/", False),
            "dashboard, precomputed": ("/dashboard/", True),
            "dashboard, filtered (live)": (f"/dashboard/?year=2026&neighbourhood={place}", True),
            "public figures, precomputed": ("/cijfers/", True),
            "one figure as CSV, live": ("/dashboard/money-spread.csv", False),
        }
        self.stdout.write("")
        self.stdout.write(f"{'plain SQL, every figure':28} {plain:8.1f}   1.00x  (baseline)")
        refresh = self._median_ms(rounds, figures_refresh)
        self.stdout.write(
            f"{'refresh, 2 languages (beat)':28} {refresh:8.1f}  {refresh / plain:5.2f}x"
        )
        for name, (url, precomputed) in pages.items():
            with override_settings(MARKTPLEIN_DASHBOARD_PRECOMPUTE=precomputed):
                took = self._median_ms(rounds, lambda url=url: page(url))
            self.stdout.write(f"{name:28} {took:8.1f}  {took / plain:5.2f}x")
        self.stdout.write(f"\nSlowest single query on the dashboard: {slowest_overall:.1f} ms")
