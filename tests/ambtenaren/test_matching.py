"""Each factor of the ranking moves it the right way, and the reason says so."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from ambtenaren.matching import advisors_ranked_for, initiatives_ranked_for
from initiatieven.models import Initiative
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    ExpertiseAreaFactory,
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    NeighbourhoodFactory,
    UserFactory,
)
from tests.plans import plans_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def permits():
    return ExpertiseAreaFactory(name_en="permits")


def _order(suggestions):
    return [s.obj.pk for s in suggestions]


def test_expertise_matching_an_open_need_ranks_first_and_is_named(permits):
    initiative = InitiativeFactory()
    NeedFactory(initiative=initiative, kind="expertise", expertise_area=permits)
    other = AdvisorProfileFactory(areas=[ExpertiseAreaFactory()])
    expert = AdvisorProfileFactory(areas=[permits])
    ranked = advisors_ranked_for(initiative)
    assert _order(ranked) == [expert.pk, other.pk]
    # A coordinator reads about the initiative; its residents read "you".
    assert "knows about permits, which the initiative asked for" in ranked[0].reason
    for_residents = advisors_ranked_for(initiative, for_resident=True)
    assert "knows about permits, which you asked for" in for_residents[0].reason


def test_a_met_need_no_longer_counts(permits):
    initiative = InitiativeFactory()
    NeedFactory(
        initiative=initiative,
        kind="expertise",
        expertise_area=permits,
        status="met",
        met_by="municipality",
    )
    expert = AdvisorProfileFactory(areas=[permits])
    ranked = advisors_ranked_for(initiative)
    assert ranked[0].obj == expert
    assert "permits" not in ranked[0].reason


def test_knowing_the_neighbourhood_ranks_higher_and_is_named():
    place = NeighbourhoodFactory(name="De Wierden")
    initiative = InitiativeFactory(neighbourhood=place)
    stranger = AdvisorProfileFactory()
    local = AdvisorProfileFactory(knows=[place])
    ranked = advisors_ranked_for(initiative)
    assert _order(ranked) == [local.pk, stranger.pk]
    assert "knows De Wierden well" in ranked[0].reason


def test_more_free_hours_rank_higher_and_full_civil_servants_are_left_out():
    initiative = InitiativeFactory()
    busy = AdvisorProfileFactory(hours_per_month=3)
    free = AdvisorProfileFactory(hours_per_month=8)
    full = AdvisorProfileFactory(hours_per_month=2)
    AdvisorshipFactory(advisor=full, active=True, hours_per_month=2)
    ranked = advisors_ranked_for(initiative)
    assert _order(ranked) == [free.pk, busy.pk]
    assert "8 free hours" in ranked[0].reason


def test_holding_many_advisorships_is_a_penalty_and_is_named():
    initiative = InitiativeFactory()
    loaded = AdvisorProfileFactory(hours_per_month=20)
    AdvisorshipFactory.create_batch(2, advisor=loaded, active=True, hours_per_month=1)
    fresh = AdvisorProfileFactory(hours_per_month=20)
    ranked = advisors_ranked_for(initiative)
    assert _order(ranked) == [fresh.pk, loaded.pk]
    assert "already advises 2 initiatives" in ranked[1].reason


def test_members_unavailable_and_current_advisors_are_not_suggested():
    initiative = InitiativeFactory()
    member = AdvisorProfileFactory()
    MembershipFactory(initiative=initiative, user=member.user)
    AdvisorProfileFactory(is_available=False)
    current = AdvisorProfileFactory()
    AdvisorshipFactory(initiative=initiative, advisor=current)
    assert advisors_ranked_for(initiative) == []


def test_residents_do_not_see_a_civil_servants_workload():
    initiative = InitiativeFactory()
    AdvisorProfileFactory()
    reason = advisors_ranked_for(initiative, for_resident=True)[0].reason
    assert "hour" not in reason and "advises" not in reason


def test_for_a_civil_servant_longest_waiting_first():
    profile = AdvisorProfileFactory()
    now = timezone.now()
    recent = InitiativeFactory(submitted_at=now - timedelta(days=1))
    waiting = InitiativeFactory(submitted_at=now - timedelta(days=21))
    ranked = initiatives_ranked_for(profile, now=now)
    assert _order(ranked) == [waiting.pk, recent.pk]
    assert "has waited" in ranked[0].reason


def test_for_a_civil_servant_initiatives_without_advisor_first():
    profile = AdvisorProfileFactory()
    now = timezone.now()
    advised = InitiativeFactory(submitted_at=now - timedelta(days=3))
    AdvisorshipFactory(initiative=advised, active=True)
    alone = InitiativeFactory(submitted_at=now - timedelta(days=3))
    ranked = initiatives_ranked_for(profile, now=now)
    assert _order(ranked) == [alone.pk, advised.pk]
    assert "has no advisor yet" in ranked[0].reason
    assert "no advisor" not in ranked[1].reason


def test_for_a_civil_servant_expertise_and_neighbourhood_count(permits):
    place = NeighbourhoodFactory(name="De Marken")
    profile = AdvisorProfileFactory(areas=[permits], knows=[place])
    now = timezone.now()
    plain = InitiativeFactory(submitted_at=now - timedelta(days=3))
    near = InitiativeFactory(submitted_at=now - timedelta(days=3), neighbourhood=place)
    asks = InitiativeFactory(submitted_at=now - timedelta(days=3))
    NeedFactory(initiative=asks, kind="expertise", expertise_area=permits)
    ranked = initiatives_ranked_for(profile, now=now)
    assert _order(ranked) == [asks.pk, near.pk, plain.pk]
    assert "asks for permits" in ranked[0].reason
    assert "is in De Marken" in ranked[1].reason


def test_for_a_civil_servant_full_drafts_and_own_initiatives_are_left_out():
    profile = AdvisorProfileFactory()
    full = InitiativeFactory(max_advisors=1)
    AdvisorshipFactory(initiative=full, active=True)
    InitiativeFactory(draft=True)
    InitiativeFactory(hidden=True)
    own = InitiativeFactory()
    MembershipFactory(initiative=own, user=profile.user)
    assert initiatives_ranked_for(profile) == []


def test_the_ranking_equals_scoring_every_initiative(permits):
    """The ranking looks only at candidates; it must agree with scoring all of them."""
    from ambtenaren import matching as s

    place = NeighbourhoodFactory()
    profile = AdvisorProfileFactory(areas=[permits], knows=[place])
    now = timezone.now()
    expected = []
    for number in range(30):
        initiative = InitiativeFactory(
            submitted_at=now - timedelta(days=(number * 7) % 25),
            neighbourhood=place if number % 5 == 0 else NeighbourhoodFactory(),
        )
        asks = number % 4 == 0
        if asks:
            NeedFactory(initiative=initiative, kind="expertise", expertise_area=permits)
        advised = number % 3 == 0
        if advised:
            AdvisorshipFactory(initiative=initiative, active=True)
        age = (number * 7) % 25
        score = (
            s.EXPERTISE_MATCH * asks
            + s.KNOWS_NEIGHBOURHOOD * (number % 5 == 0)
            + s.NO_ADVISOR_YET * (not advised)
            + s.WAITING * sum(age >= days for days in s.WAITING_STEPS)
        )
        expected.append((-score, initiative.submitted_at, initiative.pk))
    ranked = initiatives_ranked_for(profile, limit=12, now=now)
    assert _order(ranked) == [pk for _score, _at, pk in sorted(expected)[:12]]
    assert [r.score for r in ranked] == [-score for score, _at, _pk in sorted(expected)[:12]]
    # The statement reads the model's columns, not the search words the table also holds.
    assert "search_vector" not in vars(ranked[0].obj)


def _scored_by_hand(profile, now, limit):
    """Every open initiative scored in Python, as the weights say: the ranking's answer."""
    from ambtenaren import matching as s

    keys = {str(pk) for pk in profile.expertise_areas.values_list("pk", flat=True)}
    places = set(profile.neighbourhoods.values_list("pk", flat=True))
    scored = []
    for initiative in Initiative.objects.filter(status="submitted", is_hidden=False):
        if initiative.advisor_count >= initiative.max_advisors:
            continue
        age = now - initiative.submitted_at
        score = (
            s.EXPERTISE_MATCH * len(keys & set(initiative.open_expertise_areas))
            + s.KNOWS_NEIGHBOURHOOD * (initiative.neighbourhood_id in places)
            + s.NO_ADVISOR_YET * (initiative.advisor_count == 0)
            + s.WAITING * sum(age >= timedelta(days=days) for days in s.WAITING_STEPS)
        )
        scored.append((-score, initiative.submitted_at, initiative.pk))
    return [(pk, -score) for score, _at, pk in sorted(scored)[:limit]]


