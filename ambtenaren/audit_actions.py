from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "advisorship.claimed": _("Civil servant offered to advise"),
    "advisorship.requested": _("Initiative asked a civil servant"),
    "advisorship.proposed": _("Coordinator proposed a civil servant"),
    # Written before the coordinator's proposal had one name everywhere.
    "advisorship.assigned": _("Coordinator proposed a civil servant"),
    "advisorship.accepted": _("Advice accepted"),
    "advisorship.completed": _("Advice completed"),
    "advisorship.released": _("Advice ended"),
}
