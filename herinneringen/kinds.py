"""Every kind of message the platform sends: its subject and text, in source English
with `%(name)s` values, and whether a person may switch it off.

The values are stored with the reminder (`Reminder.params`) and the message is
written when it is sent, in the recipient's language. A value whose name ends in
`_amount` prints as money, in `_date` as a date.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # what the preferences page calls it
    subject: object
    body: object
    # What the law or a grant requires: a person may move it to the digest, not switch it off.
    required: bool = False


_KINDS = [
    # Reports on a grant (leads; the grant officer when long overdue).
    Kind(
        "report_due",
        _("A report on your grant is due soon"),
        _("Your report for %(initiative)s is due in %(days)s days"),
        _("Your %(report)s for %(initiative)s is due on %(due_date)s. You can write it now."),
        required=True,
    ),
    Kind(
        "report_overdue",
        _("A report on your grant is overdue"),
        _("Your report for %(initiative)s is overdue"),
        _(
            "Your %(report)s for %(initiative)s was due on %(due_date)s. Please send it soon, or tell us what stops you."
        ),
        required=True,
    ),
    Kind(
        "report_overdue_officer",
        _("A report is long overdue (grant officers)"),
        _("A report for %(initiative)s is 5 working days overdue"),
        _("The %(report)s for %(initiative)s was due on %(due_date)s and has not come in."),
    ),
    Kind(
        "report_waiting",
        _("A report waits for your review (grant officers)"),
        _("A report for %(initiative)s waits for your review"),
        _("%(initiative)s sent its %(report)s."),
    ),
    # Decisions about money: the leads are always told.
    Kind(
        "grant_granted",
        _("Decisions about your subsidy"),
        _("Your application for %(scheme)s is granted"),
        _("The municipality grants %(granted_amount)s to %(initiative)s.\n\n%(reason)s"),
        required=True,
    ),
    Kind(
        "grant_recorded",
        _("Decisions about your subsidy"),
        _("A grant for %(initiative)s is recorded"),
        _("The municipality grants %(granted_amount)s to %(initiative)s."),
        required=True,
    ),
    Kind(
        "application_refused",
        _("Decisions about your subsidy"),
        _("Your application for %(scheme)s is refused"),
        _("%(reason)s\n\nDo you disagree? You can object (bezwaar) until %(objection_date)s."),
        required=True,
    ),
    Kind(
        "report_accepted",
        _("Decisions about your subsidy"),
        _("Your report is accepted"),
        _("Thank you for your report on %(initiative)s.\n\n%(text)s"),
        required=True,
    ),
    Kind(
        "conditions_adjusted",
        _("Decisions about your subsidy"),
        _("The conditions of your grant are adjusted"),
        _("%(text)s\n\nThe new conditions: %(conditions)s"),
        required=True,
    ),
    Kind(
        "reclaim_proposed",
        _("Decisions about your subsidy"),
        _("The municipality proposes to ask money back"),
        _(
            "The municipality proposes to ask %(reclaim_amount)s back. Another grant officer decides on it.\n\n%(text)s"
        ),
        required=True,
    ),
    Kind(
        "grant_settled",
        _("Decisions about your subsidy"),
        _("Your grant is settled"),
        _("The final amount of your grant for %(initiative)s is %(settled_amount)s."),
        required=True,
    ),
    Kind(
        "grant_reclaimed",
        _("Decisions about your subsidy"),
        _("The municipality asks money back"),
        _(
            "The municipality asks %(reclaim_amount)s back from your grant for %(initiative)s.\n\n%(reason)s\n\nDo you disagree? You can object (bezwaar) within six weeks."
        ),
        required=True,
    ),
    Kind(
        "conversation_proposed",
        _("The municipality wants to talk about your report"),
        _("The municipality wants to talk about your report for %(initiative)s"),
        _("%(text)s\n\nProposed date: %(conversation_date)s"),
        required=True,
    ),
    # The loket.
    Kind(
        "initiative_unanswered",
        _("An initiative has no answer yet (coordinators)"),
        _("%(initiative)s has waited %(days)s working days for an answer"),
        _(
            "%(initiative)s was sent on %(submitted_date)s and has no first answer yet. The target is %(target)s working days."
        ),
    ),
    Kind(
        "municipality_answered",
        _("The municipality answers your initiative"),
        _("The municipality answered %(initiative)s"),
        _("%(text)s"),
    ),
    # Advice.
    Kind(
        "advisorship_quiet",
        _("No contact with an initiative you advise"),
        _("No contact with %(initiative)s for %(days)s days"),
        _("You advise %(initiative)s. The last contact was on %(last_date)s. How is it going?"),
    ),
    Kind(
        "contact_follow_up",
        _("A follow-up date has passed"),
        _("Follow up with %(initiative)s"),
        _("You agreed to follow up with %(initiative)s on %(follow_up_date)s: %(next_step)s"),
    ),
    Kind(
        "advisorship_waiting",
        _("A request to advise waits for your answer"),
        _("%(initiative)s waits for your answer"),
        _("You were asked to advise %(initiative)s. Please say yes or no."),
    ),
    Kind(
        "advisorship_proposed",
        _("You are asked to advise an initiative"),
        _("You are asked to advise %(initiative)s"),
        _("%(initiative)s would like your advice. Accept or decline on Marktplein.\n\n%(reason)s"),
    ),
    # Moderation: the group must be able to act on it.
    Kind(
        "initiative_hidden",
        _("Your initiative is hidden by a moderator"),
        _("%(initiative)s is hidden for now"),
        _(
            "A moderator has hidden %(initiative)s from the public list. The reason:\n\n%(reason)s\n\nYou can change your initiative or its news on Marktplein."
        ),
        required=True,
    ),
    Kind(
        "initiative_unhidden",
        _("Your initiative can be seen again"),
        _("%(initiative)s can be seen again"),
        _("A moderator has made %(initiative)s public again.\n\n%(reason)s"),
        required=True,
    ),
    Kind(
        "initiative_news",
        _("News from an initiative you support"),
        _("News from %(initiative)s"),
        _("%(initiative)s, which you support, has posted news. Read it on Marktplein."),
    ),
    Kind(
        "advisorship_initiative_closed",
        _("An initiative you advise has closed"),
        _("%(initiative)s has closed"),
        _(
            "%(initiative)s has closed, so your advice for it has ended and your hours are free again. Thank you for your help."
        ),
    ),
    Kind(
        "advisor_proposed_by_municipality",
        _("The municipality finds an advisor for your initiative"),
        _("The municipality asked %(name)s to advise %(initiative)s"),
        _(
            "The municipality asked %(name)s to advise %(initiative)s. You hear it when %(name)s says yes.\n\n%(reason)s"
        ),
    ),
    Kind(
        "advisor_offered",
        _("A civil servant offers to advise your initiative"),
        _("A civil servant wants to advise %(initiative)s"),
        _("%(name)s offers to help as an advisor. Accept or decline on Marktplein."),
    ),
    # Conversations: the others in it hear of a new message.
    Kind(
        "conversation_message",
        _("New messages in your conversations"),
        _("New message about %(initiative)s"),
        _("%(name)s wrote about %(initiative)s:\n\n%(text)s\n\nYou can answer on Marktplein."),
    ),
    # Applications.
    Kind(
        "decision_term_ending",
        _("A decision term ends soon (grant officers)"),
        _("Decide on the application of %(initiative)s before %(decide_date)s"),
        _("The decision term for the application of %(initiative)s ends on %(decide_date)s."),
        required=True,
    ),
    # Invitations.
    Kind(
        "invitation",
        _("An invitation to join an initiative"),
        # The subject carries no text a resident typed: it goes to a stranger.
        _("You are invited to join an initiative on Marktplein"),
        _(
            "%(inviter)s invites you to join %(initiative)s on Marktplein. Open the link to say yes: %(link)s\n\nThe link works for %(days)s days. Did you not expect this? Then you can ignore this e-mail."
        ),
        required=True,
    ),
    Kind(
        "invitation_open",
        _("An invitation you sent is not accepted yet"),
        _("%(email)s has not accepted your invitation yet"),
        _(
            "You invited %(email)s to join %(initiative)s 3 days ago. Maybe send a reminder yourself?"
        ),
    ),
    Kind(
        "digest",
        _("Your daily summary"),
        _("Your summary from Marktplein"),
        _("%(text)s"),
        required=True,
    ),
]

KINDS: dict[str, Kind] = {kind.code: kind for kind in _KINDS}


def kind(code: str) -> Kind:
    return KINDS[code]
