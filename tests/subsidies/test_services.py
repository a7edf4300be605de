"""Every rule and every refusal of the subsidy services, and the audit trail of money."""

import threading
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from audit.models import AuditEvent
from initiatieven.models import Initiative, Membership
from subsidies import selectors, services
from subsidies.models import Application, Grant
from tests.factories import (
    ApplicationFactory,
    GrantFactory,
    InitiativeFactory,
    MembershipFactory,
    SubsidySchemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _english_on_a_fixed_tuesday():
    moment = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with translation.override("en"), time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def officer():
    return UserFactory(grant_officer=True)


def _terms(amount="1000", **kwargs):
    values = {
        "amount": Decimal(amount),
        "goals": ["20 neighbours join"],
        "final_report_due": TODAY + timedelta(days=180),
    }
    values.update(kwargs)
    return services.GrantTerms(**values)


@contextmanager
def refused(text):
    """A ValidationError whose message holds `text` (messages carry non-breaking spaces)."""
    with pytest.raises(ValidationError) as info:
        yield
    assert text in " ".join(info.value.messages), info.value.messages


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


# Schemes ------------------------------------------------------------------


def test_a_grant_officer_keeps_a_scheme_and_each_change_is_audited(officer):
    data = services.SchemeData(
        name="Buurtbudget",
        year=2026,
        budget=Decimal("50000"),
        rules="For the neighbourhood.",
        max_amount=Decimal("5000"),
        is_open=True,
        decision_weeks=8,
        direct_settlement_threshold=Decimal("500"),
    )
    scheme = services.scheme_save(data=data, actor=officer)
    assert _events("scheme.created")[0].after["budget"] == "50000.00"
    services.scheme_save(
        data=services.SchemeData(**{**data.__dict__, "budget": Decimal("60000")}),
        actor=officer,
        scheme=scheme,
    )
    (changed,) = _events("scheme.changed")
    assert changed.before == {"budget": "50000.00"}
    assert changed.after == {"budget": "60000.00"}
    with pytest.raises(PermissionDenied):
        services.scheme_save(data=data, actor=UserFactory(civil_servant=True))


def test_a_budget_cannot_drop_below_what_its_grants_commit(officer):
    grant = GrantFactory(amount=Decimal("3000"), scheme__budget=Decimal("10000"))
    scheme = grant.scheme
    data = services.SchemeData(
        name=scheme.name,
        year=scheme.year,
        budget=Decimal("2999.99"),
        rules=scheme.rules,
        max_amount=scheme.max_amount,
        is_open=True,
        decision_weeks=8,
        direct_settlement_threshold=Decimal("0"),
    )
    with refused("already commit €\u00a03,000.00"):
        services.scheme_save(data=data, actor=officer, scheme=scheme)


# Applying -----------------------------------------------------------------


def _save(initiative, scheme, *, lines=(("Plants", "600"), ("Tools", "400")), amount="1000"):
    return services.application_save(
        initiative=initiative,
        actor=initiative.created_by,
        scheme=scheme,
        amount=Decimal(amount),
        own_contribution="Volunteers on Saturday.",
        own_money=Decimal("50"),
        cost_lines=[services.CostLineData(d, Decimal(a)) for d, a in lines],
        goals=["20 neighbours join", "", "A garden of 50 m2"],
    )


def test_a_lead_saves_a_draft_and_submits_it():
    initiative = InitiativeFactory(organisation=Initiative.Organisation.FOUNDATION)
    application = _save(initiative, SubsidySchemeFactory())
    assert application.status == "draft"
    assert [g.description for g in application.proposed_goals.all()] == [
        "20 neighbours join",
        "A garden of 50 m2",
    ]
    services.application_submit(application=application, actor=initiative.created_by)
    application.refresh_from_db()
    assert application.status == "submitted"
    (event,) = _events("application.submitted")
    assert event.before == {"status": "draft"}
    assert event.after["amount"] == "1000.00"


def test_only_a_lead_applies_for_a_submitted_initiative():
    initiative = InitiativeFactory()
    member = MembershipFactory(initiative=initiative).user
    with pytest.raises(PermissionDenied):
        services.application_save(
            initiative=initiative,
            actor=member,
            scheme=SubsidySchemeFactory(),
            amount=Decimal("10"),
            own_contribution="x",
            own_money=Decimal("0"),
            cost_lines=[],
            goals=["x"],
        )
    draft = InitiativeFactory(draft=True)
    with pytest.raises(PermissionDenied):
        _save(draft, SubsidySchemeFactory())


def test_an_informal_group_names_its_treasurer_before_it_submits():
    initiative = InitiativeFactory(organisation=Initiative.Organisation.INFORMAL_GROUP)
    application = _save(initiative, SubsidySchemeFactory())
    with refused("Name a treasurer"):
        services.application_submit(application=application, actor=initiative.created_by)
    Membership.objects.filter(initiative=initiative).update(is_treasurer=True)
    services.application_submit(application=application, actor=initiative.created_by)


@pytest.mark.parametrize(
    ("lines", "amount", "message"),
    [
        (
            (("Plants", "600"), ("Tools", "300")),
            "1000",
            "add up to €\u00a0900.00, but you ask €\u00a01,000.00",
        ),
        ((), "1000", "at least one cost line"),
        ((("Plants", "6000"),), "6000", "at most €\u00a05,000.00"),
    ],
)
def test_the_budget_must_add_up_and_stay_within_the_scheme(lines, amount, message):
    initiative = InitiativeFactory(organisation=Initiative.Organisation.FOUNDATION)
    application = _save(initiative, SubsidySchemeFactory(), lines=lines, amount=amount)
    with refused(message):
        services.application_submit(application=application, actor=initiative.created_by)
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_closed_scheme_takes_no_new_application():
    initiative = InitiativeFactory(organisation=Initiative.Organisation.FOUNDATION)
    with refused("closed"):
        _save(initiative, SubsidySchemeFactory(is_open=False))


def test_a_submitted_application_cannot_be_changed_or_submitted_again():
    application = ApplicationFactory(submitted=True)
    lead = application.initiative.created_by
    with pytest.raises(PermissionDenied):
        services.application_submit(application=application, actor=lead)
    with pytest.raises(PermissionDenied):
        _save(application.initiative, application.scheme) and services.application_save(
            initiative=application.initiative,
            actor=lead,
            scheme=application.scheme,
            amount=Decimal("1"),
            own_contribution="x",
            own_money=Decimal("0"),
            cost_lines=[],
            goals=[],
            application=application,
        )


def test_posting_the_same_new_application_twice_makes_one_draft():
    import uuid

    initiative = InitiativeFactory()
    token = uuid.uuid4()
    kwargs = {
        "initiative": initiative,
        "actor": initiative.created_by,
        "scheme": SubsidySchemeFactory(),
        "amount": Decimal("10"),
        "own_contribution": "x",
        "own_money": Decimal("0"),
        "cost_lines": [],
        "goals": ["x"],
        "token": token,
    }
    first = services.application_save(**kwargs)
    second = services.application_save(**kwargs)
    assert first.pk == second.pk
    assert Application.objects.count() == 1


# Deciding -----------------------------------------------------------------


def test_granting_a_lower_amount_needs_a_reason_and_is_one_audit_event(officer):
    application = ApplicationFactory(submitted=True, amount=Decimal("1000"))
    with refused("Say why"):
        services.application_grant(application=application, terms=_terms("800"), actor=officer)
    grant = services.application_grant(
        application=application,
        terms=_terms(
            "800",
            reason="The tools are on loan from the municipality.",
            interim_reports_due=[TODAY + timedelta(days=60)],
            conditions="Share photos.",
        ),
        actor=officer,
    )
    application.refresh_from_db()
    assert application.status == "granted"
    assert application.decision_reason == "The tools are on loan from the municipality."
    assert grant.amount == Decimal("800.00")
    assert [(r.kind, r.due_on) for r in grant.reports.all()] == [
        ("interim", TODAY + timedelta(days=60)),
        ("final", TODAY + timedelta(days=180)),
    ]
    (event,) = AuditEvent.objects.filter(action__startswith="grant.")
    assert event.action == "grant.granted"
    assert event.before["amount"] == "1000.00"
    assert event.after["amount"] == "800.00"
    assert event.after["conditions"] == "Share photos."
    assert event.reason == "The tools are on loan from the municipality."


def test_a_grant_up_to_the_threshold_is_settled_at_once(officer):
    application = ApplicationFactory(
        submitted=True, amount=Decimal("400"), scheme__direct_settlement_threshold=Decimal("500")
    )
    grant = services.application_grant(application=application, terms=_terms("400"), actor=officer)
    assert grant.status == "settled"
    assert grant.is_directly_settled
    assert grant.settled_amount == Decimal("400.00")
    final = grant.reports.get(kind="final")
    assert not services.asks_for_money_spent(final)


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        (_terms("0"), "more than zero"),
        (_terms("6000"), "at most €\u00a05,000.00"),
        (_terms("1000", goals=["", " "]), "at least one goal"),
        (_terms("1000", final_report_due=TODAY), "after today"),
        (
            _terms("1000", interim_reports_due=[TODAY + timedelta(days=200)]),
            "before the final report",
        ),
    ],
)
def test_the_terms_of_a_grant_are_checked(officer, terms, message):
    application = ApplicationFactory(submitted=True, amount=Decimal("1000"))
    with refused(message):
        services.application_grant(application=application, terms=terms, actor=officer)
    assert not Grant.objects.exists()


