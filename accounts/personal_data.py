"""The personal data download as a page a person can read: the same data as the JSON,
each key named in words."""

from django.utils.translation import gettext_lazy as _

# Every key the download uses (accounts and the apps' accounts.links), in words.
LABELS = {
    "account": _("Your account"),
    "email": _("e-mail address"),
    "first_name": _("first name"),
    "date_joined": _("account made on"),
    "last_login": _("last signed in"),
    "phone": _("phone number"),
    "shows_email": _("shows the e-mail address in conversations"),
    "shows_phone": _("shows the phone number in conversations"),
    "email_addresses": _("Your e-mail addresses"),
    "verified": _("verified"),
    "primary": _("main address"),
    "roles": _("Your roles"),
    "role": _("role"),
    "granted_at": _("since"),
    "reason": _("reason"),
    "audit_events_about_you": _("What the log says about you"),
    "when": _("when"),
    "action": _("what"),
    "before": _("before"),
    "after": _("after"),
    "initiatives": _("Initiatives you take part in"),
    "initiative": _("initiative"),
    "contact_person": _("contact person"),
    "treasurer": _("treasurer"),
    "initiatives_started": _("Initiatives you started"),
    "title": _("title"),
    "summary": _("description"),
    "status": _("status"),
    "needs": _("needs"),
    "kind": _("kind"),
    "description": _("description"),
    "news_written": _("News you wrote"),
    "at": _("when"),
    "text": _("text"),
    "photos": _("photos"),
    "supports": _("Initiatives you support"),
    "invitations_sent": _("Invitations you sent"),
    "accepted": _("accepted"),
    "invitations_accepted": _("Invitations you accepted"),
    "offers": _("Your offers (partner)"),
    "offer_requests": _("Offers you asked for"),
    "offer": _("offer"),
    "need": _("need"),
    "advisor_profile": _("Your advisor profile"),
    "hours_per_month": _("hours a month"),
    "introduction": _("introduction"),
    "available": _("available"),
    "expertise_areas": _("fields of expertise"),
    "neighbourhoods": _("neighbourhoods"),
    "advisorships": _("Initiatives you advise"),
    "contacts": _("contacts"),
    "date": _("date"),
    "channel": _("how"),
    "topic": _("about"),
    "next_step": _("next step"),
    "messages_written": _("Messages you wrote in conversations"),
    "conversation": _("conversation"),
    "follow_up_on": _("follow up on"),
    "answers_to_initiatives": _("Your answers to initiatives"),
    "applications_written": _("Subsidy applications you wrote"),
    "scheme": _("scheme"),
    "amount": _("amount"),
    "reports_submitted": _("Reports you sent"),
    "review_answers": _("Your answers to reviews"),
    "answer": _("answer"),
    "notifications": _("Your notifications"),
    "read": _("read"),
    "message_preferences": _("How you want to get messages"),
}


def readable_lines(value, depth: int = 0) -> list[tuple[int, str]]:
    """(depth, line) pairs for a nested structure: keys in words, values as they are."""
    lines: list[tuple[int, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            label = str(LABELS.get(key, key))
            if isinstance(item, dict | list):
                lines.append((depth, label))
                lines += readable_lines(item, depth + 1)
            else:
                lines.append((depth, f"{label}: {_scalar(item)}"))
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                lines += readable_lines(item, depth)
                lines.append((depth, ""))
            else:
                lines.append((depth, _scalar(item)))
    else:
        lines.append((depth, _scalar(value)))
    return lines


def _scalar(value) -> str:
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    if value is None:
        return "\u2013"
    return str(value)


def sections(data: dict) -> list[tuple[str, list[tuple[int, str]]]]:
    """One section per top-level key that holds something."""
    return [
        (str(LABELS.get(key, key)), readable_lines(item))
        for key, item in data.items()
        if item not in ({}, [], None, "")
    ]
