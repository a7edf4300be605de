"""Seed a large municipality's subsidies and measure the grant officer's pages.

100,000 initiatives and 50,000 grants (with their applications, goals and reports)
are seeded in one transaction that is rolled back at the end. Each page is
requested through Django's test client in that transaction; every query it
issues is then run again under EXPLAIN ANALYZE for its time in the database.
PostgreSQL only: `make benchmark-subsidies` starts a throwaway cluster.
"""

import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from allauth.mfa.totp.internal.auth import TOTP
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from basisgegevens.models import Neighbourhood
from initiatieven.models import Initiative, Membership
from subsidies.models import Application, Goal, Grant, Report, SubsidyScheme


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the subsidy queue, review list, register and grant page at municipal scale."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--initiatives", type=int, default=100_000)
        parser.add_argument("--grants", type=int, default=50_000)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, initiatives, grants, rounds, seed, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Run the benchmark on PostgreSQL (make benchmark starts one).")
        self.random = random.Random(seed)
        try:
            with transaction.atomic():
                self._seed(initiatives, grants)
                self._measure(rounds)
                raise Rollback
        except Rollback:
            self.stdout.write("Seeded data rolled back.")

    def _seed(self, initiative_count: int, grant_count: int) -> None:
        started = time.perf_counter()
        rnd = self.random
        now = timezone.now()
        places = [
            Neighbourhood.objects.get_or_create(
                name=f"Bench wijk {i}", defaults={"population": 2000, "population_year": 2020}
            )[0]
            for i in range(40)
        ]
        self.lead = User.objects.create_user(email="bench-lead@example.org", password="!")
        self.officer = User.objects.create_user(
            email="bench-officer@gemeente.example", password="!"
        )
        for role in (Role.CIVIL_SERVANT, Role.GRANT_OFFICER):
            RoleAssignment.objects.create(user=self.officer, role=role, granted_at=now)
        TOTP.activate(self.officer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        initiatives = Initiative.objects.bulk_create(
            [
                Initiative(
                    title=f"Bench initiative {i}",
                    summary="A plan for the street.",
                    neighbourhood=rnd.choice(places),
                    status="active",
                    submitted_at=now - timedelta(minutes=i),
                )
                for i in range(initiative_count)
            ],
            batch_size=5000,
        )
        schemes = [
            SubsidyScheme.objects.create(
                name=f"Bench scheme {i}",
                year=2020 + i % 7,
                budget=Decimal("100000000"),
                rules="Bench.",
                max_amount=Decimal("10000"),
            )
            for i in range(21)
        ]
        # Every grant has its application; 2,000 more applications wait for a decision.
        applications = Application.objects.bulk_create(
            [
                Application(
                    initiative=initiatives[i % initiative_count],
                    scheme=schemes[i % len(schemes)],
                    status="granted" if i < grant_count else "submitted",
                    amount=Decimal(rnd.randint(100, 9000)),
                    own_contribution="Volunteers.",
                    submitted_at=now - timedelta(minutes=grant_count + 2000 - i),
                )
                for i in range(grant_count + 2000)
            ],
            batch_size=5000,
        )
        grant_rows = Grant.objects.bulk_create(
            [
                Grant(
                    initiative=application.initiative,
                    scheme=application.scheme,
                    application=application,
                    amount=application.amount,
                    granted_at=now - timedelta(minutes=grant_count - i),
                    status="reporting",
                )
                for i, application in enumerate(applications[:grant_count])
            ],
            batch_size=5000,
        )
        Goal.objects.bulk_create(
            [
                Goal(grant=grant, description=f"Goal {n}", position=n)
                for grant in grant_rows
                for n in range(2)
            ],
            batch_size=10000,
        )
        today = timezone.localdate()
        reports = []
        for i, grant in enumerate(grant_rows):
            waiting = i % 25 == 0  # 2,000 interim reports wait for a review
            reports.append(
                Report(
                    grant=grant,
                    kind="interim",
                    due_on=today,
                    status="submitted" if waiting else "accepted",
                    submitted_at=now - timedelta(minutes=i),
                )
            )
            reports.append(Report(grant=grant, kind="final", due_on=today + timedelta(days=90)))
        Report.objects.bulk_create(reports, batch_size=10000)
        self.grant = grant_rows[grant_count // 2]
        Membership.objects.create(initiative=self.grant.initiative, user=self.lead, role="lead")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Seeded {initiative_count:,} initiatives, {grant_count:,} grants, "
            f"{len(applications):,} applications, {len(reports):,} reports "
            f"in {time.perf_counter() - started:.0f} s."
        )

    def _client(self, user) -> Client:
        client = Client()
        client.force_login(user)
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
        return client

    def _page(self, client, url: str, rounds: int):
        """(queries, slowest query ms, request ms), each the median of `rounds`."""
        counts, slowest, totals = [], [], []
        for _round in range(rounds):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                totals.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            counts.append(len(queries.captured_queries))
            slowest.append(max(self._explain(q["sql"]) for q in queries.captured_queries))
        return statistics.median(counts), statistics.median(slowest), statistics.median(totals)

    def _explain(self, sql: str) -> float:
        if not sql.lstrip().upper().startswith("SELECT"):
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        plan = plan[0] if isinstance(plan, list) else plan
        return plan["Execution Time"]

    def _measure(self, rounds: int) -> None:
        officer, lead = self._client(self.officer), self._client(self.lead)
        year = SubsidyScheme.objects.order_by("year").values_list("year", flat=True).first()
        pages = [
            ("baseline: the privacy page (no query of its own)", officer, reverse("privacy")),
            ("application queue", officer, reverse("subsidies:application_queue")),
            (
                "application queue, page 40",
                officer,
                reverse("subsidies:application_queue") + "?page=40",
            ),
            ("review list", officer, reverse("subsidies:review_queue")),
            ("register", officer, reverse("subsidies:register")),
            ("register, page 500", officer, reverse("subsidies:register") + "?page=500"),
            ("register, one year", officer, reverse("subsidies:register") + f"?year={year}"),
            ("schemes and budgets", officer, reverse("subsidies:grant_officer")),
            ("grant page, grant officer", officer, self.grant.get_absolute_url()),
            ("grant page, lead", lead, self.grant.get_absolute_url()),
        ]
        self.stdout.write(f"median of {rounds} rounds:")
        self.stdout.write(f"  {'page':52} {'queries':>7} {'slowest query':>14} {'request':>10}")
        for label, client, url in pages:
            count, slowest, total = self._page(client, url, rounds)
            self.stdout.write(f"  {label:52} {count:7.0f} {slowest:11.1f} ms {total:7.1f} ms")
