from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "initiative.submitted": _("Initiative submitted"),
    "initiative.completed": _("Initiative closed as completed"),
    "initiative.stopped": _("Initiative closed as stopped"),
    "initiative.hidden": _("Initiative hidden"),
    "initiative.unhidden": _("Initiative shown again"),
    "initiative.treasurer_named": _("Treasurer named"),
    "offer.vetted": _("Offer accepted"),
    "offer.rejected": _("Offer not accepted"),
}