def test_granting_above_what_is_left_of_the_budget_says_what_is_left(officer):
    scheme = SubsidySchemeFactory(budget=Decimal("1500"))
    GrantFactory(scheme=scheme, amount=Decimal("1000"))
    application = ApplicationFactory(submitted=True, scheme=scheme, amount=Decimal("600"))
    with refused("€\u00a0500.00 left"):
        services.application_grant(application=application, terms=_terms("600"), actor=officer)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_refusing_needs_a_reason_and_gives_six_weeks_to_object(officer, mailoutbox):
    application = ApplicationFactory(submitted=True)
    with refused("Say why"):
        services.application_refuse(application=application, reason="  ", actor=officer)
    services.application_refuse(
        application=application, reason="The scheme is for green plans.", actor=officer
    )
    application.refresh_from_db()
    assert application.status == "refused"
    assert application.objection_until == TODAY + timedelta(weeks=6)
    (event,) = _events("application.refused")
    assert event.reason == "The scheme is for green plans."
    assert event.before["status"] == "submitted" and event.after["status"] == "refused"


def test_only_a_grant_officer_decides_and_only_once(officer):
    application = ApplicationFactory(submitted=True)
    for somebody in (UserFactory(civil_servant=True), application.initiative.created_by):
        with pytest.raises(PermissionDenied):
            services.application_grant(application=application, terms=_terms(), actor=somebody)
    services.application_refuse(application=application, reason="No.", actor=officer)
    with pytest.raises(PermissionDenied):
        services.application_grant(application=application, terms=_terms(), actor=officer)


