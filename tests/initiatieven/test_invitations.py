"""Invitations are e-mail to strangers: limited, free of user text in the subject,
revocable, and a forwarded link shows nothing."""

from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from initiatieven import services
from initiatieven.models import Initiative, Invitation
from tests.factories import (
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Services speak the active language; pages set their own."""
    with translation.override("en"):
        yield


def _invite(initiative, email, actor=None):
    return services.invitation_send(
        initiative=initiative,
        email=email,
        actor=actor or initiative.created_by,
        link_for=lambda token: f"https://marktplein.example/uitnodiging/{token}/",
    )


def test_the_subject_carries_no_text_a_resident_typed(deliver):
    initiative = InitiativeFactory(title="Cheap watches at scam.example")
    _invite(initiative, "karim@example.org")
    with translation.override("nl"):
        _invite(initiative, "anna@example.org")
    deliver()
    mail.outbox.sort(key=lambda m: m.to[0] != "karim@example.org")
    assert "scam" not in mail.outbox[0].subject
    assert mail.outbox[0].subject == "You are invited to join an initiative on Marktplein"
    assert mail.outbox[1].subject == "Je bent uitgenodigd voor een initiatief op Marktplein"


def test_a_person_can_send_only_so_many_invitations_a_day(settings):
    settings.MARKTPLEIN_INVITATIONS_PER_PERSON_PER_DAY = 3
    lead = UserFactory()
    initiatives = [InitiativeFactory(created_by=lead) for _ in range(2)]
    for number in range(3):
        _invite(initiatives[number % 2], f"guest{number}@example.org", actor=lead)
    with pytest.raises(ValidationError, match="3 invitations today"):
        _invite(initiatives[1], "guest9@example.org", actor=lead)
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        _invite(initiatives[1], "guest9@example.org", actor=lead)


def test_an_initiative_can_send_only_so_many_invitations_a_day(settings):
    settings.MARKTPLEIN_INVITATIONS_PER_PERSON_PER_DAY = 3
    settings.MARKTPLEIN_INVITATIONS_PER_INITIATIVE_PER_DAY = 4
    initiative = InitiativeFactory()
    other_lead = MembershipFactory(initiative=initiative, role="lead").user
    for number in range(3):
        _invite(initiative, f"guest{number}@example.org")
    _invite(initiative, "guest3@example.org", actor=other_lead)
    with pytest.raises(ValidationError, match="This initiative sent 4 invitations"):
        _invite(initiative, "guest4@example.org", actor=other_lead)


def test_a_lead_withdraws_an_invitation_and_its_link_stops_working():
    initiative = InitiativeFactory()
    invitation = _invite(initiative, "karim@example.org")
    token = services.invitation_token(invitation)
    services.invitation_revoke(invitation=invitation, actor=initiative.created_by)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_from_token(token)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.invitation_revoke(invitation=invitation, actor=initiative.created_by)
    karim = UserFactory(email="karim@example.org")
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_accept(invitation=invitation, user=karim)
    # The same address can be invited again.
    assert _invite(initiative, "karim@example.org").pk != invitation.pk


def test_an_expired_invitation_no_longer_blocks_inviting_the_address_again():
    initiative = InitiativeFactory()
    old = _invite(initiative, "karim@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        new = _invite(initiative, "karim@example.org")
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.revoked_at is None


def test_the_lead_withdraws_on_the_members_page_and_a_member_cannot(client):
    initiative = InitiativeFactory()
    invitation = _invite(initiative, "karim@example.org")
    url = reverse("initiatieven:invitation_revoke", args=[initiative.pk, invitation.pk])
    member = MembershipFactory(initiative=initiative).user
    client.force_login(member)
    assert client.post(url).status_code == 403
    client.force_login(initiative.created_by)
    page = client.get(reverse("initiatieven:members", args=[initiative.pk]))
    assert url in page.content.decode()
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_by == initiative.created_by
    page = client.get(reverse("initiatieven:members", args=[initiative.pk]))
    assert "karim@example.org" not in page.content.decode()


def test_a_forwarded_link_shows_neither_the_draft_nor_the_address(client):
    draft = InitiativeFactory(draft=True, title="Secret street party plan")
    invitation = InvitationFactory(initiative=draft, email="karim@example.org")
    url = reverse("initiatieven:invitation", args=[services.invitation_token(invitation)])
    client.force_login(UserFactory())
    for response in (client.get(url), client.post(url)):
        page = response.content.decode()
        assert response.status_code == 400
        assert "Secret street party" not in page
        assert "karim" not in page
        assert "ander e-mailadres" in page
    client.force_login(UserFactory(email="karim@example.org"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Secret street party plan" in response.content.decode()


def test_a_line_break_in_a_title_is_saved_as_one_line_and_mail_still_goes(client, deliver):
    resident = UserFactory()
    client.force_login(resident)
    data = {
        "title": "Moestuin\r\nDe Wierden",
        "summary": "A vegetable garden.",
        "neighbourhood": NeighbourhoodFactory().pk,
        "themes": [ThemeFactory().pk],
        "organisation": "informal_group",
        "organisation_name": "Buren\nvan de straat",
    }
    assert client.post(reverse("initiatieven:create"), data).status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.title == "Moestuin De Wierden"
    assert initiative.organisation_name == "Buren van de straat"
    # A title with a line break from before this fix still lets mail go out.
    Initiative.objects.filter(pk=initiative.pk).update(title="Two\nlines")
    response = client.post(
        reverse("initiatieven:members", args=[initiative.pk]), {"email": "k@example.org"}
    )
    assert response.status_code == 302
    assert len(deliver()) == 1


def test_a_mail_server_that_is_down_neither_undoes_nor_hides_the_invitation(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.BrokenEmailBackend"
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("initiatieven:members", args=[initiative.pk]),
            {"email": "karim@example.org"},
            follow=True,
        )
    assert response.status_code == 200
    assert Invitation.objects.filter(email="karim@example.org").exists()
    assert "De uitnodiging is verstuurd" in response.content.decode()


def test_a_newcomer_signs_up_from_the_invitation_and_lands_on_it(client):
    from tests.factories import PASSWORD

    initiative = InitiativeFactory(title="Repair café")
    invitation = InvitationFactory(initiative=initiative, email="nina@example.org")
    url = reverse("initiatieven:invitation", args=[services.invitation_token(invitation)])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Repair café" not in text  # the link may have been forwarded
    assert f'href="/accounts/signup/?next={quote(url)}"' in text
    # Signing up and verifying happen elsewhere; the way back waits in the session.
    UserFactory(email="nina@example.org")
    response = client.post(
        reverse("account_login"), {"login": "nina@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == url
    assert client.post(url).status_code == 302
    assert initiative.memberships.filter(user__email="nina@example.org").exists()


def test_a_used_link_says_what_happened(client):
    invitation = InvitationFactory(email="nina@example.org")
    nina = UserFactory(email="nina@example.org")
    services.invitation_accept(invitation=invitation, user=nina)
    url = reverse("initiatieven:invitation", args=[services.invitation_token(invitation)])
    client.force_login(nina)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == invitation.initiative.get_absolute_url()
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 400
    assert "Deze uitnodiging is al gebruikt" in response.content.decode()
