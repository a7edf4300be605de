"""Pages for conversations: the initiative with the municipality, a partner with an
initiative, and the list of a person's own conversations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import second_factor_if_municipal
from initiatieven.models import Initiative, Membership, OfferRequest
from initiatieven.selectors import initiatives_visible_to
from marktplein.forms import save_form

from . import permissions, selectors, services
from .forms import MessageForm


def _refuse(request, initiative: Initiative):
    """Someone outside the conversation: 403 where they see the initiative, else 404."""
    if initiatives_visible_to(request.user).filter(pk=initiative.pk).exists():
        raise PermissionDenied
    raise Http404


def _conversation_page(request, *, can_write: bool, write, conversation, context: dict):
    """The page every conversation shares: its messages, who takes part, and the form
    to write one (`write(body)` calls the service). Its caller checked who may read."""
    form = MessageForm(request.POST or None)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    saved = save_form(request, form, lambda data: write(data["body"]))
    if saved:
        messages.success(request, _("Your message is sent."))
        return redirect(f"{request.path}#message-{saved.value.pk}")
    return render(
        request,
        "gesprekken/conversation_detail.html",
        {
            **context,
            "conversation": conversation,
            "conversation_messages": selectors.messages_in(conversation),
            "can_write": can_write,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@second_factor_if_municipal
def conversation_with_municipality_view(request, pk: int):
    try:
        initiative = selectors.initiative_with_people(pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    user = request.user
    if not permissions.can_read_with_municipality(user, initiative):
        _refuse(request, initiative)
    conversation = selectors.conversation_with_municipality(initiative)
    return _conversation_page(
        request,
        can_write=permissions.can_write_with_municipality(user, initiative),
        write=lambda body: services.message_to_municipality(
            initiative=initiative, author=user, body=body
        ),
        conversation=conversation,
        context={
            "initiative": initiative,
            "people": selectors.people_with_municipality(initiative, conversation),
        },
    )


@second_factor_if_municipal
def conversation_with_partner_view(request, pk: int):
    offer_request = get_object_or_404(
        OfferRequest.objects.select_related("offer__partner", "need__initiative").prefetch_related(
            Prefetch(
                "need__initiative__memberships", queryset=Membership.objects.select_related("user")
            )
        ),
        pk=pk,
    )
    user = request.user
    if not permissions.can_read_with_partner(user, offer_request):
        raise Http404
    return _conversation_page(
        request,
        can_write=permissions.can_write_with_partner(user, offer_request),
        write=lambda body: services.message_to_partner(
            offer_request=offer_request, author=user, body=body
        ),
        conversation=selectors.conversation_with_partner(offer_request),
        context={
            "initiative": offer_request.need.initiative,
            "offer_request": offer_request,
            "people": selectors.people_with_partner(offer_request),
        },
    )


@require_safe
@second_factor_if_municipal
def conversation_list_view(request):
    page = Paginator(selectors.conversations_of(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "gesprekken/conversation_list.html", {"page": page})
