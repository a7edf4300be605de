"""Reports: writing one with its attachments, the review list, reviewing, answering."""

from django.contrib import messages
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
from marktplein.forms import add_service_errors, save_form

from .. import permissions, selectors, services
from ..forms import (
    AnswerForm,
    AttachmentForm,
    ReportForm,
    ReviewForm,
)
from ..models import Report


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
