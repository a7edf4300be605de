"""Reads about initiatives. Visibility is a queryset; pages fetch through it."""

import json
from dataclasses import dataclass

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
from basisgegevens.models import Neighbourhood, Theme
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


@dataclass(frozen=True, slots=True)
class InitiativeCard:
    """What the public list's card shows of an initiative (`initiative_cards`)."""

    pk: int
    title: str
    summary: str
    language: str
    stage: str
    status: str
    neighbourhood: str
    supporters: int
    themes: tuple[tuple[str, str], ...]  # (Dutch name, English name), by the Dutch one
    needs: tuple[str, ...]  # the kinds of the needs not withdrawn


def _cards_sql(postgresql: bool) -> str:
    """One statement for a page of cards. Three queries through the ORM (the
    initiatives with their neighbourhood and supporters, the themes, the needs) took
    about 5 ms of Python for twenty cards, more than the rest of the list together;
    this one takes well under one. Table names come from the models. Each card's
    themes and needs come as one JSON list; SQLite cannot order inside an aggregate,
    so `_cards` orders its lists in Python, as SQLite's own collation would."""

    def json_list(value: str, order: str) -> str:
        if postgresql:
            return f"json_agg(json_build_array({value}) ORDER BY {order})"
        return f"json_group_array(json_array({value}))"

    through = Initiative.themes.through._meta
    theme = Theme._meta.db_table
    return f"""
        SELECT i.id, i.title, i.summary, i.language, i.stage, i.status, n.name,
               (SELECT COUNT(*) FROM {Support._meta.db_table} s
                 WHERE s.initiative_id = i.id),
               (SELECT {json_list("t.name_nl, t.name_en, t.id", "t.name_nl, t.id")}
                  FROM {through.db_table} it JOIN {theme} t ON t.id = it.theme_id
                 WHERE it.initiative_id = i.id),
               (SELECT {json_list("d.id, d.kind", "d.id")} FROM {Need._meta.db_table} d
                 WHERE d.initiative_id = i.id AND d.status <> %s)
          FROM {Initiative._meta.db_table} i
          JOIN {Neighbourhood._meta.db_table} n ON n.id = i.neighbourhood_id
         WHERE i.id IN ({{ids}})
    """


def _json_list(value) -> list:
    if value is None:  # PostgreSQL's aggregate of no rows
        return []
    return value if isinstance(value, list) else json.loads(value)


def _cards(ids: list[int]) -> list[InitiativeCard]:
    """The cards of these initiatives (in no particular order)."""
    if not ids:
        return []
    postgresql = connection.vendor == "postgresql"
    sql = _cards_sql(postgresql).format(ids=", ".join(["%s"] * len(ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [Need.Status.WITHDRAWN, *ids])
        rows = cursor.fetchall()

    def ordered(value, key) -> list:
        items = _json_list(value)
        return items if postgresql else sorted(items, key=key)

    def by_name(theme: list) -> tuple:
        return theme[0], theme[2]

    def by_id(need: list) -> int:
        return need[0]

    return [
        InitiativeCard(
            pk=pk,
            title=title,
            summary=summary,
            language=language,
            stage=stage,
            status=status,
            neighbourhood=neighbourhood,
            supporters=supporters,
            themes=tuple((nl, en) for nl, en, _id in ordered(themes, by_name)),
            needs=tuple(kind for _id, kind in ordered(needs, by_id)),
        )
        for pk, title, summary, language, stage, status, neighbourhood, supporters, themes, needs in rows
    ]


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
    page, or, for a rare word, takes its few matches from the search index.

    The matches are compiled once and each tier is written around them in SQL: the
    same three tiers as a union of querysets took about 2 ms of Python a page. The
    tiers' conditions are `_relevance`'s, as Django writes them, so that they use
    the indexes of migration 0013 (`test_a_search_page_reads_its_tiers_through_their_
    indexes`; `test_the_list_pages_a_search_in_the_order_of_its_relevance` compares
    the order with `initiatives_matching`)."""

    EXACT = "UPPER(m.title::text) = UPPER(%s)"
    IN_TITLE = (
        "to_tsvector('dutch'::regconfig, COALESCE(m.title, ''))"
        " @@ (websearch_to_tsquery('dutch'::regconfig, %s))"
    )

    def __init__(self, matches: QuerySet[Initiative], text: str) -> None:
        self.matches = matches.order_by()
        self.text = text

    def __getitem__(self, page: slice) -> list[int]:
        if page.stop <= page.start:  # no matches: the paginator asks for none
            return []
        matches, params = self.matches.values_list(
            "pk", "submitted_at", "title"
        ).query.sql_with_params()
        exact, in_title, text = self.EXACT, self.IN_TITLE, self.text
        tiers = [
            (exact, [text]),
            (f"{in_title} AND NOT ({exact})", [text, text]),
            (f"NOT ({in_title}) AND NOT ({exact})", [text, text]),
        ]
        sql = " UNION ALL ".join(
            f"(SELECT m.pk, {number} AS tier, m.submitted_at FROM ({matches}) AS m"
            f" WHERE {condition} ORDER BY m.submitted_at DESC, m.pk DESC LIMIT %s)"
            for number, (condition, _params) in enumerate(tiers)
        )
        values = [value for _condition, own in tiers for value in [*params, *own, page.stop]]
        with connection.cursor() as cursor:
            cursor.execute(
                f"{sql} ORDER BY tier, submitted_at DESC, pk DESC LIMIT %s OFFSET %s",
                [*values, page.stop - page.start, page.start],
            )
            return [pk for pk, _tier, _at in cursor.fetchall()]
