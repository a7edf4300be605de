"""The initiative pages, one module per sub-domain; `urls.py` reads them from here."""

from .initiatives import (
    initiative_close_view,
    initiative_create_view,
    initiative_detail_view,
    initiative_edit_view,
    initiative_list_view,
    initiative_mine_view,
    initiative_stage_view,
    initiative_submit_view,
    need_link_offer_view,
    need_list_view,
    need_status_view,
    photo_view,
)
from .news import (
    moderation_view,
    support_view,
    update_create_view,
)
from .offers import (
    offer_create_view,
    offer_detail_view,
    offer_list_view,
    offer_mine_view,
    offer_review_list_view,
    offer_review_view,
)
from .people import (
    invitation_revoke_view,
    invitation_view,
    member_action_view,
    member_list_view,
)

__all__ = [
    "initiative_close_view",
    "initiative_create_view",
    "initiative_detail_view",
    "initiative_edit_view",
    "initiative_list_view",
    "initiative_mine_view",
    "initiative_stage_view",
    "initiative_submit_view",
    "invitation_revoke_view",
    "invitation_view",
    "member_action_view",
    "member_list_view",
    "moderation_view",
    "need_link_offer_view",
    "need_list_view",
    "need_status_view",
    "offer_create_view",
    "offer_detail_view",
    "offer_list_view",
    "offer_mine_view",
    "offer_review_list_view",
    "offer_review_view",
    "photo_view",
    "support_view",
    "update_create_view",
]
