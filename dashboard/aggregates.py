"""A median that both databases compute: PostgreSQL's `percentile_cont`, and a small
aggregate taught to SQLite (the demo) when it connects."""

import statistics

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, FloatField


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="MARKTPLEIN_MEDIAN",
            template="%(function)s(%(expressions)s)",
        )


class _SQLiteMedian:
    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def _on_connect(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MARKTPLEIN_MEDIAN", 1, _SQLiteMedian)


def teach_sqlite_the_median() -> None:
    connection_created.connect(_on_connect, dispatch_uid="marktplein_sqlite_median")