def test_a_grant_officer_records_a_grant_from_paper(officer):
    initiative = InitiativeFactory()
    grant = services.grant_record(
        initiative=initiative,
        scheme=SubsidySchemeFactory(),
        terms=_terms("750", reason="Paper application of 3 November."),
        actor=officer,
    )
    assert grant.application is None
    (event,) = _events("grant.recorded")
    assert event.after["amount"] == "750.00"
    with pytest.raises(PermissionDenied):
        services.grant_record(
            initiative=InitiativeFactory(draft=True),
            scheme=SubsidySchemeFactory(),
            terms=_terms(),
            actor=officer,
        )


# Reporting ------------------------------------------------------------------


def _outcomes(grant, result="achieved", explanation="It went well."):
    return {
        goal.pk: services.OutcomeData(result=result, explanation=explanation)
        for goal in grant.goals.all()
    }


def test_a_report_with_a_goal_left_out_is_refused():
    grant = GrantFactory()
    report = grant.reports.get(kind="interim")
    lead = grant.initiative.created_by
    first_goal = grant.goals.first()
    services.report_save(
        report=report,
        actor=lead,
        outcomes={first_goal.pk: services.OutcomeData("partly", "Twelve came.")},
    )
    with refused("A garden of 50 m2"):
        services.report_submit(report=report, actor=lead)
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_goal_needs_an_explanation():
    grant = GrantFactory()
    report = grant.reports.get(kind="interim")
    lead = grant.initiative.created_by
    services.report_save(report=report, actor=lead, outcomes=_outcomes(grant, explanation=""))
    with refused("Explain the result"):
        services.report_submit(report=report, actor=lead)


