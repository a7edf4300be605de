"""Matching both ways: civil servants for an initiative, initiatives for a civil servant.

The ranking is computed in the database, in one query each way; a few small
queries fetch the names used in the explanations. The weights are named below
so that the reasons a page shows match what the ranking did.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, RoleAssignment
from basisgegevens.workdays import WorkingDays
from initiatieven.models import Initiative, Membership, Need, NeedKind

from .models import AdvisorProfile, Advisorship

# Weights of the ranking, in points.
EXPERTISE_MATCH = 10  # per field of expertise that an open need asks for
KNOWS_NEIGHBOURHOOD = 4
FREE_HOUR = 1  # per free hour a month, counted up to FREE_HOURS_CAP
FREE_HOURS_CAP = 8
HOLDS_ADVISORSHIP = -3  # per advisorship the civil servant already holds
NO_ADVISOR_YET = 6
WAITING = 2  # per step of waiting: 2, 5, 10 and 20 days since submission
WAITING_STEPS = (2, 5, 10, 20)

OPEN = Advisorship.OPEN_STATUSES


def _open_expertise_needs():
    return Need.objects.filter(kind=NeedKind.EXPERTISE, expertise_area__isnull=False).exclude(
        status__in=Need.CLOSED_STATUSES
    )


@dataclass
class Suggestion:
    obj: object
    score: int
    reason: str


# For an initiative: which civil servants? -------------------------------------------------


def _ranking_sql() -> str:
    """Civil servants for one initiative, scored in one statement.

    The load of every civil servant (hours committed, advisorships held) and
    their matching fields are aggregated once, as derived tables, and joined:
    four sub-queries per civil servant took 74 ms for 10,000 of them, the joins
    take a fraction of that (`make benchmark`). Table names come from the models.
    """
    through_areas = AdvisorProfile.expertise_areas.through._meta.db_table
    through_places = AdvisorProfile.neighbourhoods.through._meta.db_table
    return f"""
        WITH load AS (
            SELECT advisor_id, SUM(hours_per_month) AS committed, COUNT(*) AS held
            FROM {Advisorship._meta.db_table}
            WHERE status IN (%(proposed)s, %(active)s)
            GROUP BY advisor_id
        ),
        matches AS (
            SELECT advisorprofile_id, COUNT(*) AS n
            FROM {through_areas}
            WHERE expertisearea_id IN (
                SELECT expertise_area_id FROM {Need._meta.db_table}
                WHERE initiative_id = %(initiative)s AND kind = %(expertise)s
                  AND expertise_area_id IS NOT NULL AND status NOT IN (%(met)s, %(withdrawn)s)
            )
            GROUP BY advisorprofile_id
        ),
        scored AS (
            SELECT p.*,
                   COALESCE(m.n, 0) AS matches,
                   k.advisorprofile_id IS NOT NULL AS knows_neighbourhood,
                   COALESCE(l.committed, 0) AS committed,
                   COALESCE(l.held, 0) AS held,
                   p.hours_per_month - COALESCE(l.committed, 0) AS free
            FROM {AdvisorProfile._meta.db_table} p
            LEFT JOIN load l ON l.advisor_id = p.id
            LEFT JOIN matches m ON m.advisorprofile_id = p.id
            LEFT JOIN {through_places} k
                   ON k.advisorprofile_id = p.id AND k.neighbourhood_id = %(place)s
            WHERE p.is_available
              AND EXISTS (
                  SELECT 1 FROM {RoleAssignment._meta.db_table} r
                  WHERE r.user_id = p.user_id AND r.role = %(civil_servant)s
              )
              AND NOT EXISTS (
                  SELECT 1 FROM {Membership._meta.db_table} mb
                  WHERE mb.initiative_id = %(initiative)s AND mb.user_id = p.user_id
              )
              AND NOT EXISTS (
                  SELECT 1 FROM {Advisorship._meta.db_table} a
                  WHERE a.initiative_id = %(initiative)s AND a.advisor_id = p.id
                    AND a.status IN (%(proposed)s, %(active)s)
              )
        )
        SELECT *,
               matches * %(expertise_match)s
               + CASE WHEN knows_neighbourhood THEN %(knows)s ELSE 0 END
               + CASE WHEN free < %(cap)s THEN free ELSE %(cap)s END * %(free_hour)s
               + held * %(holds)s AS score
        FROM scored
        WHERE free > 0
        ORDER BY score DESC, held ASC, id ASC
        LIMIT %(limit)s
    """


def advisors_ranked_for(initiative: Initiative, *, limit: int = 10, for_resident: bool = False):
    """Civil servants ranked for one initiative, each with the reason in one sentence."""
    need_areas = _open_expertise_needs().filter(initiative=initiative).values("expertise_area")
    through = AdvisorProfile.expertise_areas.through
    ranked = AdvisorProfile.objects.raw(
        _ranking_sql(),
        {
            "initiative": initiative.pk,
            "place": initiative.neighbourhood_id,
            "proposed": Advisorship.Status.PROPOSED,
            "active": Advisorship.Status.ACTIVE,
            "expertise": NeedKind.EXPERTISE,
            "met": Need.Status.MET,
            "withdrawn": Need.Status.WITHDRAWN,
            "civil_servant": Role.CIVIL_SERVANT,
            "expertise_match": EXPERTISE_MATCH,
            "knows": KNOWS_NEIGHBOURHOOD,
            "cap": FREE_HOURS_CAP,
            "free_hour": FREE_HOUR,
            "holds": HOLDS_ADVISORSHIP,
            "limit": limit,
        },
    )
    profiles = list(ranked)
    prefetch_related_objects(profiles, "user")
    wanted = set(need_areas.values_list("expertise_area", flat=True))
    areas_by_profile: dict[int, list[str]] = {}
    for row in through.objects.filter(
        advisorprofile_id__in=[p.pk for p in profiles], expertisearea_id__in=wanted
    ).select_related("expertisearea"):
        areas_by_profile.setdefault(row.advisorprofile_id, []).append(row.expertisearea.name)
    return [
        Suggestion(
            obj=profile,
            score=profile.score,  # type: ignore[attr-defined]  # a column of the ranking
            reason=_advisor_reason(
                profile, sorted(areas_by_profile.get(profile.pk, [])), initiative, for_resident
            ),
        )
        for profile in profiles
    ]


def _advisor_reason(profile, areas, initiative, for_resident: bool) -> str:
    parts = []
    if areas:
        # The residents read "you"; a coordinator reads about the initiative.
        asked = (
            _("knows about %(areas)s, which you asked for")
            if for_resident
            else _("knows about %(areas)s, which the initiative asked for")
        )
        parts.append(asked % {"areas": ", ".join(area.lower() for area in areas)})
    if profile.knows_neighbourhood:
        parts.append(_("knows %(place)s well") % {"place": initiative.neighbourhood.name})
    if not for_resident:
        parts.append(
            ngettext(
                "has %(count)s free hour a month",
                "has %(count)s free hours a month",
                profile.free,
            )
            % {"count": profile.free}
        )
        if profile.held:
            parts.append(
                ngettext(
                    "already advises %(count)s initiative",
                    "already advises %(count)s initiatives",
                    profile.held,
                )
                % {"count": profile.held}
            )
    if not parts:
        parts.append(_("is available"))
    return _sentence(profile.user.first_name, parts)


def _sentence(subject: str, parts: list[str]) -> str:
    if len(parts) == 1:
        body = parts[0]
    else:
        body = ", ".join(parts[:-1]) + " " + _("and") + " " + parts[-1]
    return f"{subject} {body}."


# For a civil servant: which initiatives? ---------------------------------------------------


def _initiatives_ranking_sql(
    *, postgresql: bool, keys: int, places: int, asking_all: bool = False
) -> str:
    """Initiatives for one civil servant, scored in one statement, only over those that
    can reach the top (see `initiatives_ranked_for`); with `asking_all`, only over those
    that ask for every field of expertise of the civil servant.

    Each part of the candidates is read through an index: the open initiatives per
    neighbourhood (`initiative_open_by_place`), the fields of expertise they ask for (the
    GIN index `initiative_open_expertise`) and the longest-waiting ones, as
    `id = ANY(ARRAY(sub-query))` so the planner looks those few up in the primary key
    beside the other parts (`IN (sub-query)` there is checked on every row). Written as
    SQL: the same query built from expressions took about 8 ms of Python a page. The
    SQLite demo gets `IN` and its JSON functions. Table names come from the models."""
    table = Initiative._meta.db_table

    def any_of(column: str, subquery: str) -> str:
        if postgresql:
            return f"{column} = ANY(ARRAY({subquery}))"
        return f"{column} IN ({subquery})"

    def asks(n: int) -> str:
        if postgresql:
            return f"i.open_expertise_areas ? %(key{n})s"
        return f"JSON_TYPE(i.open_expertise_areas, %(path{n})s) IS NOT NULL"

    def candidate(alias: str) -> str:
        own = f"SELECT initiative_id FROM {Membership._meta.db_table} WHERE user_id = %(user)s"
        advising = (
            f"SELECT initiative_id FROM {Advisorship._meta.db_table}"
            " WHERE advisor_id = %(profile)s AND status IN (%(proposed)s, %(active)s)"
        )
        return (
            f"{alias}.status IN (%(submitted)s, %(initiative_active)s) AND NOT {alias}.is_hidden"
            f" AND {alias}.advisor_count < {alias}.max_advisors"
            f" AND NOT ({any_of(f'{alias}.id', own)})"
            f" AND NOT ({any_of(f'{alias}.id', advising)})"
        )

    def longest_waiting(advised: str) -> str:
        return (
            f"SELECT v.id FROM {table} v WHERE {candidate('v')} AND v.advisor_count {advised}"
            " ORDER BY v.submitted_at ASC, v.id ASC LIMIT %(limit)s"
        )

    in_place = (
        "i.neighbourhood_id IN ({})".format(", ".join(f"%(place{n})s" for n in range(places)))
        if places
        else "FALSE"
    )
    if asking_all:
        reach = [
            "i.open_expertise_areas ?& %(keys)s"
            if postgresql
            else "(" + " AND ".join(asks(n) for n in range(keys)) + ")"
        ]
    else:
        reach = [
            *([in_place] if places else []),
            any_of("i.id", longest_waiting("= 0")),
            any_of("i.id", longest_waiting("> 0")),
        ]
        if keys:
            # Any of the keys, so PostgreSQL reads the GIN index once for all of them.
            reach.append(
                "i.open_expertise_areas ?| %(keys)s"
                if postgresql
                else "(" + " OR ".join(asks(n) for n in range(keys)) + ")"
            )
    matches = " + ".join(["0", *(f"CASE WHEN {asks(n)} THEN 1 ELSE 0 END" for n in range(keys))])
    waiting = " + ".join(
        f"CASE WHEN i.submitted_at <= %(waited{n})s THEN %(waiting)s ELSE 0 END"
        for n in range(len(WAITING_STEPS))
    )
    # The model's columns only: the table also holds the search index's words.
    columns = ", ".join(f"i.{field.column}" for field in Initiative._meta.concrete_fields)
    return f"""
        SELECT {columns}, {matches} AS matches, {in_place} AS knows_neighbourhood,
               ({matches}) * %(expertise_match)s
               + CASE WHEN {in_place} THEN %(knows)s ELSE 0 END
               + CASE WHEN i.advisor_count = 0 THEN %(no_advisor)s ELSE 0 END
               + {waiting} AS score
        FROM {table} i
        WHERE {candidate("i")} AND ({" OR ".join(reach)})
        ORDER BY score DESC, i.submitted_at ASC, i.id ASC
        LIMIT %(limit)s
    """


def _best_score_asking(fields: int) -> int:
    """The highest score an initiative can have that asks for this many of the civil
    servant's fields: in a known neighbourhood, no advisor yet, waited longest."""
    return (
        EXPERTISE_MATCH * fields
        + KNOWS_NEIGHBOURHOOD
        + NO_ADVISOR_YET
        + WAITING * len(WAITING_STEPS)
    )


