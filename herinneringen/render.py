"""A reminder written out as a message, in the recipient's language, when it is sent."""

import functools
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from marktplein.mail import single_line
from marktplein.money import format_money

from .kinds import KINDS

UNSUBSCRIBE_SALT = "herinneringen.unsubscribe"


@dataclass(frozen=True)
class Written:
    subject: str
    body: str  # the message itself, as the notification shows it
    text: str
    html: str
    url: str
    headers: dict


def absolute(path: str) -> str:
    if not path or path.startswith("http"):
        return path
    return settings.MARKTPLEIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """Raises signing.BadSignature for a tampered or foreign link."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in KINDS:
        raise signing.BadSignature("not an unsubscribe token")
    return int(data["u"]), data["k"]


@functools.cache
def _paths() -> tuple[str, str]:
    """The settings page and the start of an unsubscribe link, worked out once."""
    settings_url = absolute(reverse("herinneringen:preferences"))
    stop = absolute(reverse("herinneringen:unsubscribe", args=["TOKEN"]))
    return settings_url, stop.removesuffix("TOKEN/")


def _value(name: str, value):
    if name.endswith("_amount") and value not in (None, ""):
        return format_money(value)
    if name.endswith("_date") and value:
        return formats.date_format(date.fromisoformat(value), "j F Y")
    return value


def write(
    *,
    kind: str,
    params: dict,
    url: str,
    language: str,
    reminder_id: int | None,
    user_id: int | None,
) -> Written:
    """Subject, plain text and HTML; with a link to the settings and a one-click unsubscribe
    for a person with an account (RFC 8058)."""
    definition = KINDS[kind]
    with translation.override(language):
        values = {name: _value(name, value) for name, value in params.items()}
        subject = single_line(str(definition.subject) % values)
        text = str(definition.body) % values
        link = absolute(url)
        lines = [text]
        if link:
            open_label = _("Open on Marktplein:")
            lines.append(f"{open_label} {link}")
        headers = {}
        html_footer = ""
        if user_id is not None:
            settings_url, stop_prefix = _paths()
            stop = f"{stop_prefix}{unsubscribe_token(user_id, kind)}/"
            footer = _(
                "You get this because of your settings on Marktplein. Change them: %(settings)s"
            ) % {"settings": settings_url}
            stop_line = (
                _("Move these messages to your daily summary: %(link)s")
                if definition.required
                else _("Stop these messages: %(link)s")
            ) % {"link": stop}
            lines += ["--", footer, stop_line]
            headers["List-Unsubscribe"] = f"<{stop}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            html_footer = (
                f"<hr><p>{escape(footer)}</p>"
                f'<p><a href="{escape(stop)}">{escape(stop_line.split(": ")[0])}</a></p>'
            )
        if reminder_id is not None:
            domain = settings.MARKTPLEIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
            # The same reminder always has the same Message-ID: a repeat is the same message.
            headers["Message-ID"] = f"<reminder-{reminder_id}@{domain}>"
        link_text = _("Open on Marktplein")
        html_link = f'<p><a href="{escape(link)}">{escape(link_text)}</a></p>' if link else ""
        html = (
            f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{escape(subject)}</title></head><body>"
            f"{linebreaks(escape(text))}{html_link}{html_footer}</body></html>"
        )
    return Written(
        subject=subject, body=text, text="\n\n".join(lines), html=html, url=link, headers=headers
    )
