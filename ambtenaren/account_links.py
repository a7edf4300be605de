"""What accounts needs to know about a civil servant's advice (accounts.links)."""

from accounts.links import AccountLinks

from .models import AdvisorProfile, Advisorship, Response


class AdvisorAccountLinks(AccountLinks):
    def keeps_records(self, user) -> bool:
        """Advice given is a municipal record: the account stays as an empty shell."""
        return Advisorship.objects.filter(advisor__user=user).exists()

    def personal_data(self, user) -> dict:
        responses = [
            {"initiative": r.initiative.title, "at": r.created_at.isoformat(), "text": r.message}
            for r in Response.objects.filter(author=user).select_related("initiative")
        ]
        profile = AdvisorProfile.objects.filter(user=user).first()
        if profile is None:
            return {"answers_to_initiatives": responses} if responses else {}
        return {
            "advisor_profile": {
                "hours_per_month": profile.hours_per_month,
                "introduction": profile.introduction,
                "available": profile.is_available,
                "expertise_areas": [area.name for area in profile.expertise_areas.all()],
                "neighbourhoods": [place.name for place in profile.neighbourhoods.all()],
            },
            "advisorships": [
                {
                    "initiative": a.initiative.title,
                    "status": a.status,
                    "hours_per_month": a.hours_per_month,
                    "reason": a.reason,
                    "contacts": [
                        {
                            "date": c.date.isoformat(),
                            "channel": c.channel,
                            "topic": c.topic,
                            "next_step": c.next_step,
                            "follow_up_on": c.follow_up_on.isoformat() if c.follow_up_on else None,
                        }
                        for c in a.contacts.all()
                    ],
                }
                for a in profile.advisorships.select_related("initiative").prefetch_related(
                    "contacts"
                )
            ],
            "answers_to_initiatives": responses,
        }