def initiatives_ranked_for(profile: AdvisorProfile, *, limit: int = 20, now=None):
    """Initiatives ranked for one civil servant, longest waiting and unadvised first.

    Scoring every open initiative of a large municipality is slow, so the
    ranking looks only at the initiatives that can reach the top: those that
    ask for the civil servant's expertise, those in a neighbourhood they know,
    and the longest-waiting ones with and without an advisor. Any other
    initiative scores only on waiting and having no advisor, so it cannot beat
    the longest-waiting ones: the result is the same as scoring all of them.
    Where many initiatives ask for the same fields, it first ranks only those
    that ask for all of them, and stops there when no other can score as high.
    What an initiative asks for and how many advisors it has are kept on the
    initiative itself (`open_expertise_areas`, `advisor_count`), so no candidate
    needs a sub-query.
    """
    now = now or timezone.now()
    areas = list(profile.expertise_areas.all())
    places = list(profile.neighbourhoods.values_list("pk", flat=True))
    keys = [str(area.pk) for area in areas]
    postgresql = connection.vendor == "postgresql"
    params = {
        "user": profile.user_id,
        "profile": profile.pk,
        "proposed": Advisorship.Status.PROPOSED,
        "active": Advisorship.Status.ACTIVE,
        "submitted": Initiative.Status.SUBMITTED,
        "initiative_active": Initiative.Status.ACTIVE,
        "limit": limit,
        "expertise_match": EXPERTISE_MATCH,
        "knows": KNOWS_NEIGHBOURHOOD,
        "no_advisor": NO_ADVISOR_YET,
        "waiting": WAITING,
    }
    if postgresql:
        params["keys"] = keys
    for n, key in enumerate(keys):
        params[f"key{n}"] = key
        params[f"path{n}"] = f'$."{key}"'
    for n, place in enumerate(places):
        params[f"place{n}"] = place
    for n, step in enumerate(WAITING_STEPS):
        params[f"waited{n}"] = connection.ops.adapt_datetimefield_value(now - timedelta(days=step))

    def ranked(asking_all: bool = False) -> list[Initiative]:
        sql = _initiatives_ranking_sql(
            postgresql=postgresql, keys=len(keys), places=len(places), asking_all=asking_all
        )
        return list(Initiative.objects.raw(sql, params))

    # Those that ask for all of the civil servant's fields first: a few of the many that
    # ask for one. When the last of a full page scores more than any other initiative can
    # (one field fewer, every other point), they are the top; else all candidates count.
    initiatives = ranked(asking_all=True) if keys else []
    last_score = initiatives[-1].score if len(initiatives) == limit else None  # type: ignore[attr-defined]
    if last_score is None or last_score <= _best_score_asking(len(keys) - 1):
        initiatives = ranked()
    # Neighbourhoods for these few only: joined in the ranking, every candidate's would be.
    prefetch_related_objects(initiatives, "neighbourhood")
    oldest = min((i.submitted_at for i in initiatives if i.submitted_at), default=now)
    days = WorkingDays(timezone.localtime(oldest).date(), timezone.localtime(now).date())
    suggestions = []
    for initiative in initiatives:
        waited = days.between(
            timezone.localtime(initiative.submitted_at).date(), timezone.localtime(now).date()
        )
        parts = []
        if initiative.advisor_count == 0:
            parts.append(_("has no advisor yet"))
        parts.append(
            ngettext(
                "has waited %(count)s working day",
                "has waited %(count)s working days",
                waited,
            )
            % {"count": waited}
        )
        asked = sorted(
            area.name.lower() for area in areas if str(area.pk) in initiative.open_expertise_areas
        )
        if asked:
            parts.append(
                _("asks for %(areas)s, which you know about") % {"areas": ", ".join(asked)}
            )
        if initiative.knows_neighbourhood:  # type: ignore[attr-defined]  # a column of the ranking
            parts.append(
                _("is in %(place)s, which you know") % {"place": initiative.neighbourhood.name}
            )
        suggestions.append(
            Suggestion(
                obj=initiative,
                score=initiative.score,  # type: ignore[attr-defined]  # a column of the ranking
                reason=_sentence(initiative.title, parts),
            )
        )
    return suggestions


# The loket and the civil servant's own page ---------------------------------------------
