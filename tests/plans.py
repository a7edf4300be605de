"""The one helper for index tests: a query's plan with sequential scans priced out.

With `enable_seqscan` off, the planner takes an index wherever one fits the query's
filter and order, whatever the table's size; without the index the plan is a scan
and the test that looks for the index fails.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext


def plan(query: QuerySet | str, params=None) -> str:
    """The EXPLAIN of a queryset, or of SQL with its parameters."""
    if isinstance(query, QuerySet):
        query, params = query.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + query, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def plans_of(call: Callable[[], object], *, containing: str = "") -> list[str]:
    """The plans of the queries `call` runs (those whose SQL holds `containing`)."""
    with CaptureQueriesContext(connection) as captured:
        call()
    return [plan(q["sql"]) for q in captured.captured_queries if containing in q["sql"]]
