import threading
import uuid
from datetime import timedelta
from functools import partial

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation
from PIL import Image

from audit.models import AuditEvent
from initiatieven import services
from initiatieven.models import Initiative, Membership, Need, Offer, Photo, Support, Update
from tests.factories import (
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    NeedFactory,
    NeighbourhoodFactory,
    OfferFactory,
    OfferRequestFactory,
    ThemeFactory,
    UserFactory,
)
from tests.initiatieven.images import GPS_IFD, fake_image, jpeg_with_gps, png, too_large
from tests.races import at_once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _create(author, token=None):
    return services.initiative_create(
        author=author,
        title="Moestuin De Wierden",
        summary="A vegetable garden for the street.",
        neighbourhood=NeighbourhoodFactory(),
        themes=[ThemeFactory()],
        token=token,
    )


def test_a_new_initiative_is_a_draft_of_an_informal_group_led_by_its_author():
    author = UserFactory()
    initiative = _create(author)
    assert initiative.status == Initiative.Status.DRAFT
    assert initiative.organisation == Initiative.Organisation.INFORMAL_GROUP
    membership = initiative.memberships.get()
    assert (membership.user, membership.role, membership.is_contact) == (
        author,
        Membership.Role.LEAD,
        True,
    )


def test_the_same_form_posted_twice_makes_one_initiative():
    author = UserFactory()
    token = uuid.uuid4()
    first = _create(author, token)
    second = _create(author, token)
    assert first.pk == second.pk
    assert Initiative.objects.count() == 1


def test_submitting_needs_at_least_one_need():
    initiative = InitiativeFactory(draft=True)
    with pytest.raises(ValidationError, match="need"):
        services.initiative_submit(initiative=initiative, actor=initiative.created_by)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.DRAFT


def test_submitting_sets_the_date_and_is_recorded():
    initiative = InitiativeFactory(draft=True)
    NeedFactory(initiative=initiative)
    services.initiative_submit(initiative=initiative, actor=initiative.created_by)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.SUBMITTED
    assert initiative.submitted_at is not None
    assert AuditEvent.objects.filter(action="initiative.submitted").count() == 1
    with pytest.raises(ValidationError, match="already"):
        services.initiative_submit(initiative=initiative, actor=initiative.created_by)


def test_a_withdrawn_need_does_not_count_for_submitting():
    initiative = InitiativeFactory(draft=True)
    NeedFactory(initiative=initiative, status=Need.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="Add at least one need"):
        services.initiative_submit(initiative=initiative, actor=initiative.created_by)


def test_the_stage_can_grow_and_must_exist():
    initiative = InitiativeFactory()
    services.initiative_set_stage(
        initiative=initiative, actor=initiative.created_by, stage=Initiative.Stage.PUBLIC_CAUSE
    )
    initiative.refresh_from_db()
    assert initiative.stage == Initiative.Stage.PUBLIC_CAUSE
    with pytest.raises(ValidationError, match="This stage does not exist"):
        services.initiative_set_stage(initiative=initiative, actor=None, stage="empire")


def test_hiding_needs_a_reason_and_is_an_audit_event():
    moderator = UserFactory(coordinator=True)
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError, match="why"):
        services.initiative_hide(initiative=initiative, actor=moderator, reason=" ")
    services.initiative_hide(initiative=initiative, actor=moderator, reason="Advertising.")
    initiative.refresh_from_db()
    assert initiative.is_hidden and initiative.hidden_reason == "Advertising."
    event = AuditEvent.objects.get(action="initiative.hidden")
    assert (event.actor, event.reason) == (moderator, "Advertising.")
    with pytest.raises(ValidationError, match="already"):
        services.initiative_hide(initiative=initiative, actor=moderator, reason="Again.")
    services.initiative_unhide(initiative=initiative, actor=moderator, reason="Fixed.")
    initiative.refresh_from_db()
    assert not initiative.is_hidden
    assert AuditEvent.objects.filter(action="initiative.unhidden").count() == 1


