from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "role.granted": _("Role given"),
    "role.revoked": _("Role taken away"),
    "account.deleted": _("Account deleted by its owner"),
    "account.closed": _("Account closed by an administrator"),
    "mfa.added": _("Second factor set up"),
    "mfa.removed": _("Second factor removed"),
    "mfa.recovery_codes_renewed": _("New recovery codes made"),
    "mfa.reset": _("Second factor reset for a new municipal role"),
}
