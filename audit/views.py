from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.models import Role
from accounts.permissions import municipal_view

from .selectors import audit_events_recent


@municipal_view(Role.ADMINISTRATOR)
def audit_log_view(request):
    action = request.GET.get("action", "")[:100]
    page = Paginator(audit_events_recent(action_prefix=action), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/auditevent_list.html", {"page": page, "action": action})
