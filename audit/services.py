"""The one way to write to the audit log. Every app calls `audit_record`."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext

from .actions import is_registered
from .models import FORGOTTEN_PERSON, AuditEvent


def actor_label_for(actor: Any) -> str:
    if actor is None:
        return gettext("Marktplein (automatic)")
    return actor.email


def audit_record(
    *,
    subject: models.Model,
    action: str,
    actor: Any,
    reason: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the transaction that makes the change."""
    if not is_registered(action):
        raise ValueError(f"Unknown audit action {action!r}: list it in the app's audit_actions.py")
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor_label_for(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        object_id=str(subject.pk),
        object_label=str(subject)[:255],
        reason=reason,
        before=before or {},
        after=after or {},
    )


def audit_forget_person(*, person: models.Model) -> int:
    """Replace a deleted person's name in the events they caused or that are about them.

    The events stay: the municipality must keep what was decided and why. The
    database allows exactly this change, to exactly FORGOTTEN_PERSON.
    """
    caused = AuditEvent.objects.filter(actor_id=person.pk).update(
        actor=None, actor_label=FORGOTTEN_PERSON
    )
    about = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(person, for_concrete_model=False),
        object_id=str(person.pk),
    ).update(object_label=FORGOTTEN_PERSON)
    return caused + about