def test_the_final_report_says_how_much_was_spent():
    grant = GrantFactory()
    report = grant.reports.get(kind="final")
    lead = grant.initiative.created_by
    services.report_save(report=report, actor=lead, outcomes=_outcomes(grant))
    with refused("how much money"):
        services.report_submit(report=report, actor=lead)
    services.report_save(
        report=report, actor=lead, outcomes=_outcomes(grant), money_spent=Decimal("900")
    )
    services.report_submit(report=report, actor=lead)
    grant.refresh_from_db()
    assert grant.status == "reporting"
    (event,) = _events("report.submitted")
    assert event.after["money_spent"] == "900.00"


def test_only_a_lead_writes_a_report_and_only_while_it_is_a_draft():
    grant = GrantFactory()
    report = grant.reports.get(kind="interim")
    member = MembershipFactory(initiative=grant.initiative).user
    with pytest.raises(PermissionDenied):
        services.report_save(report=report, actor=member, outcomes=_outcomes(grant))
    lead = grant.initiative.created_by
    services.report_save(report=report, actor=lead, outcomes=_outcomes(grant))
    services.report_submit(report=report, actor=lead)
    with pytest.raises(PermissionDenied):
        services.report_save(report=report, actor=lead, outcomes=_outcomes(grant))


def test_an_outcome_for_another_grants_goal_is_refused():
    grant = GrantFactory()
    other = GrantFactory()
    with refused("does not belong"):
        services.report_save(
            report=grant.reports.first(),
            actor=grant.initiative.created_by,
            outcomes=_outcomes(other),
        )


# Reviewing, settling, reclaiming ---------------------------------------------


def _submitted(grant, kind="final", spent="1000", result="achieved"):
    report = grant.reports.get(kind=kind)
    lead = grant.initiative.created_by
    services.report_save(
        report=report,
        actor=lead,
        outcomes=_outcomes(grant, result=result),
        money_spent=Decimal(spent) if kind == "final" else None,
    )
    return services.report_submit(report=report, actor=lead)


def _review(report, officer, outcome, message="", **kwargs):
    return services.report_review(
        report=report,
        review=services.ReviewData(outcome=outcome, message=message, **kwargs),
        actor=officer,
    )


def test_a_conversation_needs_a_date_the_lead_answers_and_the_report_waits_again(officer, deliver):
    grant = GrantFactory()
    report = _submitted(grant, kind="interim", result="partly")
    with refused("Propose a date"):
        _review(report, officer, "conversation", "Let's talk about the garden.")
    review = _review(
        report,
        officer,
        "conversation",
        "Let's talk about the garden.",
        conversation_on=TODAY + timedelta(days=7),
    )
    report.refresh_from_db()
    assert report.status == "conversation"
    # Written in the lead's language (Dutch), whatever the grant officer reads.
    assert "1 december 2026" in deliver()[-1].body
    lead = grant.initiative.created_by
    with pytest.raises(PermissionDenied):
        services.review_answer(review=review, answer="Fine", actor=UserFactory())
    services.review_answer(review=review, answer="Tuesday suits us.", actor=lead)
    report.refresh_from_db()
    assert report.status == "submitted"
    with pytest.raises(PermissionDenied):
        services.review_answer(review=review, answer="Again", actor=lead)


def test_a_message_is_needed_unless_the_report_is_accepted(officer):
    report = _submitted(GrantFactory(), kind="interim")
    with refused("Write a message"):
        _review(report, officer, "conditions_adjusted", new_conditions="New")
    _review(report, officer, "accepted")
    report.refresh_from_db()
    assert report.status == "accepted"


def test_adjusting_conditions_is_one_audit_event_with_before_and_after(officer):
    grant = GrantFactory(conditions="Logo on the flyer.")
    report = _submitted(grant, kind="interim")
    with refused("new conditions"):
        _review(report, officer, "conditions_adjusted", "Why", new_conditions="Logo on the flyer.")
    _review(
        report,
        officer,
        "conditions_adjusted",
        "The flyer is not printed any more.",
        new_conditions="Mention the municipality online.",
    )
    (event,) = _events("grant.conditions_adjusted")
    assert event.before == {"conditions": "Logo on the flyer."}
    assert event.after == {"conditions": "Mention the municipality online."}
    assert event.reason == "The flyer is not printed any more."


