from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.models import Role
from accounts.permissions import municipal_view

from .forms import AuditFilterForm
from .selectors import audit_events_recent


@municipal_view(Role.ADMINISTRATOR)
def audit_log_view(request):
    form = AuditFilterForm(request.GET)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    page = Paginator(audit_events_recent(action_prefix=action), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/auditevent_list.html", {"page": page, "action": action})
