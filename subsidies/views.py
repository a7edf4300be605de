"""Subsidy pages: thin views that parse, fetch through a scope, check, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import municipal_view, second_factor_if_municipal
from initiatieven import permissions as initiative_permissions
from initiatieven.selectors import initiatives_visible_to
from marktplein.csv_export import csv_response
from marktplein.forms import add_service_errors, save_form

from . import permissions, selectors, services
from .filters import RegisterFilter
from .forms import (
    AnswerForm,
    ApplicationForm,
    AttachmentForm,
    CostLineFormSet,
    GoalFormSet,
    GrantTermsForm,
    ReclaimDecisionForm,
    RecordGrantForm,
    RefuseForm,
    ReportForm,
    ReviewForm,
    SchemeForm,
    SettleForm,
    WithdrawForm,
    padded,
)
from .models import Application, Grant, Report, SubsidyScheme
from .timeline import timeline_entries

# Schemes ------------------------------------------------------------------


@login_not_required
def scheme_list_view(request):
    """For residents: the schemes open for applications, with their rules."""
    return render(
        request, "subsidies/subsidyscheme_list.html", {"schemes": selectors.open_schemes()}
    )


@municipal_view(Role.GRANT_OFFICER)
def grant_officer_view(request):
    """The grant officer's start: every scheme with its budget, and the work waiting."""
    return render(
        request,
        "subsidies/subsidyscheme_budget.html",
        {
            "schemes": selectors.schemes_with_budget().order_by("-year", "name"),
            "waiting_applications": selectors.application_queue().count(),
            "waiting_reports": selectors.review_queue().count(),
        },
    )


def _scheme_form_view(request, scheme: SubsidyScheme | None):
    form = SchemeForm.for_scheme(scheme, request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.scheme_save(
            data=services.SchemeData(**data), actor=request.user, scheme=scheme
        ),
    )
    if saved:
        messages.success(request, _("The scheme is saved."))
        return redirect("subsidies:grant_officer")
    return render(
        request,
        "subsidies/subsidyscheme_form.html",
        {"form": form, "scheme": scheme},
        status=400 if form.errors else 200,
    )


@municipal_view(Role.GRANT_OFFICER)
def scheme_create_view(request):
    return _scheme_form_view(request, None)


@municipal_view(Role.GRANT_OFFICER)
def scheme_edit_view(request, pk: int):
    return _scheme_form_view(request, get_object_or_404(SubsidyScheme, pk=pk))


