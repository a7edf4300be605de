from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a deleted person's name becomes in the log. Fixed, so that the database trigger
# can allow exactly this change and no other; pages show it translated.
FORGOTTEN_PERSON = "deleted-account"


class AuditEvent(models.Model):
    """One entry in the append-only log: who did what to which object, when and why.

    A database trigger (see the migrations) refuses updates, deletes and
    TRUNCATE on PostgreSQL; the only change allowed is forgetting a person whose
    account is deleted (their name becomes FORGOTTEN_PERSON), so the
    municipality keeps the event without the name. In production the web and
    worker processes connect as a role that does not own the table
    (`grant_database_role`), so they cannot switch the trigger off.
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=255)
    action = models.CharField(_("what"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(_("about"), max_length=255)
    reason = models.TextField(_("why"), blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action}"

    @property
    def action_label(self) -> str:
        from .actions import label_for

        return label_for(self.action)

    @property
    def before_display(self) -> str:
        return _describe(self.before)

    @property
    def after_display(self) -> str:
        return _describe(self.after)

    @property
    def actor_display(self) -> str:
        return (
            str(_("Deleted account")) if self.actor_label == FORGOTTEN_PERSON else self.actor_label
        )

    @property
    def object_display(self) -> str:
        if self.object_label == FORGOTTEN_PERSON:
            return str(_("Deleted account"))
        return self.object_label


# Shown for an empty value.
NOTHING = "\u2013"


def _describe(values: dict) -> str:
    """A change as people read it: "roles: alderman, partner; status: active"."""

    def show(value) -> str:
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value) or NOTHING
        if isinstance(value, dict):
            return _describe(value)
        return NOTHING if value in (None, "") else str(value)

    return "; ".join(f"{key.replace('_', ' ')}: {show(value)}" for key, value in values.items())
