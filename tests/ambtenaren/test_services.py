import threading
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from ambtenaren import services
from ambtenaren.models import Advisorship
from audit.models import AuditEvent
from herinneringen.models import Reminder
from initiatieven.models import Initiative
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    InitiativeFactory,
    MembershipFactory,
    UserFactory,
)
from tests.races import at_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_on_a_fixed_tuesday():
    """Messages in the source language; time fixed on Tuesday 24 November 2026, 10:00."""
    moment = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with translation.override("en"), time_machine.travel(moment, tick=True):
        yield


def _claim(initiative, profile, hours=2, no_conflict=True):
    return services.advisorship_claim(
        initiative=initiative,
        advisor=profile,
        hours=hours,
        no_conflict=no_conflict,
        actor=profile.user,
    )


def test_a_claim_is_proposed_recorded_and_counts_as_first_response():
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory()
    advisorship = _claim(initiative, profile, hours=3)
    assert (advisorship.status, advisorship.proposed_by, advisorship.hours_per_month) == (
        "proposed",
        "advisor",
        3,
    )
    initiative.refresh_from_db()
    assert initiative.first_response_at is not None
    assert AuditEvent.objects.filter(action="advisorship.claimed", actor=profile.user).exists()


def test_a_claim_needs_the_no_conflict_declaration():
    with pytest.raises(ValidationError, match="conflict of interest"):
        _claim(InitiativeFactory(), AdvisorProfileFactory(), no_conflict=False)
    assert not Advisorship.objects.exists()


def test_a_civil_servant_cannot_advise_their_own_initiative():
    profile = AdvisorProfileFactory()
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative, user=profile.user)
    with pytest.raises(ValidationError, match="member of"):
        _claim(initiative, profile)


def test_a_claim_cannot_exceed_the_free_hours():
    profile = AdvisorProfileFactory(hours_per_month=4)
    _claim(InitiativeFactory(), profile, hours=3)
    with pytest.raises(ValidationError, match="1 hours a month left"):
        _claim(InitiativeFactory(), profile, hours=2)
    assert services.free_hours(profile) == 1


def test_an_initiative_has_at_most_its_number_of_advisors():
    initiative = InitiativeFactory(max_advisors=2)
    _claim(initiative, AdvisorProfileFactory())
    _claim(initiative, AdvisorProfileFactory())
    with pytest.raises(ValidationError, match="most advisors"):
        _claim(initiative, AdvisorProfileFactory())


def test_claiming_twice_or_a_draft_or_for_someone_else_is_refused():
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory()
    _claim(initiative, profile)
    with pytest.raises(ValidationError, match="already advises"):
        _claim(initiative, profile)
    with pytest.raises(ValidationError, match="not open"):
        _claim(InitiativeFactory(draft=True), profile)
    # Claiming for someone else: not a question of data, a question of who.
    with pytest.raises(PermissionDenied):
        services.advisorship_claim(
            initiative=InitiativeFactory(),
            advisor=profile,
            hours=1,
            no_conflict=True,
            actor=UserFactory(civil_servant=True),
        )


def test_only_civil_servants_claim():
    resident = UserFactory()
    profile = AdvisorProfileFactory(user=UserFactory(civil_servant=True))
    with pytest.raises(PermissionDenied):
        services.advisorship_claim(
            initiative=InitiativeFactory(),
            advisor=profile,
            hours=1,
            no_conflict=True,
            actor=resident,
        )


def test_the_lead_accepts_a_claim_and_the_initiative_becomes_active():
    initiative = InitiativeFactory()
    advisorship = _claim(initiative, AdvisorProfileFactory())
    with pytest.raises(PermissionDenied):
        services.advisorship_accept(advisorship=advisorship, actor=UserFactory())
    services.advisorship_accept(advisorship=advisorship, actor=initiative.created_by)
    advisorship.refresh_from_db()
    initiative.refresh_from_db()
    assert advisorship.status == "active" and advisorship.accepted_at
    assert initiative.status == Initiative.Status.ACTIVE
    assert AuditEvent.objects.filter(action="advisorship.accepted").count() == 1
    with pytest.raises(ValidationError, match="no longer waiting"):
        services.advisorship_accept(advisorship=advisorship, actor=initiative.created_by)


