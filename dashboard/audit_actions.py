from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "budget_line.added": _("Budget line added"),
    "budget_line.changed": _("Budget line changed"),
    "budget_line.deleted": _("Budget line deleted"),
}
