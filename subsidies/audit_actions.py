from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "scheme.created": _("Subsidy scheme created"),
    "scheme.changed": _("Subsidy scheme changed"),
    "application.submitted": _("Application submitted"),
    "application.withdrawn": _("Application withdrawn"),
    "application.refused": _("Application refused"),
    "grant.granted": _("Grant given"),
    "grant.recorded": _("Grant recorded from a paper application"),
    "report.submitted": _("Report submitted"),
    "report.reviewed": _("Report reviewed"),
    "report.answered": _("Group answered the review"),
    "grant.conditions_adjusted": _("Conditions adjusted"),
    "grant.reclaim_proposed": _("Reclaim proposed"),
    "grant.reclaim_rejected": _("Reclaim not approved"),
    "grant.reclaimed": _("Money asked back"),
    "grant.settled": _("Grant settled"),
}
