"""The one query-count helper: a page takes the same number of queries at N and 2N rows.

On failure it prints the SQL of both runs, so the query that grows is in plain sight.
"""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def capture(client, url: str) -> list[str]:
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def _listing(label: str, queries: list[str]) -> str:
    lines = "\n".join(f"  {number}. {sql}" for number, sql in enumerate(queries, 1))
    return f"{label}: {len(queries)} queries\n{lines}"


def assert_queries_do_not_grow(
    client, url: str, grow: Callable[[int], object], *, n: int = 3, at_most: int = 10
) -> int:
    """Grow the data by n, count; grow by n again, count; the counts must be equal."""
    grow(n)
    small = capture(client, url)
    grow(n)
    large = capture(client, url)
    assert len(small) == len(large) <= at_most, "\n\n".join(
        [
            f"{url}: the query count must not grow with the rows, and stay at most {at_most}",
            _listing(f"with {n} rows", small),
            _listing(f"with {2 * n} rows", large),
        ]
    )
    return len(large)


def count_queries(client, url: str) -> int:
    return len(capture(client, url))
