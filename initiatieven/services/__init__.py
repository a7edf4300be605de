"""Every write about initiatives, their needs, people, news, support and offers.

One module per sub-domain; this package lists them all, so callers write
`services.initiative_create` whichever module holds it.
"""

from .common import INVITATION_SALT
from .initiatives import (
    initiative_activate,
    initiative_change,
    initiative_close,
    initiative_create,
    initiative_hide,
    initiative_mark_first_response,
    initiative_note_advisors,
    initiative_set_stage,
    initiative_submit,
    initiative_unhide,
    initiatives_note_advisor_counts,
)
from .needs import (
    initiative_note_open_expertise,
    initiatives_note_open_expertise,
    need_add,
    need_set_status,
)
from .news import (
    support_add,
    support_withdraw,
    text_for_editing,
    update_change,
    update_delete,
    update_post,
)
from .offers import (
    offer_create,
    offer_link_to_need,
    offer_review,
)
from .people import (
    invitation_accept,
    invitation_from_token,
    invitation_is_for,
    invitation_revoke,
    invitation_send,
    invitation_token,
    membership_hand_over_lead,
    membership_remove,
    membership_set_contact,
    membership_set_role,
    membership_set_treasurer,
)

__all__ = [
    "INVITATION_SALT",
    "initiative_activate",
    "initiative_change",
    "initiative_close",
    "initiative_create",
    "initiative_hide",
    "initiative_mark_first_response",
    "initiative_note_advisors",
    "initiative_note_open_expertise",
    "initiative_set_stage",
    "initiative_submit",
    "initiative_unhide",
    "initiatives_note_advisor_counts",
    "initiatives_note_open_expertise",
    "invitation_accept",
    "invitation_from_token",
    "invitation_is_for",
    "invitation_revoke",
    "invitation_send",
    "invitation_token",
    "membership_hand_over_lead",
    "membership_remove",
    "membership_set_contact",
    "membership_set_role",
    "membership_set_treasurer",
    "need_add",
    "need_set_status",
    "offer_create",
    "offer_link_to_need",
    "offer_review",
    "support_add",
    "support_withdraw",
    "text_for_editing",
    "update_change",
    "update_delete",
    "update_post",
]