def test_a_goal_not_achieved_never_reclaims_by_itself(officer):
    grant = GrantFactory()
    report = _submitted(grant, result="not")
    _review(report, officer, "accepted")
    grant.refresh_from_db()
    assert grant.reclaim_proposed_amount is None
    assert grant.status == "reporting"
    assert not AuditEvent.objects.filter(action__startswith="grant.reclaim").exists()


def test_a_reclaim_needs_a_reason_an_amount_and_a_second_grant_officer(officer):
    grant = GrantFactory(amount=Decimal("1000"))
    report = _submitted(grant, spent="1000")
    with refused("Write a message"):
        _review(report, officer, "reclaim_proposed", reclaim_amount=Decimal("300"))
    with refused("at most €\u00a01,000.00"):
        _review(report, officer, "reclaim_proposed", "Why", reclaim_amount=Decimal("1001"))
    _review(
        report,
        officer,
        "reclaim_proposed",
        "The party was never held.",
        reclaim_amount=Decimal("300"),
    )
    grant.refresh_from_db()
    # The one who proposed cannot approve; settling waits for the decision.
    with pytest.raises(PermissionDenied):
        services.grant_reclaim_decide(grant=grant, approve=True, actor=officer)
    with refused("Another grant officer"):
        services.grant_settle(grant=grant, actor=officer)
    second = UserFactory(grant_officer=True)
    services.grant_reclaim_decide(grant=grant, approve=True, actor=second)
    grant.refresh_from_db()
    assert grant.status == "reclaimed"
    assert grant.reclaimed_amount == Decimal("300.00")
    assert grant.settled_amount == Decimal("700.00")
    (event,) = _events("grant.reclaimed")
    assert event.before == {"status": "reporting", "committed": "1000.00"}
    assert event.after["reclaimed_amount"] == "300.00"
    assert "never held" in event.reason
    assert event.actor == second


def test_a_second_grant_officer_can_turn_a_reclaim_down_with_a_reason(officer):
    grant = GrantFactory()
    _review(
        _submitted(grant), officer, "reclaim_proposed", "Unclear", reclaim_amount=Decimal("10")
    )
    grant.refresh_from_db()
    second = UserFactory(grant_officer=True)
    with refused("Say why"):
        services.grant_reclaim_decide(grant=grant, approve=False, actor=second)
    services.grant_reclaim_decide(
        grant=grant, approve=False, actor=second, reason="The receipts arrived."
    )
    grant.refresh_from_db()
    assert grant.reclaim_proposed_amount is None
    services.grant_settle(grant=grant, actor=officer)
    grant.refresh_from_db()
    assert grant.status == "settled"


def test_settling_waits_for_the_accepted_final_report_and_settles_what_was_spent(officer):
    grant = GrantFactory(amount=Decimal("1000"))
    with refused("Accept the final report"):
        services.grant_settle(grant=grant, actor=officer)
    report = _submitted(grant, spent="850")
    with refused("Accept the final report"):
        services.grant_settle(grant=grant, actor=officer)
    _review(report, officer, "accepted")
    with refused("at most the amount granted"):
        services.grant_settle(grant=grant, actor=officer, amount=Decimal("1000.01"))
    services.grant_settle(grant=grant, actor=officer)
    grant.refresh_from_db()
    assert grant.status == "settled"
    assert grant.settled_amount == Decimal("850.00")
    assert grant.reclaimed_amount == 0  # less spent is settled, not reclaimed
    (event,) = _events("grant.settled")
    assert event.before == {"status": "reporting", "amount": "1000.00"}
    assert event.after == {"status": "settled", "settled_amount": "850.00"}
    with pytest.raises(PermissionDenied):
        services.grant_settle(grant=grant, actor=officer)


