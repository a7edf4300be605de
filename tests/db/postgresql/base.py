"""PostgreSQL for the test suite: Django's own backend, with one difference.

Between transactional tests Django empties every table with TRUNCATE, which
the audit log's trigger refuses (as it must in production). The test suite
connects as the superuser of its throwaway cluster and empties the tables in
replica mode, which skips triggers: a deliberate act only a superuser can do.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        return ["SET LOCAL session_replication_role = replica", *statements]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
