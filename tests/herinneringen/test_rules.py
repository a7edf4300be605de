"""Who gets what, when, and when not; each rule is idempotent; a reminder whose
reason went away is cancelled, not sent. Time is fixed with time_machine, and the
loket counts working days (the week of Christmas has two public holidays)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ambtenaren import services as advice
from ambtenaren.models import Advisorship, Contact
from herinneringen import dispatch, rules
from herinneringen.models import Reminder
from subsidies import services as subsidies
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    ApplicationFactory,
    GrantFactory,
    InitiativeFactory,
    InvitationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=9):
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=AMSTERDAM), tick=False)


def _kinds(recipient=None):
    """The kinds of the reminders that are due now."""
    rows = Reminder.objects.filter(due_at__lte=timezone.now())
    if recipient is not None:
        rows = rows.filter(recipient=recipient)
    return sorted(rows.values_list("kind", flat=True))


def test_report_reminders_at_14_and_3_days_overdue_and_the_officer_after_5_working_days():
    with at(2026, 11, 2):
        grant = GrantFactory(goals=["Twenty neighbours"])
    lead, officer = grant.initiative.created_by, grant.granted_by
    interim = grant.reports.get(kind="interim")  # due 2 December 2026
    with at(2026, 11, 17):
        rules.run_all()
        assert _kinds(lead) == []  # 15 days before
    with at(2026, 11, 18):
        rules.run_all()
        rules.run_all()  # twice: nothing new
        assert _kinds(lead) == ["report_due"]
    with at(2026, 11, 29):
        rules.run_all()
        assert _kinds(lead) == ["report_due", "report_due"]
    with at(2026, 12, 3):
        rules.run_all()
        assert "report_overdue" in _kinds(lead)
        assert _kinds(officer) == []
    # 5 working days after 2 December is 9 December.
    with at(2026, 12, 9):
        rules.run_all()
        assert _kinds(officer) == []
    with at(2026, 12, 10):
        rules.run_all()
        assert _kinds(officer) == ["report_overdue_officer"]
    assert Reminder.objects.filter(subject_id=interim.pk).count() == 4


def test_a_report_that_came_in_cancels_its_reminders():
    with at(2026, 11, 2):
        grant = GrantFactory(goals=["Twenty neighbours"])
    interim = grant.reports.get(kind="interim")
    with at(2026, 11, 18):
        rules.run_all()
        pending = Reminder.objects.get(kind="report_due")
        # Written before the reminder was sent: the dispatcher cancels it.
        Reminder.objects.filter(pk=pending.pk).update(due_at=timezone.now() + timedelta(hours=1))
        lead = grant.initiative.created_by
        subsidies.report_save(
            report=interim,
            actor=lead,
            outcomes={g.pk: subsidies.OutcomeData("achieved", "Yes") for g in grant.goals.all()},
        )
        subsidies.report_submit(report=interim, actor=lead)
    pending.refresh_from_db()
    assert pending.status == "cancelled"


def test_the_dispatcher_cancels_what_is_no_longer_true():
    with at(2026, 11, 2):
        grant = GrantFactory(goals=["Twenty neighbours"])
    interim = grant.reports.get(kind="interim")
    with at(2026, 11, 18):
        rules.run_all()
        # The report came in by a path that did not cancel (an administrator's fix).
        type(interim).objects.filter(pk=interim.pk).update(
            status="submitted", submitted_at=timezone.now()
        )
        dispatch.dispatch_due()
    assert Reminder.objects.get(kind="report_due").status == "cancelled"
    assert not [m for m in mail.outbox if "verantwoording" in m.subject.lower()]


def test_the_loket_hears_of_an_initiative_unanswered_after_the_target_and_twice_the_target(
    settings,
):
    settings.MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS = 5
    coordinator = UserFactory(coordinator=True)
    # Submitted Friday 18 December 2026; Christmas (25, 26 December) is not counted.
    with at(2026, 12, 18):
        initiative = InitiativeFactory()
    with at(2026, 12, 28):  # 5 working days: 21, 22, 23, 24, 28
        rules.run_all()
        assert _kinds(coordinator) == []
    with at(2026, 12, 29):  # the 6th working day
        rules.run_all()
        assert _kinds(coordinator) == ["initiative_unanswered"]
        # The next one waits for twice the target: the 11th working day, 6 January.
        (later,) = Reminder.objects.filter(due_at__gt=timezone.now())
        assert timezone.localtime(later.due_at).date() == date(2027, 1, 6)
    with at(2027, 1, 5):  # 10 working days (1 January is a holiday)
        rules.run_all()
        assert _kinds(coordinator) == ["initiative_unanswered"]
    with at(2027, 1, 6):
        rules.run_all()
        assert _kinds(coordinator) == ["initiative_unanswered"] * 2
    assert initiative.pk == Reminder.objects.first().subject_id


def test_an_answer_cancels_the_loket_reminder():
    coordinator = UserFactory(coordinator=True)
    with at(2026, 11, 2):
        initiative = InitiativeFactory()
    with at(2026, 11, 20):
        rules.run_all()
        assert _kinds(coordinator) == ["initiative_unanswered"] * 2
        Reminder.objects.update(due_at=timezone.now() + timedelta(hours=1))
        advice.response_send(
            initiative=initiative, author=UserFactory(civil_servant=True), message="Hi!"
        )
    assert set(
        Reminder.objects.filter(recipient=coordinator).values_list("status", flat=True)
    ) == {"cancelled"}


def test_an_advisor_hears_of_silence_of_a_passed_follow_up_and_of_a_waiting_proposal(
    settings,
):
    settings.MARKTPLEIN_ADVISOR_QUIET_DAYS = 30
    with at(2026, 10, 1):
        advisorship = AdvisorshipFactory(active=True)
        Contact.objects.create(
            advisorship=advisorship,
            date=date(2026, 10, 1),
            channel="phone",
            topic="Start",
            next_step="Send the form",
            follow_up_on=date(2026, 10, 8),
        )
        proposal = AdvisorshipFactory(proposed_by=Advisorship.ProposedBy.COORDINATOR)
    advisor = advisorship.advisor.user
    with at(2026, 10, 8):
        rules.run_all()
        assert _kinds(advisor) == []
    with at(2026, 10, 9):
        rules.run_all()
        assert _kinds(advisor) == ["contact_follow_up"]
        assert _kinds(proposal.advisor.user) == ["advisorship_waiting"]
    with at(2026, 10, 31):
        rules.run_all()
        assert sorted(_kinds(advisor)) == ["advisorship_quiet", "contact_follow_up"]


def test_a_new_contact_cancels_the_follow_up_and_the_silence():
    with at(2026, 10, 1):
        advisorship = AdvisorshipFactory(active=True)
        Contact.objects.create(
            advisorship=advisorship,
            date=date(2026, 10, 1),
            channel="phone",
            topic="Start",
            next_step="Call",
            follow_up_on=date(2026, 10, 8),
        )
    with at(2026, 11, 3):
        rules.run_all()
        Reminder.objects.update(due_at=timezone.now() + timedelta(minutes=5))
        advice.contact_log(
            advisorship=advisorship,
            actor=advisorship.advisor.user,
            date=date(2026, 11, 3),
            channel="visit",
            topic="Garden",
            next_step="",
            follow_up_on=None,
        )
    with at(2026, 11, 3, 10):
        dispatch.dispatch_due()
    assert set(Reminder.objects.values_list("status", flat=True)) == {"cancelled"}


def test_grant_officers_hear_of_a_decision_term_ending_within_10_working_days():
    officer = UserFactory(grant_officer=True)
    with at(2026, 10, 1):
        application = ApplicationFactory(submitted=True)  # 8 weeks: decide by 26 November
    with at(2026, 11, 11):  # 11 working days before
        rules.run_all()
        assert _kinds(officer) == []
    with at(2026, 11, 12):
        rules.run_all()
        assert _kinds(officer) == ["decision_term_ending"]
    subsidies.application_refuse(application=application, reason="No.", actor=officer)
    dispatch.dispatch_due()
    assert Reminder.objects.get(recipient=officer).status == "cancelled"


def test_the_one_who_invited_hears_after_3_days():
    with at(2026, 11, 2):
        invitation = InvitationFactory(invited_by=UserFactory())
    with at(2026, 11, 4):
        rules.run_all()
        assert _kinds(invitation.invited_by) == []
    with at(2026, 11, 5, 10):
        rules.run_all()
        assert _kinds(invitation.invited_by) == ["invitation_open"]


def test_a_proposal_reaches_the_civil_servant_who_is_asked(deliver):
    initiative = InitiativeFactory()
    profile = AdvisorProfileFactory()
    advice.advisorship_propose(
        initiative=initiative,
        advisor=profile,
        actor=UserFactory(coordinator=True),
        reason="You know the neighbourhood.",
    )
    (message,) = [m for m in deliver() if m.to == [profile.user.email]]
    assert "You know the neighbourhood." in message.body
