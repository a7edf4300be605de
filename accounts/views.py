import json
import time

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.selectors import audit_events_for
from marktplein.forms import add_service_errors, save_form

from . import services
from .forms import (
    AccountCloseForm,
    AccountDeleteForm,
    ContactSharingForm,
    RoleChangeForm,
    UserSearchForm,
)
from .models import DASHBOARD_ROLES, Role, User
from .permissions import (
    ENROLMENT_SESSION_KEY,
    can_manage_roles,
    has_second_factor,
    municipal_view,
)
from .selectors import user_personal_data, users_for_role_management


def account_overview_view(request):
    return render(request, "accounts/account_overview.html", {"roles": request.user.roles})


def account_contact_view(request):
    """What a person shows the people they work with: a phone number, the e-mail address."""
    user = request.user
    form = ContactSharingForm(
        request.POST or None,
        initial={
            "phone": user.phone,
            "shows_phone": user.shows_phone,
            "shows_email": user.shows_email,
        },
    )
    if save_form(request, form, lambda data: services.account_contact_change(user=user, **data)):
        messages.success(request, _("Your choice is saved."))
        return redirect("accounts:overview")
    return render(
        request,
        "accounts/account_contact.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def account_export_view(request):
    data = user_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="marktplein-mijn-gegevens.json"'
    return response


def account_data_view(request):
    """The same data as the download, to read on the page."""
    from .personal_data import sections

    return render(
        request,
        "accounts/account_data.html",
        {"sections": sections(user_personal_data(request.user))},
    )


def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.account_delete(user=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})


@municipal_view()
def werkplek_view(request):
    return render(
        request,
        "accounts/werkplek_detail.html",
        {
            "can_see_dashboard": bool(request.user.roles & set(DASHBOARD_ROLES)),
            "can_keep_budget": request.user.has_role(Role.ADMINISTRATOR),
            "can_manage_roles": can_manage_roles(request.user),
            "is_coordinator": request.user.has_role(Role.COORDINATOR),
            "is_grant_officer": request.user.has_role(Role.GRANT_OFFICER),
            "is_civil_servant": request.user.has_role(Role.CIVIL_SERVANT),
        },
    )


@municipal_view(Role.ADMINISTRATOR)
def user_list_view(request):
    form = UserSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(users_for_role_management(search=search), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


def _user_detail_context(
    request, person: User, grant_form=None, revoke_form=None, close_form=None
) -> dict:
    return {
        "person": person,
        "assignments": person.role_assignments.select_related("granted_by"),
        "events": audit_events_for(person)[:20],
        "grant_form": grant_form or RoleChangeForm(prefix="grant"),
        "revoke_form": revoke_form or RoleChangeForm(prefix="revoke"),
        "close_form": close_form or AccountCloseForm(prefix="close"),
        "is_self": person.pk == request.user.pk,
    }


@municipal_view(Role.ADMINISTRATOR)
def user_detail_view(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    return render(request, "accounts/user_detail.html", _user_detail_context(request, person))


def _role_change(request, pk: int, *, grant: bool):
    person = get_object_or_404(User, pk=pk)
    if not can_manage_roles(request.user):
        raise PermissionDenied
    form = RoleChangeForm(request.POST, prefix="grant" if grant else "revoke")
    if form.is_valid():
        change = services.role_grant if grant else services.role_revoke
        try:
            change(
                user=person,
                role=form.cleaned_data["role"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if grant:
                messages.success(request, _("The role has been given."))
            else:
                messages.success(request, _("The role has been taken away."))
            return redirect("accounts:user_detail", pk=person.pk)
    context = _user_detail_context(
        request, person, **({"grant_form": form} if grant else {"revoke_form": form})
    )
    return render(request, "accounts/user_detail.html", context, status=400)


@require_POST
@municipal_view(Role.ADMINISTRATOR)
def role_grant_view(request, pk: int):
    return _role_change(request, pk, grant=True)


@require_POST
@municipal_view(Role.ADMINISTRATOR)
def role_revoke_view(request, pk: int):
    return _role_change(request, pk, grant=False)


@require_POST
@municipal_view(Role.ADMINISTRATOR)
def account_close_view(request, pk: int):
    person = get_object_or_404(User, pk=pk, is_active=True)
    if not can_manage_roles(request.user):
        raise PermissionDenied
    form = AccountCloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.account_close(
                user=person, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The account is closed. The person got an e-mail."))
            return redirect("accounts:user_list")
    context = _user_detail_context(request, person, close_form=form)
    return render(request, "accounts/user_detail.html", context, status=400)


def second_factor_start_view(request):
    """Where someone without a second factor asks for the link to set one up."""
    if has_second_factor(request.user):
        return redirect("mfa_index")
    sent_to = None
    errors = []
    if request.method == "POST":
        try:
            sent_to = services.second_factor_enrolment_send(
                user=request.user,
                link_for=lambda token: request.build_absolute_uri(
                    reverse("accounts:second_factor_enrol", args=[token])
                ),
            )
        except ValidationError as error:
            errors = error.messages
    return render(
        request,
        "accounts/second_factor_start.html",
        {"sent_to": sent_to, "errors": errors, "next": request.GET.get("next", "")},
        status=400 if errors else 200,
    )


def second_factor_enrol_view(request, token: str):
    """The link from the e-mail: this session may now set up the second factor."""
    try:
        services.second_factor_enrolment_check(user=request.user, token=token)
    except ValidationError as error:
        return render(
            request, "accounts/second_factor_start.html", {"errors": error.messages}, status=400
        )
    request.session[ENROLMENT_SESSION_KEY] = {
        "user": request.user.pk,
        "stamp": request.user.security_stamp,
        "at": time.time(),
    }
    return redirect("mfa_activate_totp")