def test_a_need_met_says_by_whom():
    need = NeedFactory()
    with pytest.raises(ValidationError, match="who helped"):
        services.need_set_status(need=need, actor=None, status=Need.Status.MET)
    services.need_set_status(
        need=need, actor=None, status=Need.Status.PARTLY_MET, met_by=Need.MetBy.RESIDENT
    )
    need.refresh_from_db()
    assert (need.status, need.met_by) == (Need.Status.PARTLY_MET, Need.MetBy.RESIDENT)
    services.need_set_status(need=need, actor=None, status=Need.Status.WITHDRAWN)
    need.refresh_from_db()
    assert (need.status, need.met_by) == (Need.Status.WITHDRAWN, "")


def test_a_need_met_by_an_offer_needs_a_vetted_linked_offer():
    need = NeedFactory()
    unvetted = OfferFactory()
    with pytest.raises(ValidationError, match="not been checked"):
        services.need_set_status(
            need=need, actor=None, status=Need.Status.MET, met_by="partner", offer=unvetted
        )
    not_linked = OfferFactory(vetted=True)
    with pytest.raises(ValidationError, match="Link"):
        services.need_set_status(
            need=need, actor=None, status=Need.Status.MET, met_by="partner", offer=not_linked
        )
    linked = OfferRequestFactory(need=need).offer
    services.need_set_status(
        need=need, actor=None, status=Need.Status.MET, met_by="resident", offer=linked
    )
    need.refresh_from_db()
    assert (need.status, need.met_by, need.offer) == (Need.Status.MET, "partner", linked)


def _invite(initiative, email):
    return services.invitation_send(
        initiative=initiative,
        email=email,
        actor=initiative.created_by,
        link_for=lambda token: f"https://marktplein.example/uitnodiging/{token}/",
    )


def test_an_invitation_is_mailed_through_the_outbox(deliver):
    initiative = InitiativeFactory()
    invitation = _invite(initiative, "Karim@Example.org")
    deliver()
    assert invitation.email == "karim@example.org"
    assert mail.outbox[0].to == ["karim@example.org"]
    assert "https://marktplein.example/uitnodiging/" in mail.outbox[0].body
    assert initiative.title in mail.outbox[0].body


def test_inviting_twice_or_inviting_a_member_is_refused():
    initiative = InitiativeFactory()
    _invite(initiative, "karim@example.org")
    with pytest.raises(ValidationError, match="already invited"):
        _invite(initiative, "KARIM@example.org")
    with pytest.raises(ValidationError, match="already a member"):
        _invite(initiative, initiative.created_by.email)


def test_an_invitation_link_expires_and_cannot_be_forged():
    invitation = InvitationFactory()
    token = services.invitation_token(invitation)
    assert services.invitation_from_token(token) == invitation
    with pytest.raises(ValidationError, match="not valid"):
        services.invitation_from_token(token[:-2] + "xx")
    with (
        time_machine.travel(timezone.now() + timedelta(days=8)),
        pytest.raises(ValidationError, match="expired"),
    ):
        services.invitation_from_token(token)


def test_only_the_invited_address_can_accept_and_only_once():
    invitation = InvitationFactory(email="karim@example.org")
    with pytest.raises(ValidationError, match="another e-mail address") as refused:
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert "karim" not in str(refused.value)
    karim = UserFactory(email="karim@example.org")
    membership = services.invitation_accept(invitation=invitation, user=karim)
    assert membership.role == Membership.Role.MEMBER
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(invitation=invitation, user=karim)


def test_an_initiative_never_loses_its_last_lead():
    initiative = InitiativeFactory()
    lead = initiative.memberships.get()
    with pytest.raises(ValidationError, match="always needs a lead"):
        services.membership_remove(membership=lead, actor=lead.user)
    with pytest.raises(ValidationError, match="always needs a lead"):
        services.membership_set_role(membership=lead, role="member", actor=lead.user)
    member = MembershipFactory(initiative=initiative)
    services.membership_remove(membership=member, actor=lead.user)
    assert list(initiative.memberships.all()) == [lead]


