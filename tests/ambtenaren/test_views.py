from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambtenaren.models import Advisorship, Contact
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    ExpertiseAreaFactory,
    InitiativeFactory,
    NeedFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
def test_the_loket_shows_the_longest_waiting_first_with_working_days(client, settings):
    settings.MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS = 5
    now = timezone.now()
    InitiativeFactory(title="Recent", submitted_at=now - timedelta(days=1))
    InitiativeFactory(title="Waiting long", submitted_at=now - timedelta(days=14))
    InitiativeFactory(
        title="Answered", submitted_at=now - timedelta(days=20), first_response_at=now
    )
    login_with_second_factor(client, UserFactory(coordinator=True))
    html = client.get(reverse("ambtenaren:loket")).content.decode()
    assert html.index("Waiting long") < html.index("Recent")
    assert "Answered" not in html
    # 10 to 24 November 2026: ten working days; 23 to 24 November: one.
    rows = html.split("<tbody")[1].split("</tr>")
    assert ">10 <strong" in rows[0]
    assert "over de streefdatum" in rows[0]
    assert "over de streefdatum" not in rows[1]
    assert "2 initiatieven wachten op een eerste antwoord." in html


def test_the_loket_counts_a_long_queue_up_to_its_cap(client, settings):
    settings.MARKTPLEIN_LOKET_COUNT_CAP = 30
    InitiativeFactory.create_batch(31)
    login_with_second_factor(client, UserFactory(coordinator=True))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("ambtenaren:loket")).content.decode()
    assert "Meer dan 30 initiatieven wachten op een eerste antwoord." in html
    assert "Pagina 1 van meer dan 2" in html  # 25 a page: the cap fills two
    (count,) = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(*)" in q["sql"] and "first_response_at" in q["sql"]
    ]
    assert "LIMIT 31" in count  # stops at the cap, not at the end of the queue


