from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import municipal_view, second_factor_if_municipal
from initiatieven.selectors import initiatives_visible_to
from marktplein.forms import save_form
from marktplein.paging import CappedPaginator

from . import matching, permissions, selectors, services
from .forms import (
    AdvisorChoiceForm,
    AdvisorProfileForm,
    AdvisorshipAcceptForm,
    AdvisorshipEndForm,
    ClaimForm,
    ContactForm,
    ResponseForm,
)
from .models import AdvisorProfile, Advisorship


def _profile_or_redirect(request):
    profile = AdvisorProfile.objects.filter(user=request.user).first()
    if profile is None:
        messages.info(request, _("Fill in your advisor profile first."))
    return profile


@municipal_view(Role.CIVIL_SERVANT)
def profile_edit_view(request):
    profile = AdvisorProfile.objects.filter(user=request.user).first()
    form = AdvisorProfileForm(request.POST or None, instance=profile)
    saved = save_form(
        request,
        form,
        lambda data: services.profile_save(
            user=request.user,
            expertise_areas=data["expertise_areas"],
            hours_per_month=data["hours_per_month"],
            neighbourhoods=data["neighbourhoods"],
            introduction=data["introduction"],
            is_available=data["is_available"],
        ),
    )
    if saved:
        messages.success(request, _("Your advisor profile is saved."))
        return redirect("ambtenaren:my_advice")
    return render(
        request,
        "ambtenaren/advisorprofile_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@municipal_view(Role.CIVIL_SERVANT)
def my_advice_view(request):
    profile = _profile_or_redirect(request)
    if profile is None:
        return redirect("ambtenaren:profile")
    committed = services.committed_hours(profile)
    return render(
        request,
        "ambtenaren/advisorship_mine.html",
        {
            "profile": profile,
            "advisorships": selectors.advisorships_of(profile),
            "committed": committed,
            "free": max(profile.hours_per_month - committed, 0),
            "follow_ups": selectors.follow_ups_due(profile),
        },
    )


@municipal_view(Role.CIVIL_SERVANT)
def suggestions_view(request):
    profile = _profile_or_redirect(request)
    if profile is None:
        return redirect("ambtenaren:profile")
    return render(
        request,
        "ambtenaren/initiative_suggestions.html",
        {"suggestions": matching.initiatives_ranked_for(profile), "profile": profile},
    )


@municipal_view(Role.CIVIL_SERVANT)
def claim_view(request, pk: int):
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    profile = _profile_or_redirect(request)
    if profile is None:
        return redirect("ambtenaren:profile")
    form = ClaimForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.advisorship_claim(
            initiative=initiative,
            advisor=profile,
            hours=data["hours"],
            no_conflict=data["no_conflict"],
            actor=request.user,
        ),
    )
    if saved:
        messages.success(request, _("Your offer to advise is sent. The initiative answers you."))
        return redirect("ambtenaren:advisorship", pk=saved.value.pk)
    return render(
        request,
        "ambtenaren/advisorship_claim.html",
        {"initiative": initiative, "form": form, "free": services.free_hours(profile)},
        status=400 if form.errors else 200,
    )


@municipal_view(Role.COORDINATOR)
def loket_view(request):
    # Counted up to a cap: with a long queue, "more than 1,000" says enough, and counting
    # every waiting row on each visit is the page's slowest query.
    page = CappedPaginator(
        selectors.loket_queue(), 25, cap=settings.MARKTPLEIN_LOKET_COUNT_CAP
    ).get_page(request.GET.get("page"))
    target = settings.MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS
    page.object_list = selectors.with_waiting_days(page.object_list, target=target)
    return render(request, "ambtenaren/loket_list.html", {"page": page, "target": target})


