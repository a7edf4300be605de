from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.permissions import municipal_view
from marktplein.forms import add_service_errors

from . import permissions, selectors, services
from .forms import PreferencesForm
from .kinds import KINDS
from .models import Notification, Preference, Reminder
from .render import read_unsubscribe_token


def notification_list_view(request):
    page = Paginator(selectors.notifications_of(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "herinneringen/notification_list.html", {"page": page})


@require_POST
def notification_read_view(request, pk: int):
    """Mark one as read and open what it is about."""
    notification = get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)
    if not permissions.can_read_notification(request.user, notification):
        raise PermissionDenied
    services.notification_mark_read(notification=notification, user=request.user)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("herinneringen:notifications")


@require_POST
def notifications_read_all_view(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("herinneringen:notifications")


def preferences_view(request):
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            for kind, delivery in form.cleaned_data.items():
                if delivery and current.get(kind, Preference.Delivery.IMMEDIATE) != delivery:
                    services.preference_set(user=request.user, kind=kind, delivery=delivery)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("herinneringen:preferences")
    return render(
        request,
        "herinneringen/preference_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@csrf_exempt
@login_not_required
def unsubscribe_view(request, token: str):
    """The link in every e-mail: works without signing in. A mail program's one-click
    POST (RFC 8058) carries no CSRF token, so this view takes none: the signed token
    is what proves the link came from us."""
    try:
        user_id, kind = read_unsubscribe_token(token)
        user = User.objects.get(pk=user_id, is_active=True)
    except (signing.BadSignature, User.DoesNotExist):
        return render(request, "herinneringen/unsubscribe.html", {"invalid": True}, status=400)
    definition = KINDS[kind]
    if request.method == "POST":
        delivery = services.unsubscribe(user=user, kind=kind)
        return render(
            request,
            "herinneringen/unsubscribe.html",
            {"done": True, "kind": definition, "digest": delivery == "digest"},
        )
    return render(request, "herinneringen/unsubscribe.html", {"kind": definition, "token": token})


@municipal_view(Role.ADMINISTRATOR)
def failed_list_view(request):
    page = Paginator(selectors.failed_reminders(), 50).get_page(request.GET.get("page"))
    return render(request, "herinneringen/reminder_failed.html", {"page": page})


@require_POST
@municipal_view(Role.ADMINISTRATOR)
def reminder_retry_view(request, pk: int):
    reminder = get_object_or_404(Reminder, pk=pk, status=Reminder.Status.FAILED)
    services.reminder_retry(reminder=reminder, actor=request.user)
    messages.success(request, _("The message is put back in the queue."))
    return redirect("herinneringen:failed")