def test_handing_over_the_lead_role():
    initiative = InitiativeFactory()
    lead = initiative.memberships.get()
    member = MembershipFactory(initiative=initiative)
    services.membership_hand_over_lead(membership=member, actor=lead.user)
    lead.refresh_from_db()
    member.refresh_from_db()
    assert (lead.role, member.role) == ("member", "lead")
    with pytest.raises(PermissionDenied):
        services.membership_hand_over_lead(membership=member, actor=lead.user)


def test_one_contact_person_and_one_treasurer():
    initiative = InitiativeFactory()
    lead = initiative.memberships.get()
    member = MembershipFactory(initiative=initiative)
    services.membership_set_contact(membership=member, actor=lead.user)
    services.membership_set_treasurer(membership=member, actor=lead.user)
    assert list(initiative.memberships.filter(is_contact=True)) == [member]
    assert list(initiative.memberships.filter(is_treasurer=True)) == [member]
    services.membership_set_treasurer(membership=lead, actor=lead.user)
    assert list(initiative.memberships.filter(is_treasurer=True)) == [lead]
    assert AuditEvent.objects.filter(action="initiative.treasurer_named").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_leads_removing_each_other_at_once_leave_exactly_one():
    for _round in range(10):
        initiative = InitiativeFactory()
        first = initiative.memberships.get()
        second = MembershipFactory(initiative=initiative, role=Membership.Role.LEAD)
        barrier = threading.Barrier(2)
        outcomes = []

        def remove(target, actor, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                services.membership_remove(membership=target, actor=actor)
                outcomes.append("removed")
            except ValidationError:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=remove, args=(first, second.user)),
            threading.Thread(target=remove, args=(second, first.user)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["refused", "removed"]
        assert initiative.memberships.filter(role=Membership.Role.LEAD).count() == 1


def test_support_once_and_withdraw():
    initiative = InitiativeFactory()
    resident = UserFactory()
    services.support_add(initiative=initiative, user=resident)
    with pytest.raises(ValidationError, match="already support"):
        services.support_add(initiative=initiative, user=resident)
    assert Support.objects.count() == 1
    services.support_withdraw(initiative=initiative, user=resident)
    with pytest.raises(ValidationError, match="do not support"):
        services.support_withdraw(initiative=initiative, user=resident)


@pytest.mark.parametrize("trait", ["draft", "hidden"])
def test_only_a_public_initiative_can_be_supported(trait):
    with pytest.raises(ValidationError, match="public"):
        services.support_add(initiative=InitiativeFactory(**{trait: True}), user=UserFactory())


def test_only_partners_publish_offers_and_a_coordinator_checks_them():
    with pytest.raises(PermissionDenied):
        services.offer_create(partner=UserFactory(), title="x", description="y", kind="space")
    offer = services.offer_create(
        partner=UserFactory(partner=True), title="Room", description="Big.", kind="space"
    )
    assert offer.status == Offer.Status.PENDING
    coordinator = UserFactory(coordinator=True)
    with pytest.raises(ValidationError, match="why"):
        services.offer_review(offer=offer, actor=coordinator, approve=False)
    services.offer_review(offer=offer, actor=coordinator, approve=True)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.VETTED and offer.vetted_by == coordinator
    assert AuditEvent.objects.filter(action="offer.vetted").count() == 1
    with pytest.raises(ValidationError, match="already been checked"):
        services.offer_review(offer=offer, actor=coordinator, approve=False, reason="No.")


def test_linking_an_offer_to_a_need():
    need = NeedFactory()
    lead = need.initiative.created_by
    with pytest.raises(ValidationError, match="not been checked"):
        services.offer_link_to_need(offer=OfferFactory(), need=need, actor=lead)
    offer = OfferFactory(vetted=True)
    request = services.offer_link_to_need(offer=offer, need=need, actor=lead)
    assert request.requested_by == lead
    with pytest.raises(ValidationError, match="already asked"):
        services.offer_link_to_need(offer=offer, need=need, actor=lead)
    closed = NeedFactory(status=Need.Status.MET, met_by="resident")
    with pytest.raises(ValidationError, match="closed"):
        services.offer_link_to_need(offer=offer, need=closed, actor=lead)


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_update_text_is_sanitised(payload):
    initiative = InitiativeFactory()
    update = services.update_post(
        initiative=initiative, author=initiative.created_by, body=f"Hello {payload} world"
    )
    body = update.body.lower()
    for dangerous in ("<script", "onerror", "javascript:", "<svg", "<iframe", "style=", "onload"):
        assert dangerous not in body


def test_plain_text_keeps_paragraphs_and_gets_safe_links():
    initiative = InitiativeFactory()
    update = services.update_post(
        initiative=initiative,
        author=initiative.created_by,
        body="First line.\n\nSee https://example.org for more.",
    )
    assert update.body.startswith("<p>First line.</p>")
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">' in update.body


def test_photos_are_stripped_of_their_location():
    initiative = InitiativeFactory()
    update = services.update_post(
        initiative=initiative,
        author=initiative.created_by,
        body="Our garden.",
        photos=[(jpeg_with_gps(), "The garden"), (png(), "The plan")],
    )
    photos = list(update.photos.all())
    assert [p.description for p in photos] == ["The garden", "The plan"]
    with Image.open(photos[0].image.path) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert GPS_IFD not in exif
        assert not exif.get_ifd(GPS_IFD)
    assert photos[1].image.name.endswith(".png")


@pytest.mark.parametrize(
    ("upload", "message"),
    [(fake_image, "not a photo"), (too_large, "too large")],
    ids=["not-an-image", "too-large"],
)
def test_a_bad_photo_is_refused_and_nothing_is_saved(upload, message):
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError, match=message):
        services.update_post(
            initiative=initiative,
            author=initiative.created_by,
            body="Our garden.",
            photos=[(jpeg_with_gps(), "Good one"), (upload(), "Bad one")],
        )
    assert Update.objects.count() == 0
    assert Photo.objects.count() == 0


