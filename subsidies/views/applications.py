"""Applications: the lead's draft and its sending; the grant officer's queue and decision,
and a grant recorded from a paper application."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import municipal_view, second_factor_if_municipal
from initiatieven.selectors import initiatives_visible_to
from marktplein.forms import add_service_errors

from .. import permissions, selectors, services
from ..forms import (
    ApplicationForm,
    CostLineFormSet,
    GoalFormSet,
    GrantTermsForm,
    RecordGrantForm,
    RefuseForm,
    WithdrawForm,
    padded,
)
from ..models import Application, Grant
from ..timeline import timeline_entries


def _application_forms(request, application: Application | None):
    lines, goals = [], []
    initial = {}
    if application is not None:
        lines = [
            {"description": line.description, "amount": line.amount}
            for line in application.cost_lines.all()
        ]
        goals = [{"description": goal.description} for goal in application.proposed_goals.all()]
        initial = {
            "scheme": application.scheme_id,
            "amount": application.amount,
            "own_contribution": application.own_contribution,
            "own_money": application.own_money,
        }
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(
        data,
        initial=initial,
        current_scheme=application.scheme if application else None,
    )
    cost_lines = padded(CostLineFormSet, lines, data, prefix="cost", minimum=4)
    goal_forms = padded(GoalFormSet, goals, data, prefix="goal", minimum=3)
    return form, cost_lines, goal_forms


def _application_form_view(request, initiative, application: Application | None):
    form, cost_lines, goals = _application_forms(request, application)
    if request.method == "POST" and form.is_valid() and cost_lines.is_valid() and goals.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_save(
                initiative=initiative,
                actor=request.user,
                scheme=data["scheme"],
                amount=data["amount"],
                own_contribution=data["own_contribution"],
                own_money=data["own_money"],
                cost_lines=[
                    services.CostLineData(description=line["description"], amount=line["amount"])
                    for line in cost_lines.cleaned_data
                    if line.get("description")
                ],
                goals=[goal.get("description", "") for goal in goals.cleaned_data],
                application=application,
                token=data["token"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application is saved as a draft."))
            return redirect(application)
    invalid = bool(form.errors or cost_lines.total_error_count() or goals.total_error_count())
    return render(
        request,
        "subsidies/application_form.html",
        {
            "initiative": initiative,
            "application": application,
            "form": form,
            "cost_lines": cost_lines,
            "goals": goals,
            "has_errors": invalid,
        },
        status=400 if invalid else 200,
    )


def application_create_view(request, pk: int):
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    if not permissions.can_apply(request.user, initiative):
        raise PermissionDenied
    return _application_form_view(request, initiative, None)


def _application_for(request, pk: int) -> Application:
    return get_object_or_404(selectors.application_for_page(request.user, pk))


def application_edit_view(request, pk: int):
    application = _application_for(request, pk)
    if not permissions.can_edit_application(request.user, application):
        raise PermissionDenied
    return _application_form_view(request, application.initiative, application)


@second_factor_if_municipal
def application_view(request, pk: int):
    application = _application_for(request, pk)
    user = request.user
    can_edit = permissions.can_edit_application(user, application)
    cost_total = sum((line.amount for line in application.cost_lines.all()), 0)
    return render(
        request,
        "subsidies/application_detail.html",
        {
            "application": application,
            "initiative": application.initiative,
            "cost_total": cost_total,
            "problems": services.application_problems(application) if can_edit else [],
            "can_edit": can_edit,
            "can_withdraw": permissions.can_withdraw_application(user, application),
            "can_decide": permissions.can_decide(user, application),
            "grant": Grant.objects.filter(application=application).first(),
            "timeline": timeline_entries(selectors.application_timeline(application)),
            "withdraw_form": WithdrawForm(),
        },
    )


@require_POST
def application_submit_view(request, pk: int):
    application = _application_for(request, pk)
    if not permissions.can_edit_application(request.user, application):
        raise PermissionDenied
    try:
        services.application_submit(application=application, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Your application is sent. The municipality decides within the term.")
        )
    return redirect(application)


@require_POST
def application_withdraw_view(request, pk: int):
    application = _application_for(request, pk)
    if not permissions.can_withdraw_application(request.user, application):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if form.is_valid():
        services.application_withdraw(
            application=application, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Your application is withdrawn."))
    else:
        messages.error(request, _("Something was missing. Please try again."))
    return redirect(application)


@municipal_view(Role.GRANT_OFFICER)
def application_queue_view(request):
    page = Paginator(selectors.application_queue(), 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_days_left(page.object_list)
    return render(request, "subsidies/application_queue.html", {"page": page})


def _goal_rows(application: Application) -> list[dict]:
    return [{"description": goal.description} for goal in application.proposed_goals.all()]


@municipal_view(Role.GRANT_OFFICER)
def application_decide_view(request, pk: int):
    application = _application_for(request, pk)
    if not permissions.can_decide(request.user, application):
        raise PermissionDenied
    decision = request.POST.get("decision") if request.method == "POST" else None
    grant_data = request.POST if decision == "grant" else None
    grant_form = GrantTermsForm(grant_data, prefix="grant", initial={"amount": application.amount})
    goals = padded(GoalFormSet, _goal_rows(application), grant_data, prefix="goal", minimum=3)
    refuse_form = RefuseForm(request.POST if decision == "refuse" else None, prefix="refuse")
    if decision == "grant" and grant_form.is_valid() and goals.is_valid():
        try:
            grant = services.application_grant(
                application=application, actor=request.user, terms=grant_form.terms(goals)
            )
        except ValidationError as error:
            add_service_errors(grant_form, error)
        else:
            messages.success(request, _("The grant is saved. The group is told."))
            return redirect(grant)
    if decision == "refuse" and refuse_form.is_valid():
        try:
            services.application_refuse(
                application=application,
                reason=refuse_form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(refuse_form, error)
        else:
            messages.success(request, _("The application is refused. The group is told."))
            return redirect("subsidies:application_queue")
    invalid = bool(grant_form.errors or goals.total_error_count() or refuse_form.errors)
    if request.method == "POST" and decision not in ("grant", "refuse"):
        messages.error(request, _("Choose to grant or to refuse."))
        invalid = True
    return render(
        request,
        "subsidies/application_decide.html",
        {
            "application": application,
            "grant_form": grant_form,
            "goals": goals,
            "refuse_form": refuse_form,
            "decide_by": selectors.with_days_left([application])[0].decide_by,
            "remaining": selectors.schemes_with_budget().get(pk=application.scheme_id).remaining,
        },
        status=400 if invalid else 200,
    )


@municipal_view(Role.GRANT_OFFICER)
def grant_record_view(request, pk: int):
    """A grant from a paper application, from the initiative's page."""
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    if not permissions.can_record_grant(request.user, initiative):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = RecordGrantForm(data, prefix="grant")
    goals = padded(GoalFormSet, [], data, prefix="goal", minimum=3)
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            grant = services.grant_record(
                initiative=initiative,
                scheme=form.cleaned_data["scheme"],
                actor=request.user,
                terms=form.terms(goals),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The grant is recorded. The group is told."))
            return redirect(grant)
    invalid = bool(form.errors or goals.total_error_count())
    return render(
        request,
        "subsidies/grant_record.html",
        {"initiative": initiative, "form": form, "goals": goals},
        status=400 if invalid else 200,
    )


@second_factor_if_municipal
def initiative_subsidies_view(request, pk: int):
    """An initiative's applications and grants, for its members and grant officers."""
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    if not permissions.can_see_subsidies_of(request.user, initiative):
        raise PermissionDenied
    return render(
        request,
        "subsidies/initiative_subsidies.html",
        {
            "initiative": initiative,
            "applications": selectors.applications_of(initiative).exclude(
                status=Application.Status.GRANTED
            ),
            "grants": selectors.grants_of(initiative),
            "can_apply": permissions.can_apply(request.user, initiative),
            "can_record_grant": permissions.can_record_grant(request.user, initiative),
        },
    )
