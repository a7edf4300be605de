from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for(subject) -> QuerySet[AuditEvent]:
    from django.contrib.contenttypes.models import ContentType

    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        object_id=str(subject.pk),
    ).select_related("actor")


def audit_events_recent(*, action_prefix: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("content_type")
    if action_prefix:
        events = events.filter(action__startswith=action_prefix)
    return events
