import pytest
from django.urls import reverse

from audit.models import AuditEvent
from initiatieven import services
from initiatieven.models import Initiative, Membership, Need, Photo, Support, Update
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    NeighbourhoodFactory,
    OfferFactory,
    SupportFactory,
    ThemeFactory,
    UpdateFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.initiatieven.images import fake_image, png, too_large
from tests.queries import capture, count_queries

pytestmark = pytest.mark.django_db


def _create_data(**overrides):
    data = {
        "title": "Moestuin De Wierden",
        "summary": "A vegetable garden for the street.",
        "neighbourhood": NeighbourhoodFactory().pk,
        "themes": [ThemeFactory().pk],
        "organisation": "informal_group",
        "organisation_name": "",
        "token": "6f1c8e7e-0c0e-4b1e-9d56-2b8c7c2f4a11",
    }
    data.update(overrides)
    return data


def test_register_a_draft_then_needs_then_submit(client):
    resident = UserFactory()
    client.force_login(resident)
    response = client.post(reverse("initiatieven:create"), _create_data())
    initiative = Initiative.objects.get()
    assert response.url == reverse("initiatieven:needs", args=[initiative.pk])
    assert initiative.status == "draft"

    refused = client.post(reverse("initiatieven:submit", args=[initiative.pk]))
    assert refused.status_code == 400
    assert "marktplein-error-summary" in refused.content.decode()

    client.post(
        reverse("initiatieven:needs", args=[initiative.pk]),
        {"kind": "space", "description": "A room on Saturday."},
    )
    client.post(
        reverse("initiatieven:needs", args=[initiative.pk]),
        {"kind": "volunteers", "description": "Five people to dig."},
    )
    response = client.post(reverse("initiatieven:submit", args=[initiative.pk]))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "submitted"
    assert initiative.needs.count() == 2


def test_the_create_form_posted_twice_makes_one_initiative(client):
    client.force_login(UserFactory())
    data = _create_data()
    first = client.post(reverse("initiatieven:create"), data)
    second = client.post(reverse("initiatieven:create"), data)
    assert Initiative.objects.count() == 1
    assert first.url == second.url


def test_the_create_form_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("initiatieven:create"), _create_data(neighbourhood="", title="Repair café")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Repair café"' in html
    assert "A vegetable garden for the street." in html
    assert "marktplein-error-summary" in html
    assert Initiative.objects.count() == 0


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_xss_in_every_text_field_renders_harmless(client):
    lead = UserFactory(first_name=XSS)
    initiative = InitiativeFactory(created_by=lead, title=XSS, summary=XSS, organisation_name=XSS)
    NeedFactory(initiative=initiative, description=XSS)
    services.update_post(initiative=initiative, author=lead, body=f"News {XSS}")
    offer = OfferFactory(vetted=True, title=XSS, description=XSS)
    services.offer_link_to_need(offer=offer, need=initiative.needs.get(), actor=lead)
    moderator = UserFactory(coordinator=True)
    services.initiative_hide(initiative=initiative, actor=moderator, reason=XSS)
    client.force_login(lead)
    pages = [
        reverse("initiatieven:detail", args=[initiative.pk]),
        reverse("initiatieven:members", args=[initiative.pk]),
        reverse("initiatieven:needs", args=[initiative.pk]),
        reverse("initiatieven:mine"),
        reverse("initiatieven:offers"),
        reverse("initiatieven:offer_detail", args=[offer.pk]),
    ]
    services.initiative_unhide(initiative=initiative, actor=moderator, reason="ok")
    pages.append(reverse("initiatieven:list"))
    for page in pages:
        html = client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<img src=x onerror" not in html, page
    detail = client.get(pages[0]).content.decode()
    assert "&lt;script&gt;" in detail