# Applications -------------------------------------------------------------


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
        data = grant_form.cleaned_data
        try:
            grant = services.application_grant(
                application=application,
                actor=request.user,
                terms=services.GrantTerms(
                    amount=data["amount"],
                    goals=[goal.get("description", "") for goal in goals.cleaned_data],
                    final_report_due=data["final_report"],
                    conditions=data["conditions"],
                    interim_reports_due=grant_form.interim_dates(),
                    reason=data["reason"],
                ),
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
        cleaned = form.cleaned_data
        try:
            grant = services.grant_record(
                initiative=initiative,
                scheme=cleaned["scheme"],
                actor=request.user,
                terms=services.GrantTerms(
                    amount=cleaned["amount"],
                    goals=[goal.get("description", "") for goal in goals.cleaned_data],
                    final_report_due=cleaned["final_report"],
                    conditions=cleaned["conditions"],
                    interim_reports_due=form.interim_dates(),
                    reason=cleaned["reason"],
                ),
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


# Grants -------------------------------------------------------------------


def _grant_for(request, pk: int) -> Grant:
    return get_object_or_404(selectors.grant_for_page(request.user, pk))


@second_factor_if_municipal
def grant_view(request, pk: int):
    grant = _grant_for(request, pk)
    user = request.user
    can_settle = permissions.can_settle(user, grant)
    return render(
        request,
        "subsidies/grant_detail.html",
        {
            "grant": grant,
            "initiative": grant.initiative,
            "is_lead": initiative_permissions.is_lead(user, grant.initiative),
            "is_grant_officer": permissions.is_grant_officer(user),
            "can_settle": can_settle,
            "settle_form": SettleForm(initial={"amount": services.suggested_settlement(grant)})
            if can_settle
            else None,
            "final_accepted": services.final_report_accepted(grant) if can_settle else False,
            "can_decide_reclaim": permissions.can_decide_reclaim(user, grant),
            "reclaim_form": ReclaimDecisionForm(),
            "timeline": timeline_entries(selectors.grant_timeline(grant)),
            "today": timezone.localdate(),
        },
    )


@require_POST
@municipal_view(Role.GRANT_OFFICER)
def grant_settle_view(request, pk: int):
    grant = _grant_for(request, pk)
    if not permissions.can_settle(request.user, grant):
        raise PermissionDenied
    form = SettleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(grant)
    try:
        services.grant_settle(grant=grant, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The grant is settled. The group is told."))
    return redirect(grant)


@require_POST
@municipal_view(Role.GRANT_OFFICER)
def grant_reclaim_view(request, pk: int):
    grant = _grant_for(request, pk)
    if not permissions.can_decide_reclaim(request.user, grant):
        raise PermissionDenied
    form = ReclaimDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you approve."))
        return redirect(grant)
    try:
        services.grant_reclaim_decide(grant=grant, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your decision about the reclaim is saved."))
    return redirect(grant)


# Reports ------------------------------------------------------------------


def _report_for(request, pk: int) -> Report:
    return get_object_or_404(selectors.report_for_page(request.user, pk))


@second_factor_if_municipal
def report_view(request, pk: int):
    report = _report_for(request, pk)
    user = request.user
    reviews = list(report.reviews.all())
    return render(
        request,
        "subsidies/report_detail.html",
        {
            "report": report,
            "grant": report.grant,
            "outcomes": report.outcomes.all(),
            "reviews": reviews,
            "can_write": permissions.can_write_report(user, report),
            "can_review": permissions.can_review(user, report),
            "answerable": [r for r in reviews if permissions.can_answer_review(user, r)],
            "answer_form": AnswerForm(),
            "today": timezone.localdate(),
        },
    )


def report_edit_view(request, pk: int):
    report = _report_for(request, pk)
    if not permissions.can_write_report(request.user, report):
        raise PermissionDenied
    goals = list(report.grant.goals.all())
    saved_outcomes = {o.goal_id: o for o in report.outcomes.all()}
    initial = {"other_outcomes": report.other_outcomes, "money_spent": report.money_spent}
    for goal_id, outcome in saved_outcomes.items():
        initial[f"result_{goal_id}"] = outcome.result
        initial[f"explanation_{goal_id}"] = outcome.explanation
    form = ReportForm(
        request.POST or None,
        initial=initial,
        goals=goals,
        asks_money_spent=services.asks_for_money_spent(report),
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            # Saving and submitting are one step: a refused submit leaves no draft
            # half-changed, and what was typed stays in the form.
            with transaction.atomic():
                services.report_save(
                    report=report,
                    actor=request.user,
                    outcomes=form.outcomes(),
                    other_outcomes=form.cleaned_data["other_outcomes"],
                    money_spent=form.cleaned_data.get("money_spent"),
                )
                if submit:
                    services.report_submit(report=report, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if submit:
                messages.success(request, _("Your report is sent to the municipality. Thank you!"))
                return redirect(report)
            messages.success(request, _("Your report is saved as a draft."))
            return redirect("subsidies:report_edit", pk=report.pk)
    return render(
        request,
        "subsidies/report_form.html",
        {
            "report": report,
            "grant": report.grant,
            "form": form,
            "attachment_form": AttachmentForm(),
            "attachments": report.attachments.all(),
        },
        status=400 if form.errors else 200,
    )


def attachment_add_view(request, pk: int):
    report = _report_for(request, pk)
    if not permissions.can_write_report(request.user, report):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    saved = save_form(
        request,
        form,
        lambda data: services.attachment_add(
            report=report, actor=request.user, upload=data["file"]
        ),
    )
    if saved:
        messages.success(request, _("The attachment is added."))
        return redirect("subsidies:report_edit", pk=report.pk)
    return render(
        request,
        "subsidies/attachment_form.html",
        {"report": report, "grant": report.grant, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def attachment_remove_view(request, pk: int):
    attachment = get_object_or_404(
        selectors.attachments_visible_to(request.user).select_related("report__grant__initiative"),
        pk=pk,
    )
    if not permissions.can_write_report(request.user, attachment.report):
        raise PermissionDenied
    services.attachment_remove(attachment=attachment, actor=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect("subsidies:report_edit", pk=attachment.report_id)


@second_factor_if_municipal
def attachment_view(request, pk: int):
    """Attachments are served through the report's visibility, as a download."""
    attachment = get_object_or_404(selectors.attachments_visible_to(request.user), pk=pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@municipal_view(Role.GRANT_OFFICER)
def review_queue_view(request):
    page = Paginator(selectors.review_queue(), 25).get_page(request.GET.get("page"))
    return render(request, "subsidies/report_queue.html", {"page": page})


@municipal_view(Role.GRANT_OFFICER)
def report_review_view(request, pk: int):
    report = _report_for(request, pk)
    if not permissions.can_review(request.user, report):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.report_review(
            report=report, review=services.ReviewData(**data), actor=request.user
        ),
    )
    if saved:
        messages.success(request, _("Your review is saved. The group is told."))
        return redirect(report.grant)
    return render(
        request,
        "subsidies/report_review.html",
        {
            "report": report,
            "grant": report.grant,
            "outcomes": report.outcomes.all(),
            "reviews": report.reviews.all(),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def review_answer_view(request, pk: int):
    review = get_object_or_404(
        selectors.reviews_visible_to(request.user).select_related("report__grant__initiative"),
        pk=pk,
    )
    if not permissions.can_answer_review(request.user, review):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer."))
        return redirect(review.report)
    services.review_answer(review=review, answer=form.cleaned_data["answer"], actor=request.user)
    messages.success(request, _("Your answer is sent to the municipality."))
    return redirect(review.report)


# The public register ------------------------------------------------------


def _register_filter(request):
    return RegisterFilter(request.GET or None, queryset=selectors.register())


@login_not_required
def register_view(request):
    register = _register_filter(request)
    page, grants = selectors.register_page(register.qs, request.GET.get("page"))
    return render(
        request,
        "subsidies/register.html",
        {"filter": register, "page": page, "grants": grants},
    )


REGISTER_HEADER = (
    "initiative",
    "scheme",
    "year",
    "requested",
    "granted",
    "settled",
    "status",
    "granted_on",
)


@login_not_required
def register_csv_view(request):
    grants = selectors.register_rows(_register_filter(request).qs)
    rows = (
        (
            grant.initiative_title,
            grant.scheme.name,
            grant.scheme.year,
            grant.requested or "",
            grant.amount,
            "" if grant.settled_amount is None else grant.settled_amount,
            grant.status,
            timezone.localtime(grant.granted_at).date().isoformat(),
        )
        for grant in grants.iterator(chunk_size=2000)
    )
    return csv_response("subsidieregister.csv", REGISTER_HEADER, rows)
