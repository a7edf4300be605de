"""What accounts needs to know about a civil servant's advice (accounts.links)."""

from accounts.links import AccountLinks

from .models import AdvisorProfile, Advisorship


class AdvisorAccountLinks(AccountLinks):
    def keeps_records(self, user) -> bool:
        """Advice given is a municipal record: the account stays as an empty shell."""
        return Advisorship.objects.filter(advisor__user=user).exists()

    def personal_data(self, user) -> dict:
        profile = AdvisorProfile.objects.filter(user=user).first()
        if profile is None:
            return {}
        return {
            "advisor_profile": {
                "hours_per_month": profile.hours_per_month,
                "introduction": profile.introduction,
                "available": profile.is_available,
            },
            "advisorships": [
                {
                    "initiative": a.initiative.title,
                    "status": a.status,
                    "hours_per_month": a.hours_per_month,
                }
                for a in profile.advisorships.select_related("initiative")
            ],
        }
