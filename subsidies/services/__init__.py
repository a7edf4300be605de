"""Every write about subsidies, in the order of the Awb: apply, decide, report, review,
settle; reclaiming is a last resort that needs a reason and four eyes.

One module per step; this package lists them all, so callers write
`services.application_grant` whichever module holds it. Every change to money or
conditions writes exactly one audit event with who, why, and the values before and
after.
"""

from .applications import (
    CostLineData,
    application_problems,
    application_save,
    application_submit,
    application_withdraw,
)
from .common import MAX_ATTACHMENTS_PER_REPORT, OBJECTION_WEEKS
from .grants import GrantTerms, application_grant, application_refuse, grant_record
from .reports import (
    OutcomeData,
    ReviewData,
    asks_for_money_spent,
    attachment_add,
    attachment_remove,
    report_review,
    report_save,
    report_submit,
    review_answer,
)
from .schemes import SchemeData, scheme_save
from .settlement import (
    final_report_accepted,
    grant_reclaim_decide,
    grant_settle,
    suggested_settlement,
)

__all__ = [
    "MAX_ATTACHMENTS_PER_REPORT",
    "OBJECTION_WEEKS",
    "CostLineData",
    "GrantTerms",
    "OutcomeData",
    "ReviewData",
    "SchemeData",
    "application_grant",
    "application_problems",
    "application_refuse",
    "application_save",
    "application_submit",
    "application_withdraw",
    "asks_for_money_spent",
    "attachment_add",
    "attachment_remove",
    "final_report_accepted",
    "grant_reclaim_decide",
    "grant_record",
    "grant_settle",
    "report_review",
    "report_save",
    "report_submit",
    "review_answer",
    "scheme_save",
    "suggested_settlement",
]
