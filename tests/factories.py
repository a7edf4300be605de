"""Factories shared by every app's tests. One factory per model, Traits for states."""

from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from ambtenaren.models import AdvisorProfile, Advisorship
from ambtenaren.services import initiative_count_advisors
from basisgegevens.models import ExpertiseArea, Neighbourhood, Theme
from herinneringen.models import Reminder
from initiatieven.models import (
    Initiative,
    Invitation,
    Membership,
    Need,
    NeedKind,
    Offer,
    OfferRequest,
    Support,
    Update,
)
from initiatieven.services import initiative_note_open_expertise
from subsidies.models import (
    Application,
    CostLine,
    Goal,
    Grant,
    ProposedGoal,
    Report,
    SubsidyScheme,
)

PASSWORD = "a-long-test-password"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified address. Traits give roles (and TOTP for municipal ones)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    # Not model fields: `_create` takes them off and sets the account up with them.
    email_verified = True
    roles = ()
    with_totp = False

    class Params:
        unverified = factory.Trait(email_verified=False)
        civil_servant = factory.Trait(
            email=factory.Sequence(lambda n: f"civil{n}@gemeente.example"),
            roles=(Role.CIVIL_SERVANT,),
            with_totp=True,
        )
        coordinator = factory.Trait(
            email=factory.Sequence(lambda n: f"loket{n}@gemeente.example"),
            roles=(Role.CIVIL_SERVANT, Role.COORDINATOR),
            with_totp=True,
        )
        grant_officer = factory.Trait(
            email=factory.Sequence(lambda n: f"grants{n}@gemeente.example"),
            roles=(Role.CIVIL_SERVANT, Role.GRANT_OFFICER),
            with_totp=True,
        )
        alderman = factory.Trait(roles=(Role.ALDERMAN,), with_totp=True)
        administrator = factory.Trait(roles=(Role.ADMINISTRATOR,), with_totp=True)
        partner = factory.Trait(roles=(Role.PARTNER,))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        email_verified = kwargs.pop("email_verified")
        roles = kwargs.pop("roles")
        with_totp = kwargs.pop("with_totp")
        if Role.ADMINISTRATOR in roles:
            kwargs.update(is_staff=True, is_superuser=True)
        user = super()._create(model_class, *args, **kwargs)
        EmailAddress.objects.create(
            user=user, email=user.email, verified=email_verified, primary=True
        )
        for role in roles:
            RoleAssignment.objects.create(
                user=user, role=role, reason="Test data.", granted_at=timezone.now()
            )
        if with_totp:
            TOTP.activate(user, TOTP_SECRET)
        return user

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    name = factory.Sequence(lambda n: f"Wijk {n}")
    population = 2000
    population_year = 2020


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_nl = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class ExpertiseAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseArea

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_nl = factory.Sequence(lambda n: f"Gebied {n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    """The code an authenticator app shows now (RFC 6238, 30 s, 6 digits)."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    counter = int((at or time.time()) // 30)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def login_with_second_factor(client, user) -> None:
    """Sign a test client in as allauth would after password and TOTP."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": timezone.now().timestamp(), "email": user.email},
        {"method": "mfa", "at": timezone.now().timestamp(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A submitted initiative with one lead. Traits for the other states."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    summary = "We start a vegetable garden for the street."
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    status = Initiative.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    created_by = factory.SubFactory(UserFactory)

    class Params:
        draft = factory.Trait(status=Initiative.Status.DRAFT, submitted_at=None)
        active = factory.Trait(status=Initiative.Status.ACTIVE)
        completed = factory.Trait(status=Initiative.Status.COMPLETED)
        stopped = factory.Trait(status=Initiative.Status.STOPPED)
        hidden = factory.Trait(is_hidden=True, hidden_reason="Looks like advertising.")

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                initiative=self,
                user=extracted or self.created_by,
                role=Membership.Role.LEAD,
                is_contact=True,
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    kind = NeedKind.SPACE
    description = "A room for 20 people on Saturday morning."

    @factory.post_generation
    def matching(self, create, extracted, **kwargs):
        # What the need services write down on the initiative for matching.
        if create:
            initiative_note_open_expertise(self.initiative)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.SubFactory(UserFactory)
    body = "<p>We planted the first beans.</p>"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    partner = factory.SubFactory(UserFactory, partner=True)
    title = factory.Sequence(lambda n: f"Room {n} in the community centre")
    description = "Free on Saturday mornings."
    kind = Offer.Kind.SPACE

    class Params:
        vetted = factory.Trait(
            status=Offer.Status.VETTED, vetted_at=factory.LazyFunction(timezone.now)
        )


class OfferRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferRequest

    offer = factory.SubFactory(OfferFactory, vetted=True)
    need = factory.SubFactory(NeedFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    initiative = factory.SubFactory(InitiativeFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")


class AdvisorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, civil_servant=True)
    hours_per_month = 8

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise_areas.set(extracted)

    @factory.post_generation
    def knows(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighbourhoods.set(extracted)


class AdvisorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advisorship
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    advisor = factory.SubFactory(AdvisorProfileFactory)
    proposed_by = Advisorship.ProposedBy.ADVISOR
    hours_per_month = 2
    no_conflict_declared = True

    class Params:
        active = factory.Trait(
            status=Advisorship.Status.ACTIVE, accepted_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def matching(self, create, extracted, **kwargs):
        # What the advisorship services write down on the initiative for matching.
        if create:
            initiative_count_advisors(self.initiative)


class SubsidySchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubsidyScheme

    name = factory.Sequence(lambda n: f"Buurtbudget {n}")
    year = 2026
    budget = Decimal("10000.00")
    rules = "For initiatives that make the neighbourhood greener or closer."
    max_amount = Decimal("5000.00")
    decision_weeks = 8


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft that is ready to send: one cost line for the whole amount, one goal.
    The initiative is a foundation, so no treasurer is needed."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    initiative = factory.SubFactory(
        InitiativeFactory, organisation=Initiative.Organisation.FOUNDATION
    )
    scheme = factory.SubFactory(SubsidySchemeFactory)
    amount = Decimal("1000.00")
    own_contribution = "Ten volunteers, every Saturday."
    created_by = factory.LazyAttribute(lambda a: a.initiative.created_by)

    class Params:
        submitted = factory.Trait(
            status=Application.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if create:
            CostLine.objects.create(application=self, description="Plants", amount=self.amount)
            ProposedGoal.objects.create(application=self, description="20 neighbours join")


class GrantFactory(factory.django.DjangoModelFactory):
    """A grant with two goals, an interim report in a month and a final one in three."""

    class Meta:
        model = Grant
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    scheme = factory.SubFactory(SubsidySchemeFactory)
    amount = Decimal("1000.00")
    conditions = "Put the municipality's logo on the flyer."
    granted_by = factory.SubFactory(UserFactory, grant_officer=True)

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create:
            for i, text in enumerate(extracted or ["20 neighbours join", "A garden of 50 m2"]):
                Goal.objects.create(grant=self, description=text, position=i)
            today = timezone.localdate()
            Report.objects.create(
                grant=self, kind=Report.Kind.INTERIM, due_on=today + timedelta(days=30)
            )
            Report.objects.create(
                grant=self, kind=Report.Kind.FINAL, due_on=today + timedelta(days=90)
            )


class ReminderFactory(factory.django.DjangoModelFactory):
    """A message due now for a person (kind: the municipality answered)."""

    class Meta:
        model = Reminder

    kind = "municipality_answered"
    recipient = factory.SubFactory(UserFactory)
    params = factory.LazyFunction(lambda: {"initiative": "Moestuin", "text": "Welkom!"})
    url = "/initiatieven/"
    dedup_key = factory.Sequence(lambda n: f"test:{n}")
