"""Reads about initiatives. Visibility is a queryset; pages fetch through it."""

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from accounts.models import Role, User
from marktplein.paging import page_of_ids

from .models import Initiative, Membership, Need, Offer, OfferRequest, Photo, Support, Update
from .permissions import is_moderator


def _supporters_count():
    return Subquery(
        Support.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def initiatives_visible_to(user: User) -> QuerySet[Initiative]:
    """Public initiatives, plus a member's own (drafts and hidden ones included),
    plus hidden ones for moderators (coordinators, administrators)."""
    visible = Q(status__in=Initiative.PUBLIC_STATUSES, is_hidden=False)
    if user.is_authenticated:
        visible |= Q(Exists(Membership.objects.filter(initiative=OuterRef("pk"), user=user)))
        if is_moderator(user):
            visible |= Q(status__in=Initiative.PUBLIC_STATUSES)
    return Initiative.objects.filter(visible)


def initiatives_for_list() -> QuerySet[Initiative]:
    """The public list, in its order, without what a card shows: filter and count this,
    then load one page's cards with `list_page`. The same for everyone, so it needs no
    per-person visibility (which made its count three times slower when signed in)."""
    return Initiative.objects.filter(
        status__in=Initiative.PUBLIC_STATUSES, is_hidden=False
    ).order_by("-submitted_at", "-pk")


def _cards(ids: list[int]) -> list[Initiative]:
    """What a card shows, for these initiatives only: `card_themes` and `card_needs`
    (the kinds of the needs not withdrawn) as plain rows. A prefetch made a queryset per
    initiative and relation, a fifth of the list's time."""
    initiatives: list[Initiative] = list(
        Initiative.objects.filter(pk__in=ids)
        .select_related("neighbourhood")
        .annotate(supporters_count=_supporters_count())
    )
    themes: dict[int, list] = {pk: [] for pk in ids}
    for link in (
        Initiative.themes.through.objects.filter(initiative_id__in=ids)
        .select_related("theme")
        .order_by("theme__name_nl", "theme_id")
    ):
        themes[link.initiative_id].append(link.theme)
    needs: dict[int, list[str]] = {pk: [] for pk in ids}
    for initiative_id, kind in (
        Need.objects.filter(initiative_id__in=ids)
        .exclude(status=Need.Status.WITHDRAWN)
        .values_list("initiative_id", "kind")
    ):
        needs[initiative_id].append(kind)
    for initiative in initiatives:
        initiative.card_themes = themes[initiative.pk]  # type: ignore[attr-defined]
        initiative.card_needs = needs[initiative.pk]  # type: ignore[attr-defined]
    return initiatives


def list_page(initiatives: QuerySet[Initiative], number, per_page: int = 20, *, search: str = ""):
    """One page of the list and its cards, ids first; counted up to the cap. With a
    search, `initiatives` holds its matches and the page takes them in the search's
    order (`initiatives_matching`), read tier by tier (`_SearchOrder`)."""
    search = search.strip()
    if search and connection.vendor == "postgresql":
        return page_of_ids(
            initiatives,
            number,
            per_page=per_page,
            load=_cards,
            cap=settings.MARKTPLEIN_SEARCH_COUNT_CAP,
            ordered_ids=_SearchOrder(initiatives, search),
        )
    return page_of_ids(
        initiatives,
        number,
        per_page=per_page,
        load=_cards,
        cap=settings.MARKTPLEIN_SEARCH_COUNT_CAP if search else settings.MARKTPLEIN_LIST_COUNT_CAP,
    )


def initiative_for_detail(user: User, pk: int) -> QuerySet[Initiative]:
    """The one initiative, with everything its page shows, in a fixed number of queries."""
    supported = (
        Exists(Support.objects.filter(initiative=OuterRef("pk"), user=user))
        if user.is_authenticated
        else Value(False)
    )
    return (
        initiatives_visible_to(user)
        .filter(pk=pk)
        .select_related("neighbourhood")
        .prefetch_related(
            "themes",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("joined_at", "pk"),
            ),
            Prefetch(
                "needs",
                queryset=Need.objects.select_related("offer").prefetch_related(
                    Prefetch(
                        "offer_requests",
                        queryset=OfferRequest.objects.select_related("offer"),
                    )
                ),
            ),
            Prefetch(
                "updates",
                queryset=Update.objects.select_related("author").prefetch_related(
                    Prefetch("photos", queryset=Photo.objects.order_by("pk"))
                ),
            ),
        )
        .annotate(supporters_count=_supporters_count(), is_supported=supported)
    )


