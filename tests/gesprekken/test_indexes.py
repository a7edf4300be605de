"""The coordinators' list of conversations reads its index, newest first, whatever the
number of conversations (the planner is told not to scan, so the answer does not
depend on the table's size)."""

import pytest
from django.db import connection, transaction

from gesprekken.selectors import conversations_of
from gesprekken.services import message_to_municipality
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_coordinators_list_reads_the_recent_index():
    for _ in range(3):
        initiative = InitiativeFactory()
        message_to_municipality(initiative=initiative, author=initiative.created_by, body="Hi")
    coordinator = UserFactory(coordinator=True)
    assert "conversation_recent" in _plan(conversations_of(coordinator)[:20])