def test_each_photo_needs_a_description_and_there_is_a_maximum(settings):
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError, match="Describe"):
        services.update_post(
            initiative=initiative,
            author=initiative.created_by,
            body="x",
            photos=[(png(), " ")],
        )
    settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE = 2
    with pytest.raises(ValidationError, match="at most 2"):
        services.update_post(
            initiative=initiative,
            author=initiative.created_by,
            body="x",
            photos=[(png(), "a"), (png(), "b"), (png(), "c")],
        )
    assert Update.objects.count() == 0


def test_a_lead_closes_an_initiative_as_completed_or_stopped():
    initiative = InitiativeFactory(active=True)
    with pytest.raises(ValidationError, match="completed or stopped"):
        services.initiative_close(initiative=initiative, actor=None, status="draft")
    services.initiative_close(
        initiative=initiative, actor=initiative.created_by, status="completed", reason="Done!"
    )
    initiative.refresh_from_db()
    assert initiative.status == "completed"
    event = AuditEvent.objects.get(action="initiative.completed")
    assert (event.before, event.after, event.reason) == (
        {"status": "active"},
        {"status": "completed"},
        "Done!",
    )
    with pytest.raises(ValidationError, match="Only a submitted or active"):
        services.initiative_close(initiative=initiative, actor=None, status="stopped")
    with pytest.raises(ValidationError, match="Only a submitted or active"):
        services.initiative_close(
            initiative=InitiativeFactory(draft=True), actor=None, status="stopped"
        )


@pytest.mark.parametrize(
    ("kind", "kept"), [("expertise", True), ("space", False), ("money", False)]
)
def test_an_expertise_area_is_kept_only_on_an_expertise_need(kind, kept):
    from tests.factories import ExpertiseAreaFactory

    initiative = InitiativeFactory()
    area = ExpertiseAreaFactory()
    need = services.need_add(
        initiative=initiative,
        actor=initiative.created_by,
        kind=kind,
        description="Help with the permit.",
        expertise_area=area,
    )
    need.refresh_from_db()
    assert (need.expertise_area == area) is kept


