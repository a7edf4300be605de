import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.selectors import audit_events_for
from marktplein.forms import add_service_errors

from . import services
from .forms import AccountCloseForm, AccountDeleteForm, RoleChangeForm, UserSearchForm
from .models import Role, User
from .permissions import can_manage_roles, municipal_view
from .selectors import user_personal_data, users_for_role_management


def account_overview_view(request):
    return render(request, "accounts/account_overview.html", {"roles": request.user.roles})


def account_export_view(request):
    data = user_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="marktplein-mijn-gegevens.json"'
    return response


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
            "can_manage_roles": can_manage_roles(request.user),
            "is_coordinator": request.user.has_role(Role.COORDINATOR),
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