def test_an_initiative_asks_and_the_civil_servant_accepts_with_hours_and_declaration():
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory(hours_per_month=5)
    with pytest.raises(PermissionDenied):
        services.advisorship_request(initiative=initiative, advisor=profile, actor=UserFactory())
    advisorship = services.advisorship_request(
        initiative=initiative, advisor=profile, actor=initiative.created_by
    )
    assert advisorship.proposed_by == "initiative"
    with pytest.raises(PermissionDenied):
        services.advisorship_accept(advisorship=advisorship, actor=initiative.created_by)
    with pytest.raises(ValidationError, match="conflict"):
        services.advisorship_accept(advisorship=advisorship, actor=profile.user, hours=2)
    with pytest.raises(ValidationError, match="free hours"):
        services.advisorship_accept(
            advisorship=advisorship, actor=profile.user, hours=6, no_conflict=True
        )
    services.advisorship_accept(
        advisorship=advisorship, actor=profile.user, hours=4, no_conflict=True
    )
    advisorship.refresh_from_db()
    assert (advisorship.status, advisorship.hours_per_month) == ("active", 4)


def test_an_unavailable_civil_servant_cannot_be_asked():
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError, match="not available"):
        services.advisorship_request(
            initiative=initiative,
            advisor=AdvisorProfileFactory(is_available=False),
            actor=initiative.created_by,
        )


def test_a_coordinator_proposes_an_advisor():
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory()
    with pytest.raises(PermissionDenied):
        services.advisorship_propose(
            initiative=initiative, advisor=profile, actor=UserFactory(civil_servant=True)
        )
    coordinator = UserFactory(coordinator=True)
    advisorship = services.advisorship_propose(
        initiative=initiative, advisor=profile, actor=coordinator, reason="Knows permits."
    )
    assert advisorship.proposed_by == "coordinator"
    event = AuditEvent.objects.get(action="advisorship.proposed")
    assert (event.actor, event.reason) == (coordinator, "Knows permits.")


def test_ending_frees_the_hours_and_is_recorded():
    profile = AdvisorProfileFactory(hours_per_month=4)
    advisorship = AdvisorshipFactory(advisor=profile, active=True, hours_per_month=4)
    assert services.free_hours(profile) == 0
    with pytest.raises(PermissionDenied):
        services.advisorship_end(advisorship=advisorship, actor=UserFactory(), status="released")
    services.advisorship_end(
        advisorship=advisorship, actor=profile.user, status="completed", reason="Done."
    )
    assert services.free_hours(profile) == 4
    assert AuditEvent.objects.filter(action="advisorship.completed").count() == 1
    with pytest.raises(ValidationError, match="already ended"):
        services.advisorship_end(advisorship=advisorship, actor=profile.user, status="released")


def test_a_proposal_cannot_be_completed_only_released():
    advisorship = AdvisorshipFactory()
    with pytest.raises(ValidationError, match="Only an active"):
        services.advisorship_end(
            advisorship=advisorship, actor=advisorship.advisor.user, status="completed"
        )
    services.advisorship_end(
        advisorship=advisorship, actor=advisorship.initiative.created_by, status="released"
    )


def test_the_advisor_logs_contacts_with_sensible_dates():
    advisorship = AdvisorshipFactory(active=True)
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.contact_log(
            advisorship=advisorship, actor=UserFactory(), date=today, channel="phone", topic="x"
        )
    with pytest.raises(ValidationError, match="future"):
        services.contact_log(
            advisorship=advisorship,
            actor=advisorship.advisor.user,
            date=today + timedelta(days=1),
            channel="phone",
            topic="x",
        )
    with pytest.raises(ValidationError, match="after the contact"):
        services.contact_log(
            advisorship=advisorship,
            actor=advisorship.advisor.user,
            date=today,
            channel="phone",
            topic="x",
            follow_up_on=today - timedelta(days=1),
        )
    contact = services.contact_log(
        advisorship=advisorship,
        actor=advisorship.advisor.user,
        date=today,
        channel="visit",
        topic="Permit for the garden",
        next_step="Send the form",
        follow_up_on=today + timedelta(days=7),
    )
    assert contact.next_step == "Send the form"