def test_the_first_response_counts_its_working_days_once():
    # Submitted on Friday 24 April 2026; King's Day (Monday 27 April) is a holiday.
    amsterdam = timezone.get_default_timezone()
    submitted = timezone.datetime(2026, 4, 24, 16, 0, tzinfo=amsterdam)
    initiative = InitiativeFactory(submitted_at=submitted)
    answered = timezone.datetime(2026, 4, 30, 9, 0, tzinfo=amsterdam)  # Thursday
    assert services.initiative_mark_first_response(initiative=initiative, at=answered)
    # A later answer changes nothing.
    later = answered + timedelta(days=7)
    assert not services.initiative_mark_first_response(initiative=initiative, at=later)
    initiative.refresh_from_db()
    # Tuesday, Wednesday, Thursday.
    assert (initiative.first_response_at, initiative.response_working_days) == (answered, 3)


def test_the_group_does_not_support_its_own_initiative(client):
    initiative = InitiativeFactory()
    member = MembershipFactory(initiative=initiative).user
    for person in (initiative.created_by, member):
        with pytest.raises(ValidationError, match="part of this initiative"):
            services.support_add(initiative=initiative, user=person)
    assert not Support.objects.exists()
    client.force_login(initiative.created_by)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Ik steun dit" not in page


@pytest.mark.parametrize(
    "text", ["Fewer than 5 < 10 people.", "We <3 our street.", "See <-- here"]
)
def test_a_less_than_sign_leaves_plain_text_plain(text):
    initiative = InitiativeFactory()
    update = services.update_post(
        initiative=initiative,
        author=initiative.created_by,
        body=f"{text}\n\nMore on https://example.org",
    )
    assert update.body.startswith("<p>")
    assert "&lt;" in update.body
    assert '<a href="https://example.org"' in update.body


def test_closing_ends_the_advice_frees_the_hours_and_tells_the_advisors(client, deliver):
    from ambtenaren.models import Advisorship
    from ambtenaren.services import free_hours
    from tests.factories import AdvisorProfileFactory, AdvisorshipFactory

    initiative = InitiativeFactory(active=True, title="Moestuin")
    advisor = AdvisorProfileFactory(hours_per_month=8, user__email="joost@gemeente.example")
    active = AdvisorshipFactory(
        initiative=initiative, advisor=advisor, hours_per_month=3, active=True
    )
    proposed = AdvisorshipFactory(initiative=initiative, hours_per_month=2)
    elsewhere = AdvisorshipFactory(advisor=advisor, hours_per_month=1, active=True)
    assert free_hours(advisor) == 4
    services.initiative_close(
        initiative=initiative,
        actor=initiative.created_by,
        status="completed",
        reason="The garden feeds twelve families now.",
    )
    statuses = dict(Advisorship.objects.values_list("pk", "status"))
    assert statuses == {active.pk: "completed", proposed.pk: "released", elsewhere.pk: "active"}
    assert free_hours(advisor) == 7
    sent = deliver()
    assert {message.to[0] for message in sent} == {
        "joost@gemeente.example",
        proposed.advisor.user.email,
    }
    assert any("Moestuin is afgesloten" in message.subject for message in sent)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Dit initiatief is afgerond" in page
    assert "The garden feeds twelve families now." in page


def test_supporters_hear_the_news_as_they_chose(deliver):
    from herinneringen.services import preference_set

    initiative = InitiativeFactory(title="Moestuin")
    member = MembershipFactory(initiative=initiative).user
    eager = UserFactory(email="eager@example.org")
    quiet = UserFactory(email="quiet@example.org")
    for person in (eager, quiet, member):
        Support.objects.create(initiative=initiative, user=person)
    preference_set(user=quiet, kind="initiative_news", delivery="off")
    services.update_post(initiative=initiative, author=initiative.created_by, body="Beans!")
    sent = deliver()
    assert [message.to for message in sent] == [["eager@example.org"]]
    assert sent[0].subject.endswith("Nieuws van Moestuin")