def test_a_coordinators_answer_is_the_first_response_and_mails_the_lead(client, deliver):
    initiative = InitiativeFactory()
    coordinator = UserFactory(coordinator=True)
    login_with_second_factor(client, coordinator)
    response = client.post(
        reverse("ambtenaren:loket_detail", args=[initiative.pk]),
        {"message": "Welkom! We bellen je deze week."},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.first_response_at is not None
    assert deliver()[-1].to == [initiative.created_by.email]
    client.force_login(initiative.created_by)
    detail = client.get(initiative.get_absolute_url()).content.decode()
    assert "We bellen je deze week." in detail


def test_a_civil_servant_claims_and_the_lead_accepts(client):
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory()
    login_with_second_factor(client, profile.user)
    refused = client.post(reverse("ambtenaren:claim", args=[initiative.pk]), {"hours": 2})
    assert refused.status_code == 400  # the declaration is required: the form says so
    assert not Advisorship.objects.exists()
    claimed = client.post(
        reverse("ambtenaren:claim", args=[initiative.pk]), {"hours": 2, "no_conflict": "on"}
    )
    advisorship = Advisorship.objects.get()
    assert advisorship.status == "proposed"
    assert claimed.url == reverse("ambtenaren:advisorship", args=[advisorship.pk])

    client.force_login(initiative.created_by)
    page = client.get(reverse("ambtenaren:advisorship", args=[advisorship.pk]))
    assert page.context["can_accept"]
    client.post(reverse("ambtenaren:advisorship_accept", args=[advisorship.pk]))
    advisorship.refresh_from_db()
    assert advisorship.status == "active"


def test_the_advisor_logs_a_contact_the_lead_sees_it(client):
    advisorship = AdvisorshipFactory(active=True)
    login_with_second_factor(client, advisorship.advisor.user)
    today = timezone.localdate()
    response = client.post(
        reverse("ambtenaren:contact_create", args=[advisorship.pk]),
        {
            "date": today.isoformat(),
            "channel": "phone",
            "topic": "Vergunning voor de tuin",
            "next_step": "Formulier sturen",
            "follow_up_on": (today + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get().topic == "Vergunning voor de tuin"
    client.force_login(advisorship.initiative.created_by)
    page = client.get(reverse("ambtenaren:advisorship", args=[advisorship.pk])).content.decode()
    assert "Vergunning voor de tuin" in page


def test_a_resident_sees_no_workload_of_civil_servants(client):
    initiative = InitiativeFactory()
    # A name without digits: the reason starts with it, and must not show the 7 hours.
    AdvisorProfileFactory(
        hours_per_month=7, user=UserFactory(civil_servant=True, first_name="Anna")
    )
    client.force_login(initiative.created_by)
    response = client.get(reverse("ambtenaren:advisors_for_initiative", args=[initiative.pk]))
    reason = response.context["suggestions"][0].reason
    assert reason in response.content.decode()
    assert reason.startswith("Anna")
    for workload in ("uur", "hour", "adviseert", "advises", "7"):
        assert workload not in reason


def test_overdue_follow_ups_show_on_the_civil_servants_page(client):
    profile = AdvisorProfileFactory()
    advisorship = AdvisorshipFactory(advisor=profile, active=True)
    Contact.objects.create(
        advisorship=advisorship,
        date=timezone.localdate() - timedelta(days=10),
        channel="phone",
        topic="Eerste gesprek",
        next_step="Terugbellen",
        follow_up_on=timezone.localdate() - timedelta(days=3),
    )
    login_with_second_factor(client, profile.user)
    html = client.get(reverse("ambtenaren:my_advice")).content.decode()
    assert "Terugbellen" in html


def _grow_loket(n):
    for i in range(n):
        InitiativeFactory(submitted_at=timezone.now() - timedelta(days=i))


def _grow_matching(n):
    area = ExpertiseAreaFactory()
    for _ in range(n):
        initiative = InitiativeFactory()
        NeedFactory(initiative=initiative, kind="expertise", expertise_area=area)
        profile = AdvisorProfileFactory(areas=[area])
        AdvisorshipFactory(advisor=profile, active=True)


@pytest.mark.parametrize(
    ("url_name", "role", "grow"),
    [
        ("ambtenaren:loket", "coordinator", _grow_loket),
        ("ambtenaren:suggestions", "civil_servant", _grow_matching),
        ("ambtenaren:my_advice", "civil_servant", None),
        ("ambtenaren:loket_detail", "coordinator", _grow_matching),
    ],
)
def test_pages_issue_the_same_queries_for_n_and_2n(client, url_name, role, grow):
    user = UserFactory(**{role: True})
    profile = AdvisorProfileFactory(user=user) if role == "civil_servant" else None
    login_with_second_factor(client, user)
    target = InitiativeFactory()
    url = reverse(url_name, args=[target.pk]) if url_name.endswith("detail") else reverse(url_name)

    def more(n):
        if grow is not None:
            grow(n)
        else:
            for advisorship in AdvisorshipFactory.create_batch(
                n, advisor=profile, active=True, hours_per_month=1
            ):
                Contact.objects.create(
                    advisorship=advisorship,
                    date=timezone.localdate() - timedelta(days=5),
                    channel="phone",
                    topic="x",
                    follow_up_on=timezone.localdate() - timedelta(days=1),
                )

    more(4)
    small = count_queries(client, url)
    more(4)
    large = count_queries(client, url)
    assert small == large <= 10


def test_a_civil_servant_sees_no_private_data_of_initiatives_they_do_not_advise(client):
    advisorship = AdvisorshipFactory(active=True)
    initiative = advisorship.initiative
    from ambtenaren.services import response_send

    response_send(
        initiative=initiative,
        author=UserFactory(civil_servant=True),
        message="Private answer for the group",
    )
    Contact.objects.create(
        advisorship=advisorship,
        date=timezone.localdate(),
        channel="phone",
        topic="Private contact topic",
    )
    outsider = AdvisorProfileFactory()
    login_with_second_factor(client, outsider.user)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Private answer for the group" not in page
    assert client.get(reverse("ambtenaren:advisorship", args=[advisorship.pk])).status_code == 404
    # The advisor does see the contacts of their own advisorship.
    login_with_second_factor(client, advisorship.advisor.user)
    own = client.get(reverse("ambtenaren:advisorship", args=[advisorship.pk])).content.decode()
    assert "Private contact topic" in own


@pytest.mark.django_db
def test_the_loket_queue_reads_through_its_partial_index():
    from ambtenaren.selectors import loket_queue
    from tests.plans import plan

    InitiativeFactory.create_batch(3)
    for queryset in (loket_queue()[:25], loket_queue().values("pk")):
        queue = plan(queryset)
        assert "initiative_loket_queue" in queue, queue


def test_too_many_hours_is_said_at_the_field_not_by_the_rule_name(client):
    profile = AdvisorProfileFactory()
    login_with_second_factor(client, profile.user)
    response = client.post(
        reverse("ambtenaren:profile"),
        {"hours_per_month": "500", "introduction": "I know permits.", "is_available": "on"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "advisor_hours_realistic" not in page
    assert page.count("Je kunt hoogstens 160 uur per maand uitlenen.") == 2  # summary, field
    assert 'value="500"' in page


def test_a_proposal_with_a_reason_reaches_the_group_and_the_civil_servant(client, deliver):
    coordinator = UserFactory(coordinator=True)
    initiative = InitiativeFactory(title="Moestuin", created_by__email="sanne@example.org")
    joost = AdvisorProfileFactory(user__first_name="Joost", user__email="joost@gemeente.example")
    login_with_second_factor(client, coordinator)
    response = client.post(
        reverse("ambtenaren:advisorship_propose", args=[initiative.pk]),
        {"advisor": joost.pk, "reason": "Joost knows the permit for the garden."},
    )
    assert response.status_code == 302
    sent = {message.to[0]: message for message in deliver()}
    assert set(sent) == {"sanne@example.org", "joost@gemeente.example"}
    assert "De gemeente vroeg Joost om Moestuin te adviseren" in sent["sanne@example.org"].subject
    assert "Joost knows the permit for the garden." in sent["sanne@example.org"].body
    # The lead reads the step on the initiative, with the reason, not "no messages".
    client.force_login(initiative.created_by)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "De gemeente vroeg Joost om jullie te adviseren." in page
    assert "Joost knows the permit for the garden." in page
    assert "Nog geen berichten van de gemeente" not in page