def test_profile_hours_cannot_drop_below_what_is_lent():
    profile = AdvisorProfileFactory(hours_per_month=6)
    AdvisorshipFactory(advisor=profile, active=True, hours_per_month=4)
    with pytest.raises(ValidationError, match="already lend 4 hours"):
        services.profile_save(
            user=profile.user, expertise_areas=[], hours_per_month=3, neighbourhoods=[]
        )
    services.profile_save(
        user=profile.user, expertise_areas=[], hours_per_month=4, neighbourhoods=[]
    )


def test_a_response_sets_the_first_response_once():
    initiative = InitiativeFactory()
    civil_servant = UserFactory(civil_servant=True)
    services.response_send(initiative=initiative, author=civil_servant, message="Welcome!")
    initiative.refresh_from_db()
    first = initiative.first_response_at
    services.response_send(initiative=initiative, author=civil_servant, message="Again.")
    initiative.refresh_from_db()
    assert initiative.first_response_at == first
    with pytest.raises(PermissionDenied):
        services.response_send(initiative=initiative, author=UserFactory(), message="Hi")


@pytest.mark.django_db(transaction=True)
def test_sixteen_civil_servants_race_for_the_last_place_and_exactly_one_wins():
    threads_count = 16
    for _round in range(20):
        initiative = InitiativeFactory(max_advisors=2)
        _claim(initiative, AdvisorProfileFactory())  # one place left
        profiles = [AdvisorProfileFactory(hours_per_month=8) for _ in range(threads_count)]
        barrier = threading.Barrier(threads_count)
        outcomes = []

        def claim(profile, barrier=barrier, outcomes=outcomes, initiative=initiative):
            try:
                barrier.wait()
                with translation.override("en"):
                    _claim(initiative, profile, hours=3)
                outcomes.append("won")
            except ValidationError as error:
                outcomes.append(error.messages[0])
            finally:
                connection.close()

        threads = [threading.Thread(target=claim, args=(p,)) for p in profiles]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes.count("won") == 1, outcomes
        assert all("most advisors" in o for o in outcomes if o != "won")
        assert initiative.advisorships.filter(status__in=Advisorship.OPEN_STATUSES).count() == 2
        # The losers' hours are untouched.
        free = sorted(services.free_hours(p) for p in profiles)
        assert free == [5] + [8] * (threads_count - 1)


def test_an_answer_stays_saved_when_the_mail_server_is_down(settings, caplog, deliver):
    settings.EMAIL_BACKEND = "tests.mail_backends.BrokenEmailBackend"
    initiative = InitiativeFactory(title="Two\nlines")
    civil_servant = UserFactory(civil_servant=True)
    response = services.response_send(
        initiative=initiative, author=civil_servant, message="Welcome!"
    )
    deliver()
    response.refresh_from_db()
    initiative.refresh_from_db()
    assert initiative.first_response_at == response.created_at
    assert "Could not send" in caplog.text
    # The message waits in the outbox to be tried again.
    (reminder,) = Reminder.objects.filter(kind="municipality_answered")
    assert (reminder.status, reminder.attempts) == ("pending", 1)


@pytest.mark.parametrize("status", ["proposed", "completed", "released"])
def test_contacts_are_logged_only_on_an_active_advisorship(status):
    advisorship = AdvisorshipFactory(status=status)
    with pytest.raises(ValidationError, match="only log contacts for an active advisorship"):
        services.contact_log(
            advisorship=advisorship,
            actor=advisorship.advisor.user,
            date=timezone.localdate(),
            channel="phone",
            topic="x",
        )
    assert not advisorship.contacts.exists()