def test_each_change_of_money_or_conditions_leaves_exactly_one_event(officer):
    """A whole life: apply, grant, adjust, settle. One event per change, each with values."""
    application = ApplicationFactory(amount=Decimal("1000"))
    lead = application.initiative.created_by
    services.application_submit(application=application, actor=lead)
    grant = services.application_grant(
        application=application, terms=_terms("900", reason="Less."), actor=officer
    )
    report = _submitted(grant, spent="900")
    _review(report, officer, "conditions_adjusted", "Why", new_conditions="New.")
    services.grant_settle(grant=grant, actor=officer)
    money = [
        "application.submitted",
        "grant.granted",
        "report.submitted",
        "grant.conditions_adjusted",
        "grant.settled",
    ]
    for action in money:
        (event,) = _events(action)
        assert event.after, action
    assert AuditEvent.objects.filter(action__in=money).count() == len(money)


def test_a_decision_stays_saved_when_the_mail_server_is_down(officer, settings, caplog, deliver):
    settings.EMAIL_BACKEND = "tests.mail_backends.BrokenEmailBackend"
    application = ApplicationFactory(submitted=True)
    services.application_refuse(application=application, reason="No.", actor=officer)
    deliver()
    application.refresh_from_db()
    assert application.status == "refused"
    assert "Could not send" in caplog.text


# The budget race --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["application", "paper"])
def test_sixteen_grant_officers_grant_at_once_and_the_budget_holds(how):
    threads_count = 16
    officers = [UserFactory(grant_officer=True) for _ in range(threads_count)]
    for _round in range(20):
        # Room for 5 grants of 700 (3,500 of 3,600): 11 officers must be refused.
        scheme = SubsidySchemeFactory(budget=Decimal("3600"))
        applications = [
            ApplicationFactory(submitted=True, scheme=scheme, amount=Decimal("700"))
            for _ in range(threads_count)
        ]
        barrier = threading.Barrier(threads_count)
        outcomes = []

        def grant(application, actor, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                with translation.override("en"):
                    if how == "paper":
                        services.grant_record(
                            initiative=application.initiative,
                            scheme=application.scheme,
                            terms=_terms("700"),
                            actor=actor,
                        )
                    else:
                        services.application_grant(
                            application=application, terms=_terms("700"), actor=actor
                        )
                outcomes.append("granted")
            except ValidationError as error:
                outcomes.append(error.messages[0])
            finally:
                connection.close()

        threads = [
            threading.Thread(target=grant, args=pair)
            for pair in zip(applications, officers, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes.count("granted") == 5, outcomes
        refusals = [o for o in outcomes if o != "granted"]
        assert (
            refusals
            == [
                "This scheme's budget has €\u00a0100.00 left. Grant at most that, or choose another scheme."
            ]
            * 11
        )
        assert selectors.scheme_committed(scheme) == Decimal("3500.00")
        assert Grant.objects.filter(scheme=scheme).count() == 5
        if how == "application":
            assert Application.objects.filter(scheme=scheme, status="submitted").count() == 11


@pytest.mark.django_db(transaction=True)
def test_two_grant_officers_decide_one_application_at_once_and_one_decision_stands():
    officers = [UserFactory(grant_officer=True) for _ in range(8)]
    for _round in range(10):
        application = ApplicationFactory(submitted=True)
        barrier = threading.Barrier(len(officers))
        outcomes = []

        def decide(actor, number, barrier=barrier, outcomes=outcomes, application=application):
            try:
                barrier.wait()
                if number % 2:
                    services.application_refuse(application=application, reason="No.", actor=actor)
                else:
                    services.application_grant(
                        application=application, terms=_terms("1000"), actor=actor
                    )
                outcomes.append("decided")
            except PermissionDenied:
                outcomes.append("too late")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=decide, args=(officer, number))
            for number, officer in enumerate(officers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["decided"] + ["too late"] * 7
        application.refresh_from_db()
        granted = Grant.objects.filter(application=application).count()
        assert (application.status, granted) in [("granted", 1), ("refused", 0)]


def test_a_decision_keeps_the_days_it_took(officer):
    sent = timezone.now() - timedelta(days=12)
    granted = ApplicationFactory(submitted=True, submitted_at=sent)
    refused_one = ApplicationFactory(submitted=True, submitted_at=sent - timedelta(days=30))
    services.application_grant(application=granted, terms=_terms(), actor=officer)
    services.application_refuse(application=refused_one, reason="Not this year.", actor=officer)
    granted.refresh_from_db()
    refused_one.refresh_from_db()
    assert (granted.decision_days, refused_one.decision_days) == (12, 42)
