import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Initiative(models.Model):
    """What residents start. An informal group counts from the first day."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        STOPPED = "stopped", _("stopped")

    class Stage(models.TextChoices):
        IDEA = "idea", _("idea")
        LIGHT_COMMUNITY = "light_community", _("light community")
        PUBLIC_CAUSE = "public_cause", _("public cause")
        INSTITUTION = "institution", _("institution")

    class Organisation(models.TextChoices):
        INFORMAL_GROUP = "informal_group", _("an informal group of people")
        ASSOCIATION = "association", _("an association (vereniging)")
        FOUNDATION = "foundation", _("a foundation (stichting)")
        OTHER = "other", _("another organisation")

    # Statuses anyone may see (when not hidden).
    PUBLIC_STATUSES = (Status.SUBMITTED, Status.ACTIVE, Status.COMPLETED, Status.STOPPED)

    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("short description"), max_length=1000)
    neighbourhood = models.ForeignKey(
        "basisgegevens.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("neighbourhood"),
    )
    themes = models.ManyToManyField(
        "basisgegevens.Theme", related_name="initiatives", verbose_name=_("themes")
    )
    organisation = models.CharField(
        _("who is involved"),
        max_length=20,
        choices=Organisation.choices,
        default=Organisation.INFORMAL_GROUP,
    )
    organisation_name = models.CharField(_("name of the organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set once by the form that created it: posting the same form twice makes one initiative.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    # Working days from submission to the first response, counted once when it came:
    # the dashboard takes medians of this column in the database.
    response_working_days = models.PositiveSmallIntegerField(
        _("working days to the first response"), null=True, blank=True, editable=False
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    max_advisors = models.PositiveSmallIntegerField(_("maximum number of advisors"), default=2)
    # What matching reads per initiative without joining needs and advisorships (they made
    # ranking initiatives for a civil servant scan every open initiative): kept by the
    # services that change them, `need_*` and `ambtenaren.services.advisorship_*`.
    # Advisorships that are proposed or active:
    advisor_count = models.PositiveSmallIntegerField(default=0, db_default=0, editable=False)
    # The fields of expertise that open needs ask for, as a set: {"<area id>": true}.
    open_expertise_areas = models.JSONField(default=dict, blank=True, editable=False)
    # What the group shared when it closed the initiative; shown on its page.
    closing_note = models.TextField(_("what the group shared at the end"), blank=True)
    # The language its author used the site in: pages mark the text with it (WCAG 3.1.2).
    language = models.CharField(_("language"), max_length=8, default="nl", db_default="nl")

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "is_hidden", "-submitted_at"]),
            # The public list in its order: counted and paged from this index alone,
            # without scanning drafts (which have no submission date).
            models.Index(
                fields=["-submitted_at", "-id"],
                condition=models.Q(
                    status__in=["submitted", "active", "completed", "stopped"], is_hidden=False
                ),
                name="initiative_public_list",
            ),
            # The loket's queue: submitted or active, not hidden, not answered yet.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(
                    status__in=["submitted", "active"],
                    is_hidden=False,
                    first_response_at__isnull=True,
                ),
                name="initiative_loket_queue",
            ),
            # Matching: the open initiatives of the neighbourhoods a civil servant knows.
            # (The open ones asking for a field of expertise have a GIN index on
            # PostgreSQL, migration 0012.)
            models.Index(
                fields=["neighbourhood", "submitted_at"],
                condition=models.Q(status__in=["submitted", "active"], is_hidden=False),
                name="initiative_open_by_place",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="initiative_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(is_hidden=False) | ~models.Q(hidden_reason=""),
                name="initiative_hidden_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatieven:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES and not self.is_hidden


class Membership(models.Model):
    """A person behind an initiative: lead (trekker) or member."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        MEMBER = "member", _("member")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_contact = models.BooleanField(_("contact person"), default=False)
    is_treasurer = models.BooleanField(_("treasurer (penvoerder)"), default=False)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="member_once"),
            models.UniqueConstraint(
                fields=["initiative"], condition=models.Q(is_contact=True), name="one_contact"
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(is_treasurer=True),
                name="one_treasurer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Invitation(models.Model):
    """An e-mail invitation to join; the link in the mail is signed and expires."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Withdrawn by a lead, or closed because it expired and the address was invited again.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["invited_by", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return self.email


class NeedKind(models.TextChoices):
    EXPERTISE = "expertise", _("expertise or advice")
    SPACE = "space", _("a room or a place")
    VOLUNTEERS = "volunteers", _("volunteers")
    MONEY = "money", _("money")
    MATERIALS = "materials", _("materials")
    NETWORK = "network", _("contacts (network)")


class Need(models.Model):
    """What an initiative asks for."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PARTLY_MET = "partly_met", _("partly met")
        MET = "met", _("met")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class MetBy(models.TextChoices):
        MUNICIPALITY = "municipality", _("the municipality")
        RESIDENT = "resident", _("a resident")
        PARTNER = "partner", _("a partner")

    # A need that is met or withdrawn asks for nothing any more.
    CLOSED_STATUSES = (Status.MET, Status.WITHDRAWN)

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind"), max_length=20, choices=NeedKind.choices)
    description = models.CharField(_("what exactly"), max_length=300)
    # For expertise: which field of knowledge; civil servants are matched on it.
    expertise_area = models.ForeignKey(
        "basisgegevens.ExpertiseArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("field of expertise"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    met_by = models.CharField(_("met by"), max_length=20, choices=MetBy.choices, blank=True)
    offer = models.ForeignKey(
        "Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_met",
        verbose_name=_("offer"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["partly_met", "met"]) | ~models.Q(met_by=""),
                name="need_met_says_by_whom",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class Update(models.Model):
    """News from an initiative: sanitised text and a few photos."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)
    # The language its author used the site in: pages mark the text with it (WCAG 3.1.2).
    language = models.CharField(_("language"), max_length=8, default="nl", db_default="nl")

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.created_at:%Y-%m-%d}"


def photo_path(photo: "Photo", filename: str) -> str:
    return f"updates/{photo.update.initiative_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class Photo(models.Model):
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path)
    description = models.CharField(_("what is on the photo"), max_length=200)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class Support(models.Model):
    """'I support this': once per person per initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.initiative}"


class Offer(models.Model):
    """What a partner offers. Public only after a coordinator vetted it."""

    class Kind(models.TextChoices):
        SPACE = "space", _("a room or a place")
        MATERIALS = "materials", _("materials")
        ADVICE = "advice", _("advice")
        MONEY = "money", _("money")
        OTHER = "other", _("something else")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a check")
        VETTED = "vetted", _("checked and public")
        REJECTED = "rejected", _("not accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=2000)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vetted_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The language its author used the site in: pages mark the text with it (WCAG 3.1.2).
    language = models.CharField(_("language"), max_length=8, default="nl", db_default="nl")

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class OfferRequest(models.Model):
    """A lead links an offer to one of their needs; the partner sees who asked."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="requests")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="offer_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("request for an offer")
        verbose_name_plural = _("requests for offers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="offer_once_per_need")
        ]

    def __str__(self) -> str:
        return f"{self.need} ← {self.offer}"
