"""What accounts needs to know about a person's initiatives (accounts.links)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accounts.links import AccountLinks

from .models import Initiative, Invitation, Membership, Offer, OfferRequest, Support, Update


class InitiativeAccountLinks(AccountLinks):
    def leaving_refusals(self, user, *, own: bool) -> list[str]:
        """Lock every initiative the person leads, then check each keeps a lead.

        Two leads of one initiative leaving at the same moment: the second waits
        for the first, then sees it would leave no lead, and is refused.
        """
        led = Initiative.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.LEAD
        ).order_by("pk")
        list(led.select_for_update(of=("self",)).values_list("pk", flat=True))
        other_lead = Membership.objects.filter(
            initiative=OuterRef("initiative"), role=Membership.Role.LEAD
        ).exclude(user=user)
        leads = Membership.objects.filter(user=user, role=Membership.Role.LEAD)
        refusals = []
        if leads.exclude(Exists(other_lead)).exists():
            refusals.append(
                _("You are the only lead of an initiative. Make someone else lead first.")
                if own
                else _(
                    "This person is the only lead of an initiative. Make someone else lead first."
                )
            )
        # The municipality contacts this person first: the group names another first.
        contact_of = Membership.objects.filter(user=user, is_contact=True).exclude(
            initiative__status__in=[Initiative.Status.COMPLETED, Initiative.Status.STOPPED]
        )
        if contact_of.exists():
            titles = ", ".join(contact_of.values_list("initiative__title", flat=True))
            refusals.append(
                _(
                    "You are the contact person of %(initiatives)s. Make someone else the contact person first, on the members page."
                )
                % {"initiatives": titles}
                if own
                else _(
                    "This person is the contact person of %(initiatives)s. Ask the group to name another contact person first."
                )
                % {"initiatives": titles}
            )
        return refusals

    def remove(self, user) -> None:
        Membership.objects.filter(user=user).delete()
        Support.objects.filter(user=user).delete()
        Offer.objects.filter(partner=user).delete()

    def personal_data(self, user) -> dict:
        memberships = Membership.objects.filter(user=user).select_related("initiative")
        return {
            "initiatives": [
                {
                    "initiative": m.initiative.title,
                    "role": m.role,
                    "contact_person": m.is_contact,
                    "treasurer": m.is_treasurer,
                }
                for m in memberships
            ],
            "initiatives_started": [
                {
                    "title": i.title,
                    "summary": i.summary,
                    "status": i.status,
                    "needs": [
                        {"kind": n.kind, "description": n.description, "status": n.status}
                        for n in i.needs.all()
                    ],
                }
                for i in Initiative.objects.filter(created_by=user).prefetch_related("needs")
            ],
            "news_written": [
                {
                    "initiative": u.initiative.title,
                    "at": u.created_at.isoformat(),
                    "text": u.body,
                    "photos": [photo.description for photo in u.photos.all()],
                }
                for u in Update.objects.filter(author=user)
                .select_related("initiative")
                .prefetch_related("photos")
            ],
            "supports": list(
                Support.objects.filter(user=user).values_list("initiative__title", flat=True)
            ),
            "invitations_sent": [
                {
                    "initiative": i.initiative.title,
                    "email": i.email,
                    "at": i.created_at.isoformat(),
                    "accepted": i.accepted_at is not None,
                }
                for i in Invitation.objects.filter(invited_by=user).select_related("initiative")
            ],
            "invitations_accepted": list(
                Invitation.objects.filter(accepted_by=user).values_list(
                    "initiative__title", flat=True
                )
            ),
            "offers": list(Offer.objects.filter(partner=user).values("title", "kind", "status")),
            "offer_requests": [
                {
                    "offer": r.offer.title,
                    "need": r.need.description,
                    "at": r.created_at.isoformat(),
                }
                for r in OfferRequest.objects.filter(requested_by=user).select_related(
                    "offer", "need"
                )
            ],
        }
