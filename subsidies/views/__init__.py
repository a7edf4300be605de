"""The subsidy pages, one module per step; `urls.py` reads them from here."""

from .applications import (
    application_create_view,
    application_decide_view,
    application_edit_view,
    application_queue_view,
    application_submit_view,
    application_view,
    application_withdraw_view,
    grant_record_view,
    initiative_subsidies_view,
)
from .grants import grant_reclaim_view, grant_settle_view, grant_view
from .register import register_csv_view, register_view
from .reports import (
    attachment_add_view,
    attachment_remove_view,
    attachment_view,
    report_edit_view,
    report_review_view,
    report_view,
    review_answer_view,
    review_queue_view,
)
from .schemes import grant_officer_view, scheme_create_view, scheme_edit_view, scheme_list_view

__all__ = [
    "application_create_view",
    "application_decide_view",
    "application_edit_view",
    "application_queue_view",
    "application_submit_view",
    "application_view",
    "application_withdraw_view",
    "attachment_add_view",
    "attachment_remove_view",
    "attachment_view",
    "grant_officer_view",
    "grant_reclaim_view",
    "grant_record_view",
    "grant_settle_view",
    "grant_view",
    "initiative_subsidies_view",
    "register_csv_view",
    "register_view",
    "report_edit_view",
    "report_review_view",
    "report_view",
    "review_answer_view",
    "review_queue_view",
    "scheme_create_view",
    "scheme_edit_view",
    "scheme_list_view",
]
