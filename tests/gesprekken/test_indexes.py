"""The coordinators' list of conversations reads its index, newest first, whatever the
number of conversations (the planner is told not to scan, so the answer does not
depend on the table's size)."""

import pytest

from gesprekken.selectors import conversations_of
from gesprekken.services import message_to_municipality
from tests.factories import InitiativeFactory, UserFactory
from tests.plans import plan

pytestmark = pytest.mark.django_db


def test_the_coordinators_list_reads_the_recent_index():
    for _ in range(3):
        initiative = InitiativeFactory()
        message_to_municipality(initiative=initiative, author=initiative.created_by, body="Hi")
    coordinator = UserFactory(coordinator=True)
    assert "conversation_recent" in plan(conversations_of(coordinator)[:20])