def test_only_members_change_or_delete_news():
    initiative = InitiativeFactory()
    update = services.update_post(
        initiative=initiative, author=initiative.created_by, body="Beans!"
    )
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.update_change(update=update, actor=stranger, body="Hacked")
    with pytest.raises(PermissionDenied):
        services.update_delete(update=update, actor=stranger)
    assert Update.objects.get(pk=update.pk).body == "<p>Beans!</p>"


def test_the_initiative_keeps_which_fields_of_expertise_its_open_needs_ask_for():
    """Matching reads `open_expertise_areas` instead of joining the needs."""
    from tests.factories import ExpertiseAreaFactory

    permits, green = ExpertiseAreaFactory(), ExpertiseAreaFactory()
    initiative = InitiativeFactory()
    lead = initiative.created_by
    asks = services.need_add(
        initiative=initiative,
        actor=lead,
        kind="expertise",
        description="Permit",
        expertise_area=permits,
    )
    services.need_add(initiative=initiative, actor=lead, kind="space", description="A room")
    services.need_add(
        initiative=initiative,
        actor=lead,
        kind="expertise",
        description="Trees",
        expertise_area=green,
    )
    initiative.refresh_from_db()
    assert initiative.open_expertise_areas == {str(permits.pk): True, str(green.pk): True}
    # Partly met still asks; met or withdrawn no longer does.
    services.need_set_status(need=asks, actor=lead, status="partly_met", met_by="municipality")
    initiative.refresh_from_db()
    assert str(permits.pk) in initiative.open_expertise_areas
    services.need_set_status(need=asks, actor=lead, status="met", met_by="municipality")
    initiative.refresh_from_db()
    assert initiative.open_expertise_areas == {str(green.pk): True}
    # Data loaded without the services is counted in one go.
    Initiative.objects.update(open_expertise_areas={})
    assert services.initiatives_note_open_expertise() == 1
    initiative.refresh_from_db()
    assert initiative.open_expertise_areas == {str(green.pk): True}


@pytest.mark.django_db(transaction=True)
def test_two_needs_added_at_once_are_both_kept_for_matching():
    """Each need service locks the initiative before it writes down the open fields, so
    the second sees the first's need; without the lock one of them is lost."""
    from tests.factories import ExpertiseAreaFactory

    areas = [ExpertiseAreaFactory() for _ in range(8)]
    for _round in range(5):
        initiative = InitiativeFactory()
        raised = at_once(
            *(
                partial(
                    services.need_add,
                    initiative=initiative,
                    actor=initiative.created_by,
                    kind="expertise",
                    description="Advice",
                    expertise_area=area,
                )
                for area in areas
            )
        )
        assert raised == [None] * len(areas)
        initiative.refresh_from_db()
        assert initiative.open_expertise_areas == {str(area.pk): True for area in areas}


@pytest.mark.django_db(transaction=True)
def test_needs_met_at_once_leave_nothing_asked_for_matching():
    """Marking needs met locks the initiative before writing down what is still asked:
    without the lock each sees the other's need still open, and one stays behind."""
    from tests.factories import ExpertiseAreaFactory

    for _round in range(5):
        initiative = InitiativeFactory()
        needs = [
            services.need_add(
                initiative=initiative,
                actor=initiative.created_by,
                kind="expertise",
                description="Advice",
                expertise_area=ExpertiseAreaFactory(),
            )
            for _ in range(6)
        ]
        raised = at_once(
            *(
                partial(
                    services.need_set_status,
                    need=need,
                    actor=None,
                    status=Need.Status.MET,
                    met_by="municipality",
                )
                for need in needs
            )
        )
        assert raised == [None] * len(needs)
        initiative.refresh_from_db()
        assert initiative.open_expertise_areas == {}
