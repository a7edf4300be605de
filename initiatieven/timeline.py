"""What the municipality did for an initiative, as its members read it on its page."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from .models import Initiative


@dataclass(frozen=True)
class MunicipalityStep:
    """One thing the municipality did for an initiative, as its members read it."""

    at: datetime
    text: str
    message: str = ""


def municipality_steps(initiative: Initiative, advisorships, responses) -> list[MunicipalityStep]:
    """The municipality's answers and every step about advice, newest first, in plain
    words with the reason given (from the rows the page loads anyway)."""
    steps = [
        MunicipalityStep(
            at=response.created_at,
            text=_("%(name)s of the municipality wrote:")
            % {"name": response.author.first_name if response.author else _("Someone")},
            message=response.message,
        )
        for response in responses
    ]
    for advisorship in advisorships:
        name = advisorship.advisor.user.first_name
        if advisorship.proposed_by == "coordinator":
            text = _("The municipality asked %(name)s to advise you.")
        elif advisorship.proposed_by == "advisor":
            text = _("%(name)s of the municipality offered to advise you.")
        else:
            text = _("You asked %(name)s to advise you.")
        steps.append(
            MunicipalityStep(
                at=advisorship.created_at, text=text % {"name": name}, message=advisorship.reason
            )
        )
        if advisorship.accepted_at:
            steps.append(
                MunicipalityStep(
                    at=advisorship.accepted_at,
                    text=_("%(name)s advises you from now on.") % {"name": name},
                )
            )
        if advisorship.ended_at:
            steps.append(
                MunicipalityStep(
                    at=advisorship.ended_at,
                    text=_("The advice of %(name)s has ended.") % {"name": name},
                )
            )
    return sorted(steps, key=lambda step: step.at, reverse=True)