@municipal_view(Role.COORDINATOR)
def loket_detail_view(request, pk: int):
    initiative = get_object_or_404(
        initiatives_visible_to(request.user).select_related("neighbourhood"), pk=pk
    )
    form = ResponseForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.response_send(
            initiative=initiative, author=request.user, message=data["message"]
        ),
    )
    if saved:
        messages.success(request, _("Your answer is sent to the initiative."))
        return redirect("ambtenaren:loket")
    return render(
        request,
        "ambtenaren/loket_detail.html",
        {
            "initiative": initiative,
            "form": form,
            "needs": initiative.needs.select_related("expertise_area"),
            "suggestions": matching.advisors_ranked_for(initiative),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@municipal_view(Role.COORDINATOR)
def advisorship_propose_view(request, pk: int):
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    form = AdvisorChoiceForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("ambtenaren:loket_detail", pk=initiative.pk)
    try:
        services.advisorship_propose(
            initiative=initiative,
            advisor=form.cleaned_data["advisor"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The civil servant is asked to advise this initiative."))
    return redirect("ambtenaren:loket_detail", pk=initiative.pk)


def advisors_for_initiative_view(request, pk: int):
    """For the leads: civil servants who could help, and a button to ask one."""
    initiative = get_object_or_404(initiatives_visible_to(request.user), pk=pk)
    if not permissions.can_ask_advisor(request.user, initiative):
        raise PermissionDenied
    refused = False
    if request.method == "POST":
        form = AdvisorChoiceForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([m for errors in form.errors.values() for m in errors])
            services.advisorship_request(
                initiative=initiative,
                advisor=form.cleaned_data["advisor"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            refused = True
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("We asked the civil servant. You get an answer soon."))
            return redirect(initiative)
    return render(
        request,
        "ambtenaren/advisor_suggestions.html",
        {
            "initiative": initiative,
            "suggestions": matching.advisors_ranked_for(initiative, for_resident=True),
        },
        status=400 if refused else 200,
    )


def _advisorship_for(request, pk: int) -> Advisorship:
    advisorship = get_object_or_404(selectors.advisorships_visible_to(request.user), pk=pk)
    return advisorship


@second_factor_if_municipal
def advisorship_view(request, pk: int):
    advisorship = _advisorship_for(request, pk)
    user = request.user
    context = {
        "advisorship": advisorship,
        "contacts": advisorship.contacts.all(),
        "is_advisor": permissions.is_advisor(user, advisorship),
        "can_accept": permissions.can_accept(user, advisorship),
        "can_end": permissions.can_end(user, advisorship),
        "can_log_contact": permissions.can_log_contact(user, advisorship),
        "today": timezone.localdate(),
    }
    return render(request, "ambtenaren/advisorship_detail.html", context)


def _advisorship_answer(request, pk: int, form_class, allowed, answer):
    """Accepting or ending: parse, check the predicate, call the service, go back."""
    advisorship = _advisorship_for(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Something was missing. Please try again."))
    elif not allowed(request.user, advisorship):
        messages.error(request, _("You cannot do this with this advisorship."))
    else:
        try:
            answer(advisorship=advisorship, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your answer is saved."))
    return redirect("ambtenaren:advisorship", pk=advisorship.pk)


@require_POST
@second_factor_if_municipal
def advisorship_accept_view(request, pk: int):
    return _advisorship_answer(
        request, pk, AdvisorshipAcceptForm, permissions.can_accept, services.advisorship_accept
    )


@require_POST
@second_factor_if_municipal
def advisorship_end_view(request, pk: int):
    """Declining a proposal (stopped) or ending the advice (done or stopped)."""
    return _advisorship_answer(
        request, pk, AdvisorshipEndForm, permissions.can_end, services.advisorship_end
    )


@municipal_view(Role.CIVIL_SERVANT)
def contact_create_view(request, pk: int):
    advisorship = _advisorship_for(request, pk)
    if not permissions.is_advisor(request.user, advisorship):
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.contact_log(advisorship=advisorship, actor=request.user, **data),
    )
    if saved:
        messages.success(request, _("The contact is saved."))
        return redirect("ambtenaren:advisorship", pk=advisorship.pk)
    return render(
        request,
        "ambtenaren/contact_form.html",
        {"advisorship": advisorship, "form": form},
        status=400 if form.errors else 200,
    )