def _rankings_run(profile, now, limit):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        ranked = initiatives_ranked_for(profile, limit=limit, now=now)
    statements = [q["sql"] for q in queries.captured_queries if "AS score" in q["sql"]]
    return [(r.obj.pk, r.score) for r in ranked], statements


def test_initiatives_asking_for_every_field_settle_the_top_in_one_statement(permits):
    """Many ask for both fields: the top is theirs, and no other initiative is read."""
    green = ExpertiseAreaFactory(name_en="green space")
    place = NeighbourhoodFactory()
    profile = AdvisorProfileFactory(areas=[permits, green], knows=[place])
    now = timezone.now()
    for number in range(8):
        both = InitiativeFactory(submitted_at=now - timedelta(days=30 + number))
        NeedFactory(initiative=both, kind="expertise", expertise_area=permits)
        NeedFactory(initiative=both, kind="expertise", expertise_area=green)
    for _ in range(4):  # one field, in a known place, waited longest: 28 points
        one = InitiativeFactory(submitted_at=now - timedelta(days=60), neighbourhood=place)
        NeedFactory(initiative=one, kind="expertise", expertise_area=green)
    ranked, statements = _rankings_run(profile, now, limit=5)
    assert ranked == _scored_by_hand(profile, now, limit=5)
    assert [score for _pk, score in ranked] == [34] * 5
    assert len(statements) == 1 and "?&" in statements[0], statements


