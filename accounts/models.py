from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles beyond 'resident' (every verified account). Never self-assigned."""

    CIVIL_SERVANT = "civil_servant", _("civil servant")
    COORDINATOR = "coordinator", _("coordinator")
    GRANT_OFFICER = "grant_officer", _("grant officer")
    ALDERMAN = "alderman", _("alderman")
    PARTNER = "partner", _("partner")
    ADMINISTRATOR = "administrator", _("administrator")


# Roles that work for the municipality: they must set up and use a second factor.
MUNICIPAL_ROLES = frozenset(
    {Role.CIVIL_SERVANT, Role.COORDINATOR, Role.GRANT_OFFICER, Role.ALDERMAN, Role.ADMINISTRATOR}
)
# Roles that only a civil servant can hold on top.
CIVIL_SERVANT_ROLES = frozenset({Role.COORDINATOR, Role.GRANT_OFFICER})
# Roles that see the full dashboard: the alderman and those who answer to them.
DASHBOARD_ROLES = (Role.ALDERMAN, Role.COORDINATOR, Role.GRANT_OFFICER, Role.ADMINISTRATOR)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. E-mail is the login; the first name is what others see."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    # Raised whenever a credential other than the password changes (a second factor
    # added, removed or reset): every session signed in before that ends.
    security_stamp = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    # The language of the site the person last chose: their e-mails are written in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl", db_default="nl"
    )
    # What the person chooses to show to the people they work with (the others in
    # their conversations); nobody else ever sees it.
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, default="", db_default=""
    )
    shows_email = models.BooleanField(_("show my e-mail address"), default=False, db_default=False)
    shows_phone = models.BooleanField(_("show my phone number"), default=False, db_default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name"]

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            # A phone number is shown only when there is one.
            models.CheckConstraint(
                condition=models.Q(shows_phone=False) | ~models.Q(phone=""),
                name="user_shows_phone_it_has",
            ),
        ]

    def __str__(self) -> str:
        return self.first_name or self.email

    def _get_session_auth_hash(self, secret=None) -> str:
        """Django ends sessions whose hash no longer matches: on a new password, and
        here also on a new security stamp."""
        key_salt = "marktplein.accounts.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.security_stamp}", secret=secret, algorithm="sha256"
        ).hexdigest()

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles this person holds, read once per request."""
        if not self.pk:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_municipal(self) -> bool:
        return bool(self.roles & MUNICIPAL_ROLES) or self.is_staff


class RoleAssignment(models.Model):
    """A role held by a user: who gave it, when and why (also in the audit log)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="role_is_known"),
            models.CheckConstraint(
                condition=~models.Q(granted_by=models.F("user")), name="role_not_self_granted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"
