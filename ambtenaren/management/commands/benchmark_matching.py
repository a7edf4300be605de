"""Seed a large municipality and time the matching against a plain indexed query.

Everything is seeded inside one transaction that is rolled back at the end,
so the database is left as it was. PostgreSQL only: that is what production
runs. `make benchmark` starts a throwaway cluster and runs this command.
"""

import random
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from ambtenaren.matching import advisors_ranked_for, initiatives_ranked_for
from ambtenaren.models import AdvisorProfile, Advisorship
from ambtenaren.services import initiatives_count_advisors
from basisgegevens.models import ExpertiseArea, Neighbourhood
from initiatieven.models import Initiative, Membership, Need, NeedKind
from initiatieven.services import initiatives_note_open_expertise


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time ranking advisors and initiatives at municipal scale, against a plain query."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--civil-servants", type=int, default=10_000)
        parser.add_argument("--initiatives", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--explain", action="store_true", help="print the query plans")

    def handle(self, *args, civil_servants, initiatives, repeat, seed, explain, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Run the benchmark on PostgreSQL (make benchmark starts one).")
        self.random = random.Random(seed)
        try:
            with transaction.atomic():
                self._seed(civil_servants, initiatives)
                self._measure(repeat)
                if explain:
                    self._explain()
                raise Rollback
        except Rollback:
            self.stdout.write("Seeded data rolled back.")

    # Seeding ---------------------------------------------------------------------------
    def _seed(self, civil_servants: int, initiatives: int) -> None:
        started = time.perf_counter()
        rnd = self.random
        areas = [
            ExpertiseArea.objects.get_or_create(
                slug=f"bench-{i}", defaults={"name_nl": f"Gebied {i}", "name_en": f"Area {i}"}
            )[0]
            for i in range(12)
        ]
        places = [
            Neighbourhood.objects.get_or_create(
                name=f"Bench wijk {i}", defaults={"population": 2000, "population_year": 2020}
            )[0]
            for i in range(40)
        ]
        now = timezone.now()
        password = "!"  # unusable; nobody signs in as these people
        servants = User.objects.bulk_create(
            [
                User(
                    email=f"bench-cs-{i}@gemeente.example", first_name=f"CS{i}", password=password
                )
                for i in range(civil_servants)
            ],
            batch_size=5000,
        )
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=u, role=Role.CIVIL_SERVANT, reason="benchmark")
                for u in servants
            ],
            batch_size=5000,
        )
        profiles = AdvisorProfile.objects.bulk_create(
            [
                AdvisorProfile(
                    user=u,
                    hours_per_month=rnd.choice([2, 4, 8, 16]),
                    is_available=rnd.random() > 0.1,
                )
                for u in servants
            ],
            batch_size=5000,
        )
        area_links = AdvisorProfile.expertise_areas.through
        place_links = AdvisorProfile.neighbourhoods.through
        area_links.objects.bulk_create(
            [
                area_links(advisorprofile_id=p.pk, expertisearea_id=a.pk)
                for p in profiles
                for a in rnd.sample(areas, 2)
            ],
            batch_size=10000,
        )
        place_links.objects.bulk_create(
            [
                place_links(advisorprofile_id=p.pk, neighbourhood_id=n.pk)
                for p in profiles
                for n in rnd.sample(places, 2)
            ],
            batch_size=10000,
        )
        residents = User.objects.bulk_create(
            [
                User(email=f"bench-r-{i}@example.org", first_name=f"R{i}", password=password)
                for i in range(max(initiatives // 5, 1))
            ],
            batch_size=5000,
        )
        statuses = ["submitted", "active", "active", "completed", "draft", "stopped"]
        created = Initiative.objects.bulk_create(
            [
                Initiative(
                    title=f"Initiative {i}",
                    summary="Benchmark.",
                    neighbourhood=rnd.choice(places),
                    status=(status := rnd.choice(statuses)),
                    submitted_at=None
                    if status == "draft"
                    else now - timedelta(days=rnd.randint(0, 900)),
                    created_by=rnd.choice(residents),
                )
                for i in range(initiatives)
            ],
            batch_size=5000,
        )
        Membership.objects.bulk_create(
            [Membership(initiative=i, user_id=i.created_by_id, role="lead") for i in created],
            batch_size=10000,
        )
        Need.objects.bulk_create(
            [
                Need(
                    initiative=i,
                    kind=NeedKind.EXPERTISE,
                    description="Advice",
                    expertise_area=rnd.choice(areas),
                    status=rnd.choice(["open", "open", "met"]),
                    met_by="municipality",
                )
                for i in created
                for _ in range(rnd.randint(0, 2))
            ],
            batch_size=10000,
        )
        open_ones = [i for i in created if i.status in ("submitted", "active")]
        pairs = set()
        advisorships = []
        for initiative in rnd.sample(open_ones, min(len(open_ones), civil_servants // 2)):
            profile = rnd.choice(profiles)
            if (initiative.pk, profile.pk) in pairs:
                continue
            pairs.add((initiative.pk, profile.pk))
            advisorships.append(
                Advisorship(
                    initiative=initiative,
                    advisor=profile,
                    status="active",
                    proposed_by="advisor",
                    hours_per_month=1,
                    no_conflict_declared=True,
                    accepted_at=now,
                )
            )
        Advisorship.objects.bulk_create(advisorships, batch_size=5000)
        # What the services write down on each initiative for matching.
        initiatives_note_open_expertise()
        initiatives_count_advisors()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Seeded {civil_servants} civil servants, {initiatives} initiatives, "
            f"{Need.objects.count()} needs, {len(advisorships)} advisorships "
            f"in {time.perf_counter() - started:.1f} s."
        )
        self.initiative = rnd.choice(open_ones)
        self.profile = rnd.choice([p for p in profiles if p.is_available])

    # Measuring -------------------------------------------------------------------------
    def _time(self, repeat: int, work) -> float:
        work()  # warm up
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            samples.append((time.perf_counter() - started) * 1000)
        return statistics.median(samples)

    def _measure(self, repeat: int) -> None:
        initiative, profile = self.initiative, self.profile

        def baseline():
            # One plain indexed query over the same tables: the newest open initiatives
            # of one neighbourhood, and the available civil servants with a profile.
            list(
                Initiative.objects.filter(
                    status="submitted",
                    is_hidden=False,
                    neighbourhood_id=initiative.neighbourhood_id,
                ).order_by("-submitted_at")[:20]
            )
            list(AdvisorProfile.objects.filter(is_available=True).order_by("pk")[:10])

        base = self._time(repeat, baseline)
        advisors = self._time(repeat, lambda: advisors_ranked_for(initiative))
        ranked = self._time(repeat, lambda: initiatives_ranked_for(profile))
        self.stdout.write(f"median of {repeat} runs, milliseconds:")
        self.stdout.write(f"  baseline (plain indexed queries)      {base:8.1f}   1.0x")
        self.stdout.write(
            f"  rank advisors for one initiative      {advisors:8.1f}  {advisors / base:5.1f}x"
        )
        self.stdout.write(
            f"  rank initiatives for one civil servant {ranked:7.1f}  {ranked / base:5.1f}x"
        )
        self.advisors_ms, self.initiatives_ms, self.baseline_ms = advisors, ranked, base

    def _explain(self) -> None:
        from django.test.utils import CaptureQueriesContext

        for label, work in [
            ("advisors", lambda: advisors_ranked_for(self.initiative)),
            ("initiatives", lambda: initiatives_ranked_for(self.profile)),
        ]:
            with CaptureQueriesContext(connection) as queries:
                work()
            ranking = max(queries.captured_queries, key=lambda q: len(q["sql"]))["sql"]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + ranking)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            self.stdout.write(f"--- {label}: {len(queries)} queries; plan of the ranking:\n{plan}")
