"""The subsidy pages: forms that keep what was typed, what each person sees, the
register without anything personal, attachments checked by content, query counts."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from initiatieven.models import Initiative
from subsidies import services
from subsidies.models import Application, Attachment, Grant, Report
from tests.factories import (
    ApplicationFactory,
    GrantFactory,
    InitiativeFactory,
    MembershipFactory,
    SubsidySchemeFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.initiatieven.images import fake_image, jpeg_with_gps
from tests.queries import assert_queries_do_not_grow
from tests.subsidies.files import fake_pdf, html_named_pdf, locked_pdf, pdf

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _a_fixed_tuesday():
    moment = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=True):
        yield


def _application_post(scheme, **overrides):
    data = {
        "scheme": scheme.pk,
        "amount": "1.250,00",
        "own_contribution": "Tien vrijwilligers",
        "own_money": "50",
        "cost-TOTAL_FORMS": "4",
        "cost-INITIAL_FORMS": "0",
        "cost-0-description": "Planten",
        "cost-0-amount": "1000",
        "cost-1-description": "Gereedschap",
        "cost-1-amount": "250,00",
        "goal-TOTAL_FORMS": "3",
        "goal-INITIAL_FORMS": "0",
        "goal-0-description": "20 buren doen mee",
        "goal-1-description": "Een tuin van 50 m2",
        "goal-2-description": "Elke maand een oogstfeest",
    }
    data.update(overrides)
    return data


def test_a_lead_applies_and_a_form_with_an_error_keeps_everything(client):
    initiative = InitiativeFactory(organisation=Initiative.Organisation.FOUNDATION)
    scheme = SubsidySchemeFactory()
    client.force_login(initiative.created_by)
    url = reverse("subsidies:application_create", args=[initiative.pk])
    assert client.get(url).status_code == 200

    # A cost line without an amount: the form says so at the field, and keeps every row.
    refused = client.post(url, _application_post(scheme, **{"cost-1-amount": ""}))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Schrijf het bedrag voor deze kosten." in page
    for typed in ("Gereedschap", "Tien vrijwilligers", "Elke maand een oogstfeest", "1.250,00"):
        assert typed in page
    assert not Application.objects.exists()

    saved = client.post(url, _application_post(scheme))
    application = Application.objects.get()
    assert saved.url == reverse("subsidies:application", args=[application.pk])
    assert application.amount == Decimal("1250.00")
    assert [line.amount for line in application.cost_lines.all()] == [
        Decimal("1000.00"),
        Decimal("250.00"),
    ]
    detail = client.get(saved.url).content.decode()
    assert "€\xa01.250,00" in detail  # Dutch money

    client.post(reverse("subsidies:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "submitted"


def test_an_informal_group_is_told_to_name_its_treasurer(client):
    application = ApplicationFactory(
        initiative__organisation=Initiative.Organisation.INFORMAL_GROUP
    )
    client.force_login(application.initiative.created_by)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Noem eerst een penvoerder" in page
    response = client.post(reverse("subsidies:application_submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "draft"


def test_money_prints_in_english_too(client):
    application = ApplicationFactory(amount=Decimal("1250"))
    client.force_login(application.initiative.created_by)
    client.cookies["django_language"] = "en"
    page = client.get(application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "€\xa01,250.00" in page


def test_granting_less_without_a_reason_keeps_the_form(client):
    application = ApplicationFactory(submitted=True, amount=Decimal("1000"))
    officer = UserFactory(grant_officer=True)
    login_with_second_factor(client, officer)
    url = reverse("subsidies:application_decide", args=[application.pk])
    page = client.get(url).content.decode()
    assert "20 neighbours join" in page  # the proposed goals are filled in
    data = {
        "decision": "grant",
        "grant-amount": "800",
        "grant-reason": "",
        "grant-conditions": "Deel foto's",
        "grant-final_report": (TODAY + timedelta(days=120)).isoformat(),
        "goal-TOTAL_FORMS": "3",
        "goal-INITIAL_FORMS": "1",
        "goal-0-description": "20 neighbours join",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Je geeft minder dan er gevraagd is." in refused.content.decode()
    assert "Deel foto&#x27;s" in refused.content.decode()
    assert not Grant.objects.exists()
    data["grant-reason"] = "Het gereedschap leent de gemeente uit."
    granted = client.post(url, data)
    grant = Grant.objects.get()
    assert granted.url == grant.get_absolute_url()

    # The leads read the decision, its reason and the history in plain words.
    client.force_login(application.initiative.created_by)
    page = client.get(grant.get_absolute_url()).content.decode()
    assert "Het gereedschap leent de gemeente uit." in page
    assert "Subsidie gegeven" in page
    assert "€\xa01.000,00 → €\xa0800,00" in page


def test_a_refusal_shows_its_reason_and_the_time_to_object(client):
    application = ApplicationFactory(submitted=True)
    officer = UserFactory(grant_officer=True)
    login_with_second_factor(client, officer)
    client.post(
        reverse("subsidies:application_decide", args=[application.pk]),
        {"decision": "refuse", "refuse-reason": "Deze regeling is voor groen."},
    )
    client.force_login(application.initiative.created_by)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Deze regeling is voor groen." in page
    assert "bezwaar maken tot 5 januari 2027" in page


def _report_post(grant, **overrides):
    data = {"other_outcomes": "Een nieuwe buurtapp"}
    for goal in grant.goals.all():
        data[f"result_{goal.pk}"] = "achieved"
        data[f"explanation_{goal.pk}"] = "Gelukt."
    data.update(overrides)
    return data


def test_a_lead_writes_a_report_and_a_refused_submit_keeps_it(client):
    grant = GrantFactory()
    report = grant.reports.get(kind="final")
    client.force_login(grant.initiative.created_by)
    url = reverse("subsidies:report_edit", args=[report.pk])
    # The final report asks the money spent: without it, sending is refused, nothing saved.
    refused = client.post(url, {**_report_post(grant), "submit": "1"})
    assert refused.status_code == 400
    assert "Zeg hoeveel geld je hebt uitgegeven." in refused.content.decode()
    assert "Een nieuwe buurtapp" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == "draft" and report.other_outcomes == ""
    sent = client.post(url, {**_report_post(grant, money_spent="950"), "submit": "1"})
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.money_spent == Decimal("950.00")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (fake_pdf, "We kunnen dit bestand niet gebruiken."),
        (html_named_pdf, "We kunnen dit bestand niet gebruiken."),
        (fake_image, "We kunnen dit bestand niet gebruiken."),
        (locked_pdf, "Deze pdf is beveiligd met een wachtwoord."),
    ],
)
def test_an_attachment_is_checked_by_its_content(client, upload, message):
    grant = GrantFactory()
    report = grant.reports.first()
    client.force_login(grant.initiative.created_by)
    response = client.post(
        reverse("subsidies:attachment_add", args=[report.pk]), {"file": upload()}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_attachment_is_a_private_download(client):
    grant = GrantFactory()
    report = grant.reports.first()
    lead = grant.initiative.created_by
    client.force_login(lead)
    client.post(reverse("subsidies:attachment_add", args=[report.pk]), {"file": pdf("bonnen.pdf")})
    client.post(
        reverse("subsidies:attachment_add", args=[report.pk]), {"file": jpeg_with_gps("oogst.jpg")}
    )
    document, photo = Attachment.objects.order_by("pk")
    assert (document.content_type, photo.content_type) == ("application/pdf", "image/jpeg")
    download = client.get(reverse("subsidies:attachment", args=[document.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="bonnen.pdf"')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    # The photo's GPS position is gone.
    assert b"PhoneMaker" not in photo.file.read()
    client.force_login(UserFactory())
    assert client.get(reverse("subsidies:attachment", args=[document.pk])).status_code == 404


def test_the_register_shows_nothing_personal_and_its_csv_is_safe(client):
    lead = UserFactory(first_name="Fatima", email="fatima@example.org")
    initiative = InitiativeFactory(created_by=lead, title='=HYPERLINK("http://evil")')
    grant = GrantFactory(initiative=initiative, amount=Decimal("2500"))
    page = client.get(reverse("subsidies:register")).content.decode()
    assert "€\xa02.500,00" in page
    assert "Fatima" not in page and "fatima@example.org" not in page
    download = client.get(reverse("subsidies:register_csv"))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["initiative", "scheme", "year"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][4] == "2500.00"
    assert "fatima" not in download.content.decode()
    SubsidySchemeFactory(year=2025)
    filtered = client.get(reverse("subsidies:register"), {"year": "2025"}).content.decode()
    assert "HYPERLINK" not in filtered
    assert (
        grant.scheme.name
        in client.get(reverse("subsidies:register"), {"scheme": grant.scheme.pk}).content.decode()
    )


def test_a_review_proposing_a_conversation_reaches_the_leads_who_answer(client, deliver):
    grant = GrantFactory()
    report = grant.reports.get(kind="interim")
    lead = grant.initiative.created_by
    client.force_login(lead)
    client.post(
        reverse("subsidies:report_edit", args=[report.pk]),
        {**_report_post(grant), "submit": "1"},
    )
    officer = UserFactory(grant_officer=True)
    login_with_second_factor(client, officer)
    reviewed = client.post(
        reverse("subsidies:report_review", args=[report.pk]),
        {
            "outcome": "conversation",
            "message": "Zullen we praten over de tuin?",
            "conversation_on": (TODAY + timedelta(days=3)).isoformat(),
        },
    )
    assert reviewed.status_code == 302
    assert deliver()[-1].to == [lead.email]
    client.force_login(lead)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Zullen we praten over de tuin?" in page
    assert "vrijdag 27 november 2026" in page
    review = report.reviews.get()
    client.post(reverse("subsidies:review_answer", args=[review.pk]), {"answer": "Prima!"})
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


# Query counts -------------------------------------------------------------------


def test_the_application_queue(client):
    login_with_second_factor(client, UserFactory(grant_officer=True))
    scheme = SubsidySchemeFactory()
    assert_queries_do_not_grow(
        client,
        reverse("subsidies:application_queue"),
        lambda n: ApplicationFactory.create_batch(n, submitted=True, scheme=scheme),
    )


def test_the_review_list(client):
    login_with_second_factor(client, UserFactory(grant_officer=True))

    def grow(n):
        for grant in GrantFactory.create_batch(n):
            report = grant.reports.get(kind="interim")
            services.report_save(
                report=report,
                actor=grant.initiative.created_by,
                outcomes={g.pk: services.OutcomeData("achieved", "Ok") for g in grant.goals.all()},
            )
            services.report_submit(report=report, actor=grant.initiative.created_by)

    assert_queries_do_not_grow(client, reverse("subsidies:review_queue"), grow)


def test_the_register(client):
    assert_queries_do_not_grow(
        client, reverse("subsidies:register"), lambda n: GrantFactory.create_batch(n)
    )


def test_the_schemes_and_budgets(client):
    login_with_second_factor(client, UserFactory(grant_officer=True))

    def grow(n):
        for scheme in SubsidySchemeFactory.create_batch(n):
            GrantFactory.create_batch(2, scheme=scheme)

    assert_queries_do_not_grow(client, reverse("subsidies:grant_officer"), grow)


@pytest.mark.parametrize("who", ["lead", "grant_officer"])
def test_the_grant_page(client, who):
    grant = GrantFactory(goals=["Only"])
    lead = grant.initiative.created_by
    if who == "lead":
        client.force_login(lead)
    else:
        login_with_second_factor(client, UserFactory(grant_officer=True))

    def grow(n):
        for i in range(n):
            MembershipFactory(initiative=grant.initiative)
            report = Report.objects.create(
                grant=grant, kind="interim", due_on=TODAY + timedelta(days=i + 1)
            )
            # Each sent report is an event on the grant's history, by a different lead.
            author = MembershipFactory(initiative=grant.initiative, role="lead").user
            goal = grant.goals.get()
            services.report_save(
                report=report,
                actor=author,
                outcomes={goal.pk: services.OutcomeData("achieved", "Ok")},
            )
            services.report_submit(report=report, actor=author)

    assert_queries_do_not_grow(client, grant.get_absolute_url(), grow)


def test_a_lead_downloads_what_they_wrote_and_the_records_stay(client):
    application = ApplicationFactory(submitted=True)
    lead = application.initiative.created_by
    client.force_login(lead)
    data = client.get("/mijn-gegevens/download/").json()
    assert data["applications_written"][0]["amount"] == "1000.00"
    from accounts.links import registered

    assert any(links.keeps_records(lead) for links in registered())


def test_an_initiatives_subsidies_list_its_grants_and_open_applications(client):
    grant = GrantFactory(amount=Decimal("750"))
    initiative = grant.initiative
    ApplicationFactory(initiative=initiative, submitted=True)
    client.force_login(initiative.created_by)
    detail = client.get(initiative.get_absolute_url()).content.decode()
    assert reverse("subsidies:initiative_subsidies", args=[initiative.pk]) in detail
    page = client.get(reverse("subsidies:initiative_subsidies", args=[initiative.pk]))
    text = page.content.decode()
    assert "€\xa0750,00" in text and "ingediend" in text


def test_an_initiatives_subsidies_take_the_same_queries_at_n_and_2n(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    def grow(n):
        GrantFactory.create_batch(n, initiative=initiative)
        ApplicationFactory.create_batch(n, initiative=initiative)

    assert_queries_do_not_grow(
        client, reverse("subsidies:initiative_subsidies", args=[initiative.pk]), grow
    )


def test_a_grant_officer_records_a_paper_grant_from_the_initiative(client):
    initiative = InitiativeFactory()
    scheme = SubsidySchemeFactory()
    login_with_second_factor(client, UserFactory(grant_officer=True))
    url = reverse("subsidies:grant_record", args=[initiative.pk])
    response = client.post(
        url,
        {
            "grant-scheme": scheme.pk,
            "grant-amount": "750",
            "grant-reason": "Aanvraag op papier van 3 november",
            "grant-final_report": (TODAY + timedelta(days=90)).isoformat(),
            "goal-TOTAL_FORMS": "3",
            "goal-INITIAL_FORMS": "0",
            "goal-0-description": "Een buurtfeest",
        },
    )
    grant = Grant.objects.get()
    assert response.url == grant.get_absolute_url()
    assert (grant.amount, grant.application) == (Decimal("750.00"), None)
    assert [g.description for g in grant.goals.all()] == ["Een buurtfeest"]