def test_a_refused_photo_says_why_keeps_the_text_and_saves_nothing(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    for upload, words in [(fake_image(), "JPEG, PNG"), (too_large(), "5 MB")]:
        response = client.post(
            reverse("initiatieven:update_create", args=[initiative.pk]),
            {"body": "We planted beans today.", "photo_1": upload, "description_1": "Beans"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "We planted beans today." in html
        assert words in html
    assert Update.objects.count() == 0
    assert Photo.objects.count() == 0


def test_posting_news_with_a_photo(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    response = client.post(
        reverse("initiatieven:update_create", args=[initiative.pk]),
        {"body": "The plan.", "photo_1": png(), "description_1": "Drawing of the garden"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    detail = client.get(reverse("initiatieven:detail", args=[initiative.pk])).content.decode()
    assert f'src="/foto/{photo.pk}/"' in detail
    assert 'alt="Drawing of the garden"' in detail
    assert client.get(f"/foto/{photo.pk}/").status_code == 200


def test_support_and_withdraw_by_post(client):
    initiative = InitiativeFactory()
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("initiatieven:support", args=[initiative.pk])
    client.post(url, {"action": "add"})
    client.post(url, {"action": "add"})
    assert Support.objects.filter(user=resident).count() == 1
    client.post(url, {"action": "withdraw"})
    assert not Support.objects.filter(user=resident).exists()


def test_only_a_lead_manages_members(client):
    initiative = InitiativeFactory()
    member = MembershipFactory(initiative=initiative)
    lead = initiative.memberships.get(role="lead")
    url = reverse("initiatieven:membership_remove", args=[initiative.pk, lead.pk])
    client.force_login(member.user)
    assert client.post(url).status_code == 403
    for name in (
        "membership_set_contact",
        "membership_set_treasurer",
        "membership_hand_over_lead",
    ):
        assert (
            client.post(
                reverse(f"initiatieven:{name}", args=[initiative.pk, member.pk])
            ).status_code
            == 403
        )
    role = reverse("initiatieven:membership_set_role", args=[initiative.pk, member.pk])
    assert client.post(role, {"role": "lead"}).status_code == 403
    assert client.post(role, {"role": "emperor"}).status_code == 404
    # A member may leave.
    own = reverse("initiatieven:membership_remove", args=[initiative.pk, member.pk])
    assert client.post(own).status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_last_lead_cannot_leave(client):
    initiative = InitiativeFactory()
    lead = initiative.memberships.get()
    client.force_login(lead.user)
    url = reverse("initiatieven:membership_remove", args=[initiative.pk, lead.pk])
    response = client.post(url, follow=True)
    assert Membership.objects.filter(pk=lead.pk).exists()
    assert "altijd een trekker nodig" in response.content.decode()


def test_a_coordinator_hides_with_a_reason_the_members_see(client):
    initiative = InitiativeFactory()
    coordinator = UserFactory(coordinator=True)
    login_with_second_factor(client, coordinator)
    url = reverse("initiatieven:moderate", args=[initiative.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Looks like advertising."})
    initiative.refresh_from_db()
    assert initiative.is_hidden
    assert AuditEvent.objects.filter(action="initiative.hidden", actor=coordinator).exists()

    client.force_login(initiative.created_by)
    detail = client.get(reverse("initiatieven:detail", args=[initiative.pk]))
    assert "Looks like advertising." in detail.content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("initiatieven:detail", args=[initiative.pk])).status_code == 404


def test_the_list_filters_by_need_theme_and_text(client):
    garden = InitiativeFactory(title="Moestuin")
    NeedFactory(initiative=garden, kind="volunteers")
    repair = InitiativeFactory(title="Repair café")
    NeedFactory(initiative=repair, kind="space")
    InitiativeFactory(draft=True, title="Secret draft")
    url = reverse("initiatieven:list")
    html = client.get(url, {"need": "volunteers"}).content.decode()
    assert "Moestuin" in html and "Repair café" not in html
    html = client.get(url, {"q": "repair"}).content.decode()
    assert "Repair café" in html and "Moestuin" not in html
    assert "Secret draft" not in client.get(url).content.decode()


def _populate(count: int) -> None:
    theme = ThemeFactory()
    for _ in range(count):
        initiative = InitiativeFactory()
        initiative.themes.add(theme)
        NeedFactory.create_batch(2, initiative=initiative)
        MembershipFactory.create_batch(2, initiative=initiative)
        SupportFactory.create_batch(2, initiative=initiative)
        UpdateFactory.create_batch(2, initiative=initiative)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_list_issues_the_same_queries_for_n_and_2n(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    url = reverse("initiatieven:list")
    _populate(5)
    small = count_queries(client, url)
    _populate(5)
    large = count_queries(client, url)
    assert small == large <= 10


def test_the_detail_issues_the_same_queries_for_n_and_2n(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    url = reverse("initiatieven:detail", args=[initiative.pk])

    def grow(n):
        NeedFactory.create_batch(n, initiative=initiative)
        MembershipFactory.create_batch(n, initiative=initiative)
        SupportFactory.create_batch(n, initiative=initiative)
        for update in UpdateFactory.create_batch(n, initiative=initiative):
            services.update_post(
                initiative=initiative, author=update.author, body="x", photos=[(png(), "p")]
            )

    grow(3)
    small = count_queries(client, url)
    grow(3)
    large = count_queries(client, url)
    # A member also sees the advisors and the municipality's answers: two more queries.
    # The session comes from the cache (cached_db), not from a query.
    assert small == large <= 11
    assert not any("django_session" in sql for sql in capture(client, url))


def test_a_need_is_marked_met_by_a_partner_offer(client):
    initiative = InitiativeFactory()
    need = NeedFactory(initiative=initiative)
    offer = OfferFactory(vetted=True)
    client.force_login(initiative.created_by)
    client.post(
        reverse("initiatieven:need_link_offer", args=[initiative.pk, need.pk]),
        {"offer": offer.pk},
    )
    response = client.post(
        reverse("initiatieven:need_status", args=[initiative.pk, need.pk]),
        {"status": "met", "met_by": "partner", "offer": offer.pk},
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.status, need.met_by, need.offer) == (Need.Status.MET, "partner", offer)

    client.force_login(offer.partner)
    mine = client.get(reverse("initiatieven:offers_mine")).content.decode()
    assert initiative.title in mine
    assert initiative.created_by.first_name in mine


def test_a_lead_closes_the_initiative_from_its_page(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    assert (
        reverse("initiatieven:close", args=[initiative.pk])
        in client.get(initiative.get_absolute_url()).content.decode()
    )
    refused = client.post(
        reverse("initiatieven:close", args=[initiative.pk]), {"reason": "We moved away."}
    )
    assert refused.status_code == 400  # how it ended was not chosen
    assert "We moved away.</textarea>" in refused.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == "submitted"
    client.post(reverse("initiatieven:close", args=[initiative.pk]), {"status": "stopped"})
    initiative.refresh_from_db()
    assert initiative.status == "stopped"


def test_the_filter_keeps_the_chosen_neighbourhood_selected(client):
    from tests.factories import NeighbourhoodFactory

    places = NeighbourhoodFactory.create_batch(3)
    page = client.get(reverse("initiatieven:list"), {"neighbourhood": places[1].pk})
    html = page.content.decode()
    assert f'<option value="{places[1].pk}" selected>{places[1].name}</option>' in html
    assert f'<option value="{places[0].pk}">{places[0].name}</option>' in html


@pytest.mark.parametrize("moderator", ["coordinator", "administrator"])
def test_the_members_hear_of_hiding_and_showing_and_see_it_in_their_list(
    client, deliver, moderator
):
    initiative = InitiativeFactory(title="Moestuin", created_by__email="sanne@example.org")
    MembershipFactory(initiative=initiative, user=UserFactory(email="karim@example.org"))
    login_with_second_factor(client, UserFactory(**{moderator: True}))
    url = reverse("initiatieven:moderate", args=[initiative.pk])
    client.post(url, {"reason": "Please change the news: it names a neighbour."})
    sent = deliver()
    assert sorted(message.to[0] for message in sent) == ["karim@example.org", "sanne@example.org"]
    assert "it names a neighbour" in sent[0].body
    client.force_login(initiative.created_by)
    mine = client.get(reverse("initiatieven:mine")).content.decode()
    assert "verborgen door een moderator" in mine
    login_with_second_factor(client, UserFactory(**{moderator: True}))
    client.post(url, {"reason": "Thank you for changing it."})
    assert [message.subject for message in deliver()][-1].endswith("Moestuin is weer te zien")


def test_a_member_changes_and_deletes_news(client):
    initiative = InitiativeFactory()
    member = MembershipFactory(initiative=initiative).user
    update = UpdateFactory(
        initiative=initiative, author=initiative.created_by, body="<p>Neighbour Jan said no.</p>"
    )
    client.force_login(member)
    edit = reverse("initiatieven:update_edit", args=[initiative.pk, update.pk])
    page = client.get(edit).content.decode()
    assert "Neighbour Jan said no.</textarea>" in page  # as typed, without tags
    response = client.post(edit, {"body": "A neighbour said no.\n\nWe ask again in May."})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.body == "<p>A neighbour said no.</p>\n\n<p>We ask again in May.</p>"
    assert client.post(edit, {"body": ""}).status_code == 400
    client.force_login(UserFactory())
    assert client.post(edit, {"body": "Hacked"}).status_code == 403
    client.force_login(member)
    delete = reverse("initiatieven:update_delete", args=[initiative.pk, update.pk])
    assert client.post(delete).status_code == 302
    assert not Update.objects.filter(pk=update.pk).exists()


def test_text_people_write_carries_the_language_it_was_written_in(client):
    """WCAG 3.1.2: Dutch news on the English page, English text on the Dutch page."""
    from initiatieven.services import initiative_create, offer_create, update_post
    from tests.factories import NeighbourhoodFactory

    author = UserFactory(language="en")
    initiative = initiative_create(
        author=author,
        title="Street garden",
        summary="We grow vegetables together.",
        neighbourhood=NeighbourhoodFactory(),
        themes=[],
        organisation="group",
        organisation_name="",
    )
    initiative.status, initiative.submitted_at = "submitted", initiative.created_at
    initiative.save()
    update_post(initiative=initiative, author=UserFactory(language="nl"), body="Eerste bonen!")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert '<h1 class="utrecht-heading-1" lang="en">Street garden</h1>' in page
    assert '<p class="utrecht-paragraph" lang="en">We grow vegetables together.</p>' in page
    assert '<div class="utrecht-rich-text" lang="nl"><p>Eerste bonen!</p></div>' in page
    listing = client.get("/initiatieven/").content.decode()
    assert 'lang="en">We grow vegetables together.' in listing
    offer = offer_create(
        partner=UserFactory(partner=True, language="en"),
        title="Free room",
        description="On Saturdays.",
        kind="space",
    )
    assert offer.language == "en"


def _title(response) -> str:
    html = response.content.decode()
    return html.split("<title>")[1].split("</title>")[0]


def test_each_state_of_the_list_has_a_title_of_its_own(client, settings):
    """WCAG 2.4.2: a search, a filter and page 2 are not titled like the plain list."""
    from tests.factories import NeighbourhoodFactory

    haven = NeighbourhoodFactory(name="Haven")
    for number in range(25):
        InitiativeFactory(title=f"Moestuin {number}", neighbourhood=haven)
    assert _title(client.get("/initiatieven/")) == "Initiatieven · Marktplein"
    assert _title(client.get("/initiatieven/?page=2")) == "Initiatieven – pagina 2 · Marktplein"
    assert (
        _title(client.get(f"/initiatieven/?q=moestuin&neighbourhood={haven.pk}&page=2"))
        == "Initiatieven – Zoeken: moestuin, Wijk: Haven – pagina 2 · Marktplein"
    )


def test_a_card_on_the_list_escapes_what_people_wrote_and_says_everything(client):
    from tests.factories import ThemeFactory

    initiative = InitiativeFactory(
        title="<script>alert(1)</script> Tuin", summary="Groente & fruit " + "woord " * 40
    )
    initiative.themes.set([ThemeFactory(name_nl="Groen")])
    NeedFactory(initiative=initiative)
    SupportFactory(initiative=initiative)
    page = client.get("/initiatieven/").content.decode()
    card = page.split(f'aria-labelledby="initiative-{initiative.pk}"')[1].split("</article>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Tuin</a></h2>" in card
    assert "<script>" not in card
    assert "Groente &amp; fruit " in card
    assert card.count("woord") == 27  # thirty words in all, then "…"
    assert "<strong>Behoeften:</strong> een ruimte of plek</p>" in card
    assert (
        '<span class="utrecht-badge-data marktplein-badge">Groen</span> 1 steunbetuiging' in card
    )


def test_the_cards_come_in_one_query_with_their_themes_needs_and_supporters(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatieven.selectors import InitiativeCard, _cards
    from tests.factories import NeighbourhoodFactory, ThemeFactory

    zorg = ThemeFactory(name_nl="Zorg", name_en="Care")
    groen = ThemeFactory(name_nl="Groen", name_en="Nature")
    full = InitiativeFactory(title="Buurttuin", neighbourhood=NeighbourhoodFactory(name="Haven"))
    full.themes.set([zorg, groen])
    NeedFactory(initiative=full, kind="space")
    NeedFactory(initiative=full, kind="money", status=Need.Status.WITHDRAWN)
    NeedFactory(initiative=full, kind="volunteers", status=Need.Status.MET, met_by="resident")
    SupportFactory.create_batch(3, initiative=full)
    bare = InitiativeFactory()
    with CaptureQueriesContext(connection) as queries:
        cards = {card.pk: card for card in _cards([full.pk, bare.pk])}
    assert len(queries) == 1
    assert cards[full.pk] == InitiativeCard(
        pk=full.pk,
        title="Buurttuin",
        summary=full.summary,
        language="nl",
        stage=full.stage,
        status=full.status,
        neighbourhood="Haven",
        supporters=3,
        themes=(("Groen", "Nature"), ("Zorg", "Care")),  # by the Dutch name
        needs=("space", "volunteers"),  # a withdrawn need is not shown
    )
    assert (cards[bare.pk].themes, cards[bare.pk].needs, cards[bare.pk].supporters) == ((), (), 0)
    assert _cards([]) == []

    def card_in(language: str) -> str:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get("/initiatieven/").content.decode()
        return page.split(f'aria-labelledby="initiative-{full.pk}"')[1].split("</article>")[0]

    # Dutch, English, Dutch again: the labels kept per process follow the language.
    for language in ("nl", "en", "nl"):
        card = card_in(language)
        if language == "en":
            assert "<strong>Needs:</strong> a room or a place, volunteers</p>" in card
            assert ">Nature</span> <span" in card and ">Care</span> 3 supporters</p>" in card
        else:
            assert "<strong>Behoeften:</strong>" in card
            assert ">Zorg</span> 3 steunbetuigingen</p>" in card
        assert (
            f'<a class="utrecht-link" href="{reverse("initiatieven:detail", args=[full.pk])}">'
            in card
        )


def test_an_unfiltered_list_makes_no_filter_form_once_its_html_is_kept(client, monkeypatch):
    from initiatieven.filters import InitiativeFilter

    made = []
    make = InitiativeFilter.get_form_class
    monkeypatch.setattr(
        InitiativeFilter, "get_form_class", lambda filterset: made.append(1) or make(filterset)
    )
    InitiativeFactory()
    first = client.get("/initiatieven/").content.decode()
    assert len(made) == 1  # rendered once, then kept
    again = client.get("/initiatieven/").content.decode()
    client.get("/initiatieven/?page=2")  # a page number is not a filter
    assert len(made) == 1
    assert again.count("<option") == first.count("<option") > 5
    assert "<title>Initiatieven · Marktplein</title>" in again
    # Values sent: the form checks them, even when their HTML is kept.
    client.get("/initiatieven/?stage=idea")
    client.get("/initiatieven/?stage=idea")
    assert len(made) == 3


def test_the_list_filter_is_rendered_once_per_language_and_values(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import NeighbourhoodFactory

    haven = NeighbourhoodFactory(name="Haven")
    InitiativeFactory(neighbourhood=haven)
    url = f"/initiatieven/?neighbourhood={haven.pk}"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    # The options come from the kept HTML: no query reads the neighbourhoods' list.
    assert not any(
        'FROM "basisgegevens_neighbourhood" ORDER BY' in q["sql"] for q in queries.captured_queries
    )
    assert f'<option value="{haven.pk}" selected>Haven</option>' in again
    assert first.count("<option") == again.count("<option")
    # Other values, another language, or errors: rendered for what they are.
    assert (
        f'<option value="{haven.pk}" selected>'
        not in client.get("/initiatieven/").content.decode()
    )
    wrong = client.get("/initiatieven/?neighbourhood=999999").content.decode()
    assert 'aria-invalid="true"' in wrong
    assert "<title>Fout: Initiatieven" in wrong
    # A form with errors is not kept: once the choice exists, the same values are fine.
    NeighbourhoodFactory(pk=999999, name="Nieuwbouw")
    right = client.get("/initiatieven/?neighbourhood=999999").content.decode()
    assert 'aria-invalid="true"' not in right
    assert '<option value="999999" selected>Nieuwbouw</option>' in right