def initiatives_of(user: User) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(memberships__user=user)
        .select_related("neighbourhood")
        .order_by("-created_at")
    )


def photo_visible_to(user: User, pk: int) -> QuerySet[Photo]:
    return Photo.objects.filter(pk=pk, update__initiative__in=initiatives_visible_to(user))


def offers_public() -> QuerySet[Offer]:
    return Offer.objects.filter(status=Offer.Status.VETTED).select_related("partner")


def offers_visible_to(user: User) -> QuerySet[Offer]:
    visible = Q(status=Offer.Status.VETTED)
    if user.is_authenticated:
        visible |= Q(partner=user)
        if user.has_role(Role.COORDINATOR):
            visible |= Q(status=Offer.Status.PENDING)
    return Offer.objects.filter(visible).select_related("partner")


def offers_of_partner(user: User) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(partner=user)
        .prefetch_related(
            Prefetch(
                "requests",
                queryset=OfferRequest.objects.select_related("need__initiative", "requested_by"),
            )
        )
        .order_by("-created_at")
    )


def offers_pending() -> QuerySet[Offer]:
    return (
        Offer.objects.filter(status=Offer.Status.PENDING)
        .select_related("partner")
        .order_by("created_at")
    )


# The words of an initiative for full-text search, Dutch stemming ("moestuinen" finds
# "moestuin"), the title weighing more than the summary: a column that PostgreSQL keeps
# itself (migration 0006), with a GIN index.
def _search_vector():
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import RawSQL

    return RawSQL(
        '"initiatieven_initiative"."search_vector"', [], output_field=SearchVectorField()
    )


def _relevance(text: str):
    """What makes a match more relevant, most first: the exact title, then the words in
    the title, then only in the summary; within each, the newest first."""
    from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

    query = SearchQuery(text, config="dutch", search_type="websearch")
    exact = Q(title__iexact=text)
    in_title = Q(SearchVectorExact(SearchVector("title", config="dutch"), query))
    return exact, in_title, query


def initiatives_matching(initiatives: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Initiatives that match a search, the most relevant first (see `_relevance`). On
    SQLite (the demo) a plain "contains" does, newest first."""
    text = text.strip()
    if not text:
        return initiatives
    if connection.vendor != "postgresql":
        return initiatives.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    exact, in_title, query = _relevance(text)
    return (
        initiatives.annotate(search=_search_vector())
        .filter(search=query)
        .alias(
            is_exact=Case(When(exact, then=Value(1)), default=Value(0)),
            is_in_title=Case(When(in_title, then=Value(1)), default=Value(0)),
        )
        .order_by("-is_exact", "-is_in_title", "-submitted_at", "-pk")
    )


class _SearchOrder:
    """The ids of a search's matches in the order of `initiatives_matching`, sliced the
    way a paginator slices: one query that takes the first ones of each tier (exact
    title, words in the title, words only in the summary) and puts them in order.

    Sorting every match by relevance reads all of them: a common word matches a third
    of a large municipality's initiatives (40 ms). Within a tier the order is the
    public list's, so each tier walks that index from the newest and stops after the
    page, or, for a rare word, takes its few matches from the search index."""

    def __init__(self, matches: QuerySet[Initiative], text: str) -> None:
        self.matches = matches.order_by()
        self.text = text

    def __getitem__(self, page: slice) -> list[int]:
        exact, in_title, _query = _relevance(self.text)
        tiers = [
            self.matches.filter(exact),
            self.matches.filter(in_title).exclude(exact),
            self.matches.exclude(in_title).exclude(exact),
        ]
        first, *others = (
            tier.annotate(tier=Value(number))
            .values_list("pk", "tier", "submitted_at")
            .order_by("-submitted_at", "-pk")[: page.stop]
            for number, tier in enumerate(tiers)
        )
        ordered = first.union(*others, all=True).order_by("tier", "-submitted_at", "-pk")
        return [pk for pk, _tier, _at in ordered[page.start : page.stop]]