def test_too_few_asking_for_every_field_rank_all_candidates(permits):
    """Those asking for one field can still reach the page: then all candidates count."""
    green = ExpertiseAreaFactory(name_en="green space")
    place = NeighbourhoodFactory()
    profile = AdvisorProfileFactory(areas=[permits, green], knows=[place])
    now = timezone.now()
    both = InitiativeFactory(submitted_at=now - timedelta(days=3))  # 20 + 6 + 2 points
    NeedFactory(initiative=both, kind="expertise", expertise_area=permits)
    NeedFactory(initiative=both, kind="expertise", expertise_area=green)
    for _ in range(4):  # 10 + 4 + 6 + 8 points: as many, and waiting longer
        one = InitiativeFactory(submitted_at=now - timedelta(days=60), neighbourhood=place)
        NeedFactory(initiative=one, kind="expertise", expertise_area=green)
    InitiativeFactory(submitted_at=now - timedelta(days=3), neighbourhood=place)
    ranked, statements = _rankings_run(profile, now, limit=5)
    assert ranked == _scored_by_hand(profile, now, limit=5)
    assert ranked[-1] == (both.pk, 28)
    assert len(statements) == 2, statements
    # A full page of those asking for both, but its last one does not beat all others.
    top, statements = _rankings_run(profile, now, limit=1)
    assert top == _scored_by_hand(profile, now, limit=1)
    assert top[0][0] != both.pk
    assert len(statements) == 2, statements


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_command_runs_and_leaves_nothing_behind():
    from io import StringIO

    from django.core.management import call_command

    from ambtenaren.models import AdvisorProfile
    from initiatieven.models import Initiative

    out = StringIO()
    call_command("benchmark_matching", civil_servants=40, initiatives=200, repeat=2, stdout=out)
    report = out.getvalue()
    assert "Seeded 40 civil servants, 200 initiatives" in report
    assert "rank advisors for one initiative" in report
    assert "rank initiatives for one civil servant" in report
    assert "x\n" in report  # ratios against the baseline
    assert not Initiative.objects.exists() and not AdvisorProfile.objects.exists()


def test_the_suggestion_queries_read_their_indexes():
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory()
    AdvisorshipFactory(active=True)
    # Civil servants for an initiative: the load of each from the open advisorships'
    # partial index, and whether they take part already from the pair indexes.
    (advisors,) = plans_of(lambda: advisors_ranked_for(initiative), containing="score")
    assert "one_open_advisorship_per_pair" in advisors, advisors
    assert "member_once" in advisors, advisors
    # Initiatives for a civil servant: the longest-waiting walk the public ordering's index;
    # those asking for the expertise come from the GIN index on what open initiatives ask,
    # those in a known neighbourhood from the open ones' index per neighbourhood. Each part
    # reads a few rows of many, as in a municipality: then each takes its own index.
    area, place = ExpertiseAreaFactory(), NeighbourhoodFactory()
    elsewhere, lead = NeighbourhoodFactory(), UserFactory()
    Initiative.objects.bulk_create(
        Initiative(
            title=f"Initiative {n}",
            summary="Plain.",
            neighbourhood=place if n % 50 == 0 else elsewhere,
            status="submitted",
            submitted_at=timezone.now() - timedelta(days=n % 30),
            created_by=lead,
            open_expertise_areas={str(area.pk): True} if n % 200 == 0 else {"0": True},
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE initiatieven_initiative")
    profile = AdvisorProfileFactory(areas=[area], knows=[place])
    # Ten ask for the field, fewer than a page: first those, then every candidate.
    asking_all, initiatives = plans_of(lambda: initiatives_ranked_for(profile), containing="score")
    assert "initiative_open_expertise" in asking_all, asking_all
    assert "initiative_public_list" in initiatives, initiatives
    assert "initiative_open_expertise" in initiatives, initiatives
    assert "initiative_open_by_place" in initiatives, initiatives
