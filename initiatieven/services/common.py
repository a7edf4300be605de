"""What the initiative services share."""

from ..models import (
    Initiative,
)

INVITATION_SALT = "marktplein.invitation"


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)