def test_every_first_answer_of_the_municipality_counts_as_the_first_response():
    """A claim, a coordinator's proposal and a request the advisor accepts all answer."""
    coordinator = UserFactory(coordinator=True)
    proposed = InitiativeFactory()
    services.advisorship_propose(
        initiative=proposed, advisor=AdvisorProfileFactory(), actor=coordinator, reason="Fits."
    )
    proposed.refresh_from_db()
    assert proposed.first_response_at is not None

    asked = InitiativeFactory()
    profile = AdvisorProfileFactory(hours_per_month=8)
    request = services.advisorship_request(
        initiative=asked, advisor=profile, actor=asked.created_by
    )
    asked.refresh_from_db()
    assert asked.first_response_at is None  # the initiative asked; nobody answered yet
    services.advisorship_accept(advisorship=request, actor=profile.user, hours=2, no_conflict=True)
    asked.refresh_from_db()
    request.refresh_from_db()
    assert asked.first_response_at == request.accepted_at


def test_a_coordinator_may_end_an_advisorship_and_the_page_offers_it(client):
    from django.urls import reverse

    from tests.factories import login_with_second_factor

    advisorship = AdvisorshipFactory(active=True)
    coordinator = UserFactory(coordinator=True)
    login_with_second_factor(client, coordinator)
    page = client.get(reverse("ambtenaren:advisorship", args=[advisorship.pk]))
    assert page.context["can_end"] is True
    services.advisorship_end(
        advisorship=advisorship, actor=coordinator, status="released", reason="Left."
    )
    advisorship.refresh_from_db()
    assert advisorship.status == "released"


def test_a_follow_up_due_today_is_due_now():
    from ambtenaren.models import Contact
    from ambtenaren.selectors import follow_ups_due

    advisorship = AdvisorshipFactory(active=True)
    today = timezone.localdate()
    for days in (-1, 0, 1):
        Contact.objects.create(
            advisorship=AdvisorshipFactory(advisor=advisorship.advisor, active=True),
            date=today - timedelta(days=10),
            channel="phone",
            topic=f"in {days} days",
            follow_up_on=today + timedelta(days=days),
        )
    due = [contact.topic for contact in follow_ups_due(advisorship.advisor, today=today)]
    assert due == ["in -1 days", "in 0 days"]


def test_the_initiative_keeps_how_many_advisorships_are_open():
    """Matching reads `advisor_count` instead of counting advisorships."""
    initiative = InitiativeFactory(max_advisors=3)
    coordinator = UserFactory(coordinator=True)
    claimed = _claim(initiative, AdvisorProfileFactory())
    asked = services.advisorship_request(
        initiative=initiative, advisor=AdvisorProfileFactory(), actor=initiative.created_by
    )
    services.advisorship_propose(
        initiative=initiative, advisor=AdvisorProfileFactory(), actor=coordinator
    )
    initiative.refresh_from_db()
    assert initiative.advisor_count == 3
    services.advisorship_accept(advisorship=claimed, actor=initiative.created_by)
    services.advisorship_end(advisorship=asked, actor=initiative.created_by, status="released")
    initiative.refresh_from_db()
    assert initiative.advisor_count == 2
    from initiatieven.services import initiative_close

    initiative_close(initiative=initiative, actor=initiative.created_by, status="completed")
    initiative.refresh_from_db()
    assert initiative.advisor_count == 0
    # Data loaded without the services is counted in one go.
    other = AdvisorshipFactory().initiative
    Initiative.objects.update(advisor_count=5)
    services.initiatives_count_advisors()
    assert dict(Initiative.objects.values_list("pk", "advisor_count")) == {
        initiative.pk: 0,
        other.pk: 1,
    }


@pytest.mark.django_db(transaction=True)
def test_advisorships_ended_and_claimed_at_once_keep_the_count_right():
    """Ending locks the initiative before the advisorship, as claiming does, so each
    counts what the other did; without that lock the count misses one."""
    for _round in range(5):
        initiative = InitiativeFactory(max_advisors=20)
        ending = [AdvisorshipFactory(initiative=initiative, active=True) for _ in range(4)]
        claiming = [AdvisorProfileFactory() for _ in range(4)]
        raised = at_once(
            *(
                partial(
                    services.advisorship_end,
                    advisorship=advisorship,
                    actor=advisorship.advisor.user,
                    status="completed",
                )
                for advisorship in ending
            ),
            *(partial(_claim, initiative, profile) for profile in claiming),
        )
        assert raised == [None] * 8
        initiative.refresh_from_db()
        assert initiative.advisor_count == 4
