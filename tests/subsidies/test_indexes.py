"""The grant officer's lists and the register each have an index that fits their query.

With sequential scans priced out, the planner uses an index when one fits the
query's filter and order; without the index the plan is a scan and the test fails.
"""

import pytest

from subsidies import selectors
from tests.factories import ApplicationFactory, GrantFactory
from tests.plans import plan, plans_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: selectors.application_queue()[:25], "application_queue"),
        (lambda: selectors.review_queue()[:25], "report_review_queue"),
        (lambda: selectors.register()[:50], "grant_register"),
    ],
    ids=["application queue", "review list", "register"],
)
def test_the_list_reads_through_its_index(queryset, index):
    ApplicationFactory.create_batch(3, submitted=True)
    GrantFactory.create_batch(3)
    assert index in plan(queryset())


def test_whether_a_grant_is_an_initiatives_first_reads_through_its_index():

    from dashboard.selectors import Scope, money_spread

    GrantFactory.create_batch(3)
    (spread,) = plans_of(lambda: money_spread(Scope()))
    assert "grant_initiative_history" in spread
