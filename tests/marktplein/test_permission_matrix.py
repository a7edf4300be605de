"""Every URL of the project, for every role and for an anonymous visitor.

A URL pattern without an entry here fails the test, so no page can be
forgotten. Statuses: 200 page, 302 redirect (`LOGIN` means: to sign in),
403 no access, 404 not found (or not yours), 405 wrong method.
"""

import re

import pytest
from django.contrib import admin
from django.test import Client

from accounts.models import Role
from dashboard.models import BudgetLine
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    ExpertiseAreaFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    NeedFactory,
    NeighbourhoodFactory,
    OfferFactory,
    OfferRequestFactory,
    ThemeFactory,
    UpdateFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.marktplein.urlmatrix import all_routes

ROLES = [
    "anonymous",
    "resident",
    "lead",
    # A plain member (not a lead) of the example initiatives.
    "member",
    "partner",
    "civil_servant",
    "coordinator",
    "grant_officer",
    "alderman",
    "administrator",
]
MUNICIPAL = ["civil_servant", "coordinator", "grant_officer", "alderman", "administrator"]
LOGIN = "LOGIN"


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, **overrides):
    """Anonymous visitors are sent to sign in; every signed-in role gets `status`."""
    return {**everyone(status), "anonymous": LOGIN, **overrides}


def signed_out_only(status_for_anonymous=200):
    """Pages for people who are not signed in; signed-in people are sent on."""
    return {**everyone(302), "anonymous": status_for_anonymous}


def municipal(status=200):
    return {**signed_in(403), **dict.fromkeys(MUNICIPAL, status)}


def administrator_only(status=200, others=403):
    return {**signed_in(others), "administrator": status}


def lead_only(status=200, others=403):
    """For the leads of the example initiatives; a plain member is refused too."""
    return {**signed_in(others), "lead": status}


def members_only(status=200, others=403):
    """For every member of the example initiatives, lead or not."""
    return {**signed_in(others), "lead": status, "member": status}


def coordinator_only(status=200):
    return {**signed_in(403), "coordinator": status}


def grant_officer_only(status=200):
    return {**signed_in(403), "grant_officer": status}


def partner_only(status=200):
    return {**signed_in(403), "partner": status}


CIVIL_SERVANTS = ["civil_servant", "coordinator", "grant_officer"]


def civil_servant_only(status=200, without_profile=302):
    """Civil servants; only "civil_servant" here has an advisor profile, the other
    civil servants are sent to make one."""
    return {
        **signed_in(403),
        **dict.fromkeys(CIVIL_SERVANTS, without_profile),
        "civil_servant": status,
    }


DASHBOARD = municipal()
# The roles that see the dashboard get a 404 for a figure that does not exist.
NOT_FOUND = dict.fromkeys(["coordinator", "grant_officer", "alderman", "administrator"], 404)

# A draft is a 404 for everyone but its members: it does not exist for them.
DRAFT = members_only(others=404)
# ...and of its members, only a lead may do what a lead does.
DRAFT_LEAD = {**DRAFT, "member": 403}


# route -> (example path with {person} for another user's pk, expected status per role)
MATRIX = {
    "": ("/", everyone(200)),
    "privacy/": ("/privacy/", everyone(200)),
    "toegankelijkheid/": ("/toegankelijkheid/", everyone(200)),
    "health/": ("/health/", everyone(200)),
    # GET without a form sends people back where they came from.
    "i18n/setlang/": ("/i18n/setlang/", everyone(302)),
    "accounts/login/": ("/accounts/login/", signed_out_only()),
    "accounts/logout/": ("/accounts/logout/", {**signed_in(200), "anonymous": 302}),
    "accounts/inactive/": ("/accounts/inactive/", everyone(200)),
    "accounts/signup/": ("/accounts/signup/", signed_out_only()),
    "accounts/reauthenticate/": ("/accounts/reauthenticate/", signed_in(200)),
    # Confirming who you are with a code mailed to you (allauth 65.22) is switched off.
    "accounts/reauthenticate/code/": ("/accounts/reauthenticate/code/", signed_in(403)),
    "accounts/reauthenticate/code/confirm/": (
        "/accounts/reauthenticate/code/confirm/",
        signed_in(403),
    ),
    "accounts/email/": ("/accounts/email/", signed_in(200)),
    "accounts/confirm-email/": ("/accounts/confirm-email/", everyone(200)),
    "accounts/password/change/": ("/accounts/password/change/", signed_in(200)),
    # Everyone here has a password: setting one sends you to changing it.
    "accounts/password/set/": ("/accounts/password/set/", signed_in(302)),
    "accounts/password/reset/": ("/accounts/password/reset/", everyone(200)),
    # No login code is pending: back to the start.
    "accounts/login/code/confirm/": ("/accounts/login/code/confirm/", signed_in(302)),
    # An unknown key shows "this link is not valid", to anyone.
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": (
        "/accounts/confirm-email/not-a-key/",
        everyone(200),
    ),
    "accounts/password/reset/key/done/": ("/accounts/password/reset/key/done/", everyone(200)),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "/accounts/password/reset/key/zz-not-a-key/",
        everyone(200),
    ),
    "accounts/password/reset/done/": ("/accounts/password/reset/done/", everyone(200)),
    "accounts/2fa/": ("/accounts/2fa/", signed_in(200)),
    # No sign-in is waiting for a second factor: back to the start.
    "accounts/2fa/authenticate/": ("/accounts/2fa/authenticate/", signed_in(302)),
    # Only people with a second factor can use it again; others go set one up.
    "accounts/2fa/reauthenticate/": (
        "/accounts/2fa/reauthenticate/",
        {**signed_in(302), **dict.fromkeys(MUNICIPAL, 200)},
    ),
    # Those with TOTP already are sent to the overview; residents first re-enter their password.
    "accounts/2fa/totp/activate/": ("/accounts/2fa/totp/activate/", signed_in(302)),
    "accounts/2fa/totp/deactivate/": (
        "/accounts/2fa/totp/deactivate/",
        {**signed_in(404), **dict.fromkeys(MUNICIPAL, 302)},
    ),
    "accounts/2fa/recovery-codes/": ("/accounts/2fa/recovery-codes/", signed_in(404)),
    "accounts/2fa/recovery-codes/generate/": (
        "/accounts/2fa/recovery-codes/generate/",
        signed_in(302),
    ),
    "accounts/2fa/recovery-codes/download/": (
        "/accounts/2fa/recovery-codes/download/",
        signed_in(404),
    ),
    "werkplek/": ("/werkplek/", municipal()),
    # Those who have a second factor are sent to its overview.
    "tweede-factor/": ("/tweede-factor/", {**signed_in(200), **dict.fromkeys(MUNICIPAL, 302)}),
    "tweede-factor/instellen/<str:token>/": (
        "/tweede-factor/instellen/not-a-token/",
        signed_in(400),
    ),
    "mijn-gegevens/": ("/mijn-gegevens/", signed_in(200)),
    "mijn-gegevens/download/": ("/mijn-gegevens/download/", signed_in(200)),
    "mijn-gegevens/verwijderen/": ("/mijn-gegevens/verwijderen/", signed_in(200)),
    "mijn-gegevens/bekijken/": ("/mijn-gegevens/bekijken/", signed_in(200)),
    "mijn-gegevens/contact/": ("/mijn-gegevens/contact/", signed_in(200)),
    "beheer/gebruikers/": ("/beheer/gebruikers/", administrator_only()),
    "beheer/gebruikers/<int:pk>/": ("/beheer/gebruikers/{person}/", administrator_only()),
    "beheer/gebruikers/<int:pk>/rol-toekennen/": (
        "/beheer/gebruikers/{person}/rol-toekennen/",
        signed_in(405),
    ),
    "beheer/gebruikers/<int:pk>/rol-intrekken/": (
        "/beheer/gebruikers/{person}/rol-intrekken/",
        signed_in(405),
    ),
    "beheer/gebruikers/<int:pk>/account-sluiten/": (
        "/beheer/gebruikers/{person}/account-sluiten/",
        signed_in(405),
    ),
    "beheer/logboek/": ("/beheer/logboek/", administrator_only()),
    # Initiatives: {public}, {draft} and {hidden} are led by "lead".
    "initiatieven/": ("/initiatieven/", everyone(200)),
    "initiatieven/mijn/": ("/initiatieven/mijn/", signed_in(200)),
    "initiatieven/nieuw/": ("/initiatieven/nieuw/", signed_in(200)),
    "initiatieven/<int:pk>/": [
        ("/initiatieven/{public}/", everyone(200)),
        ("/initiatieven/{draft}/", {**DRAFT, "anonymous": 404}),
        (
            "/initiatieven/{hidden}/",
            # The moderators see it to show it again.
            {
                **members_only(others=404),
                "anonymous": 404,
                "coordinator": 200,
                "administrator": 200,
            },
        ),
    ],
    "initiatieven/<int:pk>/bewerken/": [
        ("/initiatieven/{public}/bewerken/", members_only()),
        ("/initiatieven/{draft}/bewerken/", DRAFT),
    ],
    "initiatieven/<int:pk>/behoeften/": [
        ("/initiatieven/{public}/behoeften/", members_only()),
        ("/initiatieven/{draft}/behoeften/", DRAFT),
    ],
    "initiatieven/<int:pk>/behoeften/<int:need_pk>/": [
        ("/initiatieven/{public}/behoeften/{need}/", members_only()),
    ],
    "initiatieven/<int:pk>/behoeften/<int:need_pk>/aanbod/": [
        ("/initiatieven/{public}/behoeften/{need}/aanbod/", lead_only()),
    ],
    "initiatieven/<int:pk>/indienen/": [
        ("/initiatieven/{draft}/indienen/", DRAFT_LEAD),
        # Already submitted: nothing to submit, for anyone.
        ("/initiatieven/{public}/indienen/", signed_in(403)),
    ],
    "initiatieven/<int:pk>/fase/": ("/initiatieven/{public}/fase/", signed_in(405)),
    "initiatieven/<int:pk>/afsluiten/": [
        ("/initiatieven/{public}/afsluiten/", lead_only()),
        ("/initiatieven/{draft}/afsluiten/", DRAFT_LEAD),
    ],
    "initiatieven/<int:pk>/leden/": [
        ("/initiatieven/{public}/leden/", members_only()),
        ("/initiatieven/{draft}/leden/", DRAFT),
    ],
    "initiatieven/<int:pk>/leden/<int:membership_pk>/rol/": (
        "/initiatieven/{public}/leden/{membership}/rol/",
        signed_in(405),
    ),
    "initiatieven/<int:pk>/leden/<int:membership_pk>/contactpersoon/": (
        "/initiatieven/{public}/leden/{membership}/contactpersoon/",
        signed_in(405),
    ),
    "initiatieven/<int:pk>/leden/<int:membership_pk>/penvoerder/": (
        "/initiatieven/{public}/leden/{membership}/penvoerder/",
        signed_in(405),
    ),
    "initiatieven/<int:pk>/nieuws/": [
        ("/initiatieven/{public}/nieuws/", members_only()),
        ("/initiatieven/{draft}/nieuws/", DRAFT),
    ],
    "initiatieven/<int:pk>/nieuws/<int:update_pk>/bewerken/": [
        ("/initiatieven/{public}/nieuws/{update}/bewerken/", members_only()),
        ("/initiatieven/{draft}/nieuws/{draft_update}/bewerken/", DRAFT),
    ],
    # After the page above: a member's POST deletes the example news.
    "initiatieven/<int:pk>/nieuws/<int:update_pk>/verwijderen/": [
        ("/initiatieven/{public}/nieuws/{update}/verwijderen/", signed_in(405)),
        ("/initiatieven/{draft}/nieuws/{draft_update}/verwijderen/", signed_in(405)),
    ],
    "initiatieven/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/": (
        "/initiatieven/{public}/uitnodigingen/{invitation}/intrekken/",
        signed_in(405),
    ),
    "initiatieven/<int:pk>/steunen/": ("/initiatieven/{public}/steunen/", signed_in(405)),
    "initiatieven/<int:pk>/moderatie/": [
        # Coordinators moderate; an administrator can do what they do.
        ("/initiatieven/{public}/moderatie/", {**coordinator_only(), "administrator": 200}),
        ("/initiatieven/{hidden}/moderatie/", {**coordinator_only(), "administrator": 200}),
    ],
    "uitnodiging/<str:token>/": [
        # Sent to guest@example.org: to everyone else it says only "another address";
        # someone not signed in is asked to sign in or sign up, and comes back.
        ("/uitnodiging/{token}/", {**signed_in(400), "anonymous": 200}),
        ("/uitnodiging/not-a-token/", everyone(400)),
    ],
    "foto/<int:pk>/": [
        ("/foto/{photo}/", everyone(200)),
        ("/foto/{draft_photo}/", {**DRAFT, "anonymous": 404}),
    ],
    "aanbod/": ("/aanbod/", everyone(200)),
    "aanbod/nieuw/": ("/aanbod/nieuw/", partner_only()),
    "aanbod/mijn/": ("/aanbod/mijn/", partner_only()),
    "aanbod/controleren/": ("/aanbod/controleren/", coordinator_only()),
    "aanbod/<int:pk>/": [
        ("/aanbod/{offer}/", everyone(200)),
        # Waiting for a check: only its partner and the coordinators see it.
        ("/aanbod/{pending_offer}/", {**everyone(404), "partner": 200, "coordinator": 200}),
    ],
    "aanbod/<int:pk>/controleren/": ("/aanbod/{pending_offer}/controleren/", coordinator_only()),
    # Civil servants lend their expertise. {advisorship}: "civil_servant" advises {public}.
    "werkplek/profiel/": ("/werkplek/profiel/", civil_servant_only(without_profile=200)),
    "werkplek/mijn-advies/": ("/werkplek/mijn-advies/", civil_servant_only()),
    "werkplek/suggesties/": ("/werkplek/suggesties/", civil_servant_only()),
    "werkplek/adviseren/<int:pk>/": [
        ("/werkplek/adviseren/{public}/", civil_servant_only()),
        ("/werkplek/adviseren/{draft}/", civil_servant_only(404, without_profile=404)),
    ],
    "werkplek/loket/": ("/werkplek/loket/", coordinator_only()),
    "werkplek/loket/<int:pk>/": ("/werkplek/loket/{public}/", coordinator_only()),
    "werkplek/loket/<int:pk>/voorstellen/": (
        "/werkplek/loket/{public}/voorstellen/",
        signed_in(405),
    ),
    # Conversations: private to the people in them. With the municipality: the members,
    # the active advisor ("civil_servant" advises {public}) and the coordinators; anyone
    # else who sees the initiative is refused, anyone who does not finds nothing.
    "initiatieven/<int:pk>/gesprek/": [
        (
            "/initiatieven/{public}/gesprek/",
            {**members_only(), "civil_servant": 200, "coordinator": 200},
        ),
        ("/initiatieven/{draft}/gesprek/", {**signed_in(404), "lead": 403, "member": 403}),
        (
            "/initiatieven/{hidden}/gesprek/",
            {**members_only(others=404), "coordinator": 200, "administrator": 403},
        ),
    ],
    # With a partner: the partner and the initiative's members; nobody else knows it.
    "aanbod/verzoeken/<int:pk>/gesprek/": (
        "/aanbod/verzoeken/{offer_request}/gesprek/",
        {**members_only(others=404), "partner": 200},
    ),
    "gesprekken/": ("/gesprekken/", signed_in(200)),
    "initiatieven/<int:pk>/adviseurs/": [
        ("/initiatieven/{public}/adviseurs/", lead_only()),
        ("/initiatieven/{draft}/adviseurs/", DRAFT_LEAD),
    ],
    # The advisor, the initiative's members and coordinators; nobody else knows it exists.
    "advies/<int:pk>/": (
        "/advies/{advisorship}/",
        {
            **signed_in(404),
            "civil_servant": 200,
            "lead": 200,
            "member": 200,
            "coordinator": 200,
        },
    ),
    "advies/<int:pk>/accepteren/": ("/advies/{advisorship}/accepteren/", signed_in(405)),
    "advies/<int:pk>/beeindigen/": ("/advies/{advisorship}/beeindigen/", signed_in(405)),
    "advies/<int:pk>/contact/": (
        "/advies/{advisorship}/contact/",
        {**signed_in(403), "civil_servant": 200, "grant_officer": 404},
    ),
    # Subsidies. {application} and {draft_application} are of {public}; {grant} too, with
    # the draft {report}; {review} invites "lead" to talk; {submitted_report} waits.
    "subsidies/": ("/subsidies/", everyone(200)),
    "subsidies/register.csv": ("/subsidies/register.csv", everyone(200)),
    "subsidies/regelingen/": ("/subsidies/regelingen/", everyone(200)),
    "werkplek/subsidies/": ("/werkplek/subsidies/", grant_officer_only()),
    "werkplek/subsidies/regelingen/nieuw/": (
        "/werkplek/subsidies/regelingen/nieuw/",
        grant_officer_only(),
    ),
    "werkplek/subsidies/regelingen/<int:pk>/": (
        "/werkplek/subsidies/regelingen/{scheme}/",
        grant_officer_only(),
    ),
    "werkplek/subsidies/aanvragen/": ("/werkplek/subsidies/aanvragen/", grant_officer_only()),
    "werkplek/subsidies/verantwoordingen/": (
        "/werkplek/subsidies/verantwoordingen/",
        grant_officer_only(),
    ),
    "initiatieven/<int:pk>/subsidie-aanvragen/": [
        ("/initiatieven/{public}/subsidie-aanvragen/", lead_only()),
        ("/initiatieven/{draft}/subsidie-aanvragen/", {**DRAFT, "lead": 403, "member": 403}),
    ],
    # The group's own applications and grants: its members and grant officers.
    "initiatieven/<int:pk>/subsidies/": [
        ("/initiatieven/{public}/subsidies/", {**members_only(), "grant_officer": 200}),
        ("/initiatieven/{draft}/subsidies/", members_only(others=404)),
    ],
    "initiatieven/<int:pk>/subsidie-vastleggen/": [
        ("/initiatieven/{public}/subsidie-vastleggen/", grant_officer_only()),
        ("/initiatieven/{draft}/subsidie-vastleggen/", grant_officer_only(404)),
    ],
    "aanvragen/<int:pk>/": [
        ("/aanvragen/{draft_application}/", members_only(others=404)),
        ("/aanvragen/{application}/", {**members_only(others=404), "grant_officer": 200}),
    ],
    "aanvragen/<int:pk>/bewerken/": [
        ("/aanvragen/{draft_application}/bewerken/", {**members_only(others=404), "member": 403}),
        (
            "/aanvragen/{application}/bewerken/",
            {**members_only(403, others=404), "grant_officer": 403},
        ),
    ],
    "aanvragen/<int:pk>/indienen/": (
        "/aanvragen/{draft_application}/indienen/",
        signed_in(405),
    ),
    "aanvragen/<int:pk>/besluiten/": ("/aanvragen/{application}/besluiten/", grant_officer_only()),
    "toekenningen/<int:pk>/": (
        "/toekenningen/{grant}/",
        {**members_only(others=404), "grant_officer": 200},
    ),
    "toekenningen/<int:pk>/vaststellen/": ("/toekenningen/{grant}/vaststellen/", signed_in(405)),
    "toekenningen/<int:pk>/terugvordering/": (
        "/toekenningen/{reclaim_grant}/terugvordering/",
        signed_in(405),
    ),
    "verantwoordingen/<int:pk>/": [
        ("/verantwoordingen/{report}/", {**members_only(others=404), "grant_officer": 200}),
    ],
    "verantwoordingen/<int:pk>/schrijven/": [
        (
            "/verantwoordingen/{report}/schrijven/",
            {**lead_only(others=404), "member": 403, "grant_officer": 403},
        ),
        # Sent already: nobody writes in it any more.
        (
            "/verantwoordingen/{submitted_report}/schrijven/",
            {**members_only(403, others=404), "grant_officer": 403},
        ),
    ],
    "verantwoordingen/<int:pk>/bijlagen/": (
        "/verantwoordingen/{report}/bijlagen/",
        {**lead_only(others=404), "member": 403, "grant_officer": 403},
    ),
    "verantwoordingen/<int:pk>/beoordelen/": [
        ("/verantwoordingen/{submitted_report}/beoordelen/", grant_officer_only()),
        # A draft is not ready for a review.
        ("/verantwoordingen/{report}/beoordelen/", grant_officer_only(403)),
    ],
    "beoordelingen/<int:pk>/antwoorden/": ("/beoordelingen/{review}/antwoorden/", signed_in(405)),
    # Attachments are downloads for the group and grant officers only.
    "bijlagen/<int:pk>/": (
        "/bijlagen/{attachment}/",
        {**members_only(others=404), "grant_officer": 200},
    ),
    # Notifications: each person their own. {notification} is "lead"'s; the unsubscribe
    # link is signed for "lead" and works without signing in.
    "meldingen/": ("/meldingen/", signed_in(200)),
    "meldingen/<int:pk>/gelezen/": ("/meldingen/{notification}/gelezen/", signed_in(405)),
    "meldingen/alles-gelezen/": ("/meldingen/alles-gelezen/", signed_in(405)),
    "meldingen/instellingen/": ("/meldingen/instellingen/", signed_in(200)),
    "afmelden/<str:token>/": [
        ("/afmelden/{unsubscribe}/", everyone(200)),
        ("/afmelden/not-a-token/", everyone(400)),
    ],
    "beheer/herinneringen/": ("/beheer/herinneringen/", administrator_only()),
    "beheer/herinneringen/<int:pk>/opnieuw/": (
        "/beheer/herinneringen/{failed_reminder}/opnieuw/",
        signed_in(405),
    ),
    # The dashboard: the alderman, coordinators, grant officers and administrators.
    "dashboard/": ("/dashboard/", {**DASHBOARD, "civil_servant": 403}),
    "dashboard/<slug:key>.csv": [
        ("/dashboard/response-time.csv", {**DASHBOARD, "civil_servant": 403}),
        ("/dashboard/no-such-figure.csv", {**DASHBOARD, "civil_servant": 403, **NOT_FOUND}),
    ],
    "cijfers/": ("/cijfers/", everyone(200)),
    "cijfers/<slug:key>.csv": [
        ("/cijfers/response-time.csv", everyone(200)),
        ("/cijfers/no-such-figure.csv", everyone(404)),
    ],
    # The open data API: public, read-only, the same for everyone (drafts too are 404).
    "api/v1/": ("/api/v1/", everyone(200)),
    "api/v1/figures/": ("/api/v1/figures/", everyone(200)),
    "api/v1/figures/<slug:key>/": [
        ("/api/v1/figures/response-time/", everyone(200)),
        ("/api/v1/figures/no-such-figure/", everyone(404)),
    ],
    "api/v1/initiatives/": ("/api/v1/initiatives/", everyone(200)),
    "api/v1/initiatives/<int:pk>/": [
        ("/api/v1/initiatives/{public}/", everyone(200)),
        ("/api/v1/initiatives/{draft}/", everyone(404)),
    ],
    "api/v1/register/": ("/api/v1/register/", everyone(200)),
    "api/v1/schema/": ("/api/v1/schema/", everyone(200)),
    "beheer/begroting/": ("/beheer/begroting/", administrator_only()),
    "beheer/begroting/<int:pk>/": ("/beheer/begroting/{budget_line}/", administrator_only()),
    # After the page above: an administrator's POST deletes the example line.
    "beheer/begroting/<int:pk>/verwijderen/": (
        "/beheer/begroting/{budget_line}/verwijderen/",
        signed_in(405),
    ),
    # Near the end: a lead's POST withdraws the draft application and removes the attachment.
    "aanvragen/<int:pk>/intrekken/": (
        "/aanvragen/{draft_application}/intrekken/",
        signed_in(405),
    ),
    "bijlagen/<int:pk>/verwijderen/": ("/bijlagen/{attachment}/verwijderen/", signed_in(405)),
    # Last: a lead's POST here changes who leads, or removes the example member.
    "initiatieven/<int:pk>/leden/<int:membership_pk>/verwijderen/": (
        "/initiatieven/{public}/leden/{membership}/verwijderen/",
        signed_in(405),
    ),
    "initiatieven/<int:pk>/leden/<int:membership_pk>/trekker-worden/": (
        "/initiatieven/{public}/leden/{other_membership}/trekker-worden/",
        signed_in(405),
    ),
}

# What an empty POST gets, where it differs from a GET. Every principal that a GET
# refuses is refused the same way by a POST (these dicts are checked against that
# below); what differs is what the allowed principals get (a form error, a redirect
# after the change) and the methods a page does not take.
POST_DIFFERENT = {
    # Signing out works for anyone; a visitor is simply sent on.
    "/accounts/logout/": everyone(302),
    "/accounts/inactive/": everyone(405),
    "/accounts/confirm-email/": everyone(405),
    "/accounts/confirm-email/not-a-key/": everyone(404),
    "/accounts/password/reset/key/done/": everyone(405),
    "/accounts/password/reset/done/": everyone(405),
    "/accounts/2fa/": signed_in(405),
    "/accounts/2fa/recovery-codes/": signed_in(405),
    # allauth's address page answers a POST without an action by showing the page again.
    "/accounts/email/": signed_in(302),
    "/beheer/gebruikers/{person}/rol-toekennen/": administrator_only(400),
    "/beheer/gebruikers/{person}/rol-intrekken/": administrator_only(400),
    "/beheer/gebruikers/{person}/account-sluiten/": administrator_only(400),
    # The example draft has no need yet: submitting it is refused with a message.
    "/initiatieven/{draft}/indienen/": {**DRAFT_LEAD, "lead": 400},
    "/initiatieven/{public}/fase/": members_only(302),
    # Members see the members page; only a lead invites.
    "/initiatieven/{public}/leden/": {**members_only(), "member": 403},
    "/initiatieven/{draft}/leden/": {**DRAFT, "member": 403},
    # Only a lead changes another member; a role that does not exist is not found.
    "/initiatieven/{public}/leden/{membership}/rol/": signed_in(404),
    "/initiatieven/{public}/leden/{membership}/contactpersoon/": lead_only(302),
    "/initiatieven/{public}/leden/{membership}/penvoerder/": lead_only(302),
    "/initiatieven/{public}/leden/{other_membership}/trekker-worden/": lead_only(302),
    "/initiatieven/{public}/leden/{membership}/verwijderen/": lead_only(302),
    "/initiatieven/{public}/uitnodigingen/{invitation}/intrekken/": lead_only(302),
    "/initiatieven/{public}/steunen/": signed_in(302),
    # The list of conversations only reads (an empty message shows the page again).
    "/gesprekken/": signed_in(405),
    # No advisor chosen: back to the page with a message.
    "/werkplek/loket/{public}/voorstellen/": coordinator_only(302),
    "/initiatieven/{public}/adviseurs/": lead_only(400),
    "/initiatieven/{draft}/adviseurs/": {**DRAFT_LEAD, "lead": 400},
    # Only "lead" reads their notification; for anyone else it does not exist.
    "/meldingen/{notification}/gelezen/": lead_only(302, others=404),
    "/meldingen/alles-gelezen/": signed_in(302),
    "/beheer/herinneringen/{failed_reminder}/opnieuw/": administrator_only(302),
    # Subsidies: an empty form is refused at the form (400) or with a message (302);
    # a page that takes a form shows it again, empty, for an empty POST (200).
    "/initiatieven/{public}/subsidie-aanvragen/": lead_only(400),
    "/initiatieven/{public}/subsidie-vastleggen/": grant_officer_only(400),
    "/aanvragen/{draft_application}/bewerken/": {
        **members_only(others=404),
        "member": 403,
        "lead": 400,
    },
    # The informal group has no treasurer yet: back to the draft with the reason.
    "/aanvragen/{draft_application}/indienen/": {
        **members_only(others=404),
        "member": 403,
        "lead": 302,
    },
    "/aanvragen/{application}/besluiten/": grant_officer_only(400),
    "/toekenningen/{grant}/vaststellen/": grant_officer_only(302),
    # Proposed by another grant officer: "grant_officer" decides, and is asked to choose.
    "/toekenningen/{reclaim_grant}/terugvordering/": grant_officer_only(302),
    "/beoordelingen/{review}/antwoorden/": {
        **lead_only(302, others=404),
        "member": 403,
        "grant_officer": 403,
    },
    "/aanvragen/{draft_application}/intrekken/": {
        **members_only(others=404),
        "member": 403,
        "lead": 302,
    },
    "/beheer/begroting/{budget_line}/verwijderen/": administrator_only(302),
    "/uitnodiging/{token}/": {**signed_in(400), "anonymous": LOGIN},
    "/initiatieven/{public}/nieuws/{update}/verwijderen/": members_only(302),
    "/initiatieven/{draft}/nieuws/{draft_update}/verwijderen/": members_only(302, others=404),
    # The API only reads.
    **dict.fromkeys(
        [
            "/api/v1/",
            "/api/v1/figures/",
            "/api/v1/figures/response-time/",
            "/api/v1/initiatives/",
            "/api/v1/initiatives/{public}/",
            "/api/v1/initiatives/{draft}/",
            "/api/v1/figures/no-such-figure/",
            "/api/v1/register/",
            "/api/v1/schema/",
        ],
        everyone(405),
    ),
    "/bijlagen/{attachment}/verwijderen/": {
        **lead_only(302, others=404),
        "member": 403,
        "grant_officer": 403,
    },
    # Those who see the advisorship are sent back to it with "something was missing".
    "/advies/{advisorship}/accepteren/": {
        **signed_in(404),
        "civil_servant": 302,
        "lead": 302,
        "member": 302,
        "coordinator": 302,
    },
    "/advies/{advisorship}/beeindigen/": {
        **signed_in(404),
        "civil_servant": 302,
        "lead": 302,
        "member": 302,
        "coordinator": 302,
    },
}

# A principal refused on GET; and what counts as refused on POST (405: not taken).
REFUSED = {403, 404, LOGIN}
REFUSED_POST = {*REFUSED, 405}

# The Django admin: only administrators get in; everyone else is sent to sign in.
ADMIN_NOT_ADMINISTRATOR = everyone(302)
ADMIN_FIXED = {
    "admin/": ("/admin/", 200),
    "admin/logout/": ("/admin/logout/", 405),
    "admin/password_change/": ("/admin/password_change/", 200),
    "admin/password_change/done/": ("/admin/password_change/done/", 200),
    "admin/autocomplete/": ("/admin/autocomplete/", 403),
    "admin/jsi18n/": ("/admin/jsi18n/", 200),
    # No model here has a page on the site.
    "admin/r/<path:content_type_id>/<path:object_id>/": ("/admin/r/1/1/", 404),
    "admin/(?P<url>.*)$": ("/admin/does-not-exist/", 404),
}
# Pages the admin refuses on purpose: the audit log and new accounts are not made there.
ADMIN_REFUSED = {
    ("audit", "auditevent", "add"),
    ("audit", "auditevent", "delete"),
    ("accounts", "user", "add"),
    # Accounts close through account_close; credentials are shown, never changed.
    ("accounts", "user", "delete"),
    ("mfa", "authenticator", "add"),
    ("mfa", "authenticator", "delete"),
    ("account", "emailaddress", "add"),
    ("account", "emailaddress", "delete"),
    # Initiatives and offers change through their own pages and services.
    ("initiatieven", "initiative", "add"),
    ("initiatieven", "initiative", "delete"),
    ("initiatieven", "offer", "add"),
    ("initiatieven", "offer", "delete"),
}


def _admin_entries(objects: dict) -> dict:
    entries = {
        route: (path, {**ADMIN_NOT_ADMINISTRATOR, "administrator": status})
        for route, (path, status) in ADMIN_FIXED.items()
    }
    # allauth's admin login: signed-in people who are not administrators are refused.
    entries["admin/login/"] = (
        "/admin/login/",
        {**everyone(403), "anonymous": 302, "administrator": 302},
    )
    app_labels = list(dict.fromkeys(model._meta.app_label for model in admin.site._registry))
    entries[f"admin/^(?P<app_label>{'|'.join(app_labels)})/$"] = (
        "/admin/accounts/",
        {**ADMIN_NOT_ADMINISTRATOR, "administrator": 200},
    )
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        base = f"admin/{app}/{name}/"
        pk = objects[model].pk
        for suffix, example, action in [
            ("", "", "changelist"),
            ("add/", "add/", "add"),
            ("<path:object_id>/history/", f"{pk}/history/", "history"),
            ("<path:object_id>/delete/", f"{pk}/delete/", "delete"),
            ("<path:object_id>/change/", f"{pk}/change/", "change"),
            # The bare object URL redirects to its change page.
            ("<path:object_id>/", f"{pk}/", "redirect"),
        ]:
            if action == "redirect":
                status = 302
            elif (app, name, action) in ADMIN_REFUSED:
                status = 403
            else:
                status = 200
            entries[base + suffix] = (
                f"/{base}{example}",
                {**ADMIN_NOT_ADMINISTRATOR, "administrator": status},
            )
    return entries


@pytest.fixture
def people(db):
    users = {
        "resident": UserFactory(),
        "lead": UserFactory(),
        "member": UserFactory(),
        "partner": UserFactory(partner=True),
        "civil_servant": UserFactory(civil_servant=True),
        "coordinator": UserFactory(coordinator=True),
        "grant_officer": UserFactory(grant_officer=True),
        "alderman": UserFactory(alderman=True),
        "administrator": UserFactory(administrator=True),
    }
    return users


@pytest.fixture
def examples(people):
    """The objects the example paths point at."""
    from initiatieven.services import invitation_token

    lead = people["lead"]
    public = InitiativeFactory(created_by=lead)
    draft = InitiativeFactory(created_by=lead, draft=True)
    hidden = InitiativeFactory(created_by=lead, hidden=True)
    for initiative in (public, draft, hidden):
        MembershipFactory(initiative=initiative, user=people["member"])
    photo = _photo(public, lead)
    invitation = InvitationFactory(initiative=public, email="guest@example.org")
    profile = AdvisorProfileFactory(user=people["civil_servant"])
    advisorship = AdvisorshipFactory(initiative=public, advisor=profile, active=True)
    return {
        "public": public.pk,
        "draft": draft.pk,
        "hidden": hidden.pk,
        "need": NeedFactory(initiative=public).pk,
        "membership": MembershipFactory(initiative=public).pk,
        "other_membership": MembershipFactory(initiative=public).pk,
        "photo": photo.pk,
        "draft_photo": _photo(draft, lead).pk,
        "update": UpdateFactory(initiative=public, author=lead).pk,
        "draft_update": UpdateFactory(initiative=draft, author=lead).pk,
        "token": invitation_token(invitation),
        "invitation": invitation.pk,
        "offer": OfferFactory(vetted=True).pk,
        "pending_offer": OfferFactory(partner=people["partner"]).pk,
        "offer_request": OfferRequestFactory(
            offer=OfferFactory(partner=people["partner"], vetted=True),
            need=NeedFactory(initiative=public),
        ).pk,
        "advisorship": advisorship.pk,
        **_subsidy_examples(people, public),
        **_reminder_examples(people),
    }


def _reminder_examples(people):
    from herinneringen.models import Notification, Reminder
    from herinneringen.render import unsubscribe_token

    failed = Reminder.objects.create(
        kind="municipality_answered",
        recipient=people["resident"],
        dedup_key="matrix:failed",
        status=Reminder.Status.FAILED,
        attempts=5,
    )
    notification = Notification.objects.create(
        recipient=people["lead"], kind="municipality_answered", title="Hello", url="/"
    )
    return {
        "notification": notification.pk,
        "failed_reminder": failed.pk,
        "unsubscribe": unsubscribe_token(people["lead"].pk, "advisor_offered"),
    }


def _subsidy_examples(people, public):
    from decimal import Decimal

    from subsidies import services
    from tests.factories import ApplicationFactory, GrantFactory, SubsidySchemeFactory
    from tests.subsidies.files import pdf

    lead, officer = people["lead"], people["grant_officer"]
    scheme = SubsidySchemeFactory()
    grant = GrantFactory(initiative=public, scheme=scheme)
    report = grant.reports.get(kind="interim")
    attachment = services.attachment_add(report=report, actor=lead, upload=pdf())
    talk = GrantFactory(initiative=public, scheme=scheme)
    outcomes = {goal.pk: services.OutcomeData("achieved", "Done.") for goal in talk.goals.all()}
    for kind in ("interim", "final"):
        written = services.report_save(
            report=talk.reports.get(kind=kind),
            actor=lead,
            outcomes=outcomes,
            money_spent=Decimal("900") if kind == "final" else None,
        )
        services.report_submit(report=written, actor=lead)
    review = services.report_review(
        report=talk.reports.get(kind="interim"),
        review=services.ReviewData(
            outcome="conversation",
            message="Let's talk.",
            conversation_on=talk.reports.first().due_on,
        ),
        actor=UserFactory(grant_officer=True),
    )
    reclaim = GrantFactory(
        initiative=public,
        scheme=scheme,
        reclaim_proposed_amount=Decimal("10"),
        reclaim_reason="Receipts missing.",
        reclaim_proposed_by=UserFactory(grant_officer=True),
    )
    assert officer.pk != reclaim.reclaim_proposed_by_id
    return {
        "budget_line": BudgetLine.objects.create(
            year=2026, name="Youth care", kind="statutory", amount=Decimal("1000")
        ).pk,
        "scheme": scheme.pk,
        "draft_application": ApplicationFactory(initiative=public, scheme=scheme).pk,
        "application": ApplicationFactory(initiative=public, scheme=scheme, submitted=True).pk,
        "grant": grant.pk,
        "report": report.pk,
        "attachment": attachment.pk,
        "submitted_report": talk.reports.get(kind="final").pk,
        "review": review.pk,
        "reclaim_grant": reclaim.pk,
    }


def _photo(initiative, author):
    from initiatieven.services import update_post
    from tests.initiatieven.images import png

    update = update_post(
        initiative=initiative, author=author, body="News.", photos=[(png(), "A plan")]
    )
    return update.photos.get()


@pytest.fixture
def admin_objects(people, examples):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from audit.services import audit_record
    from basisgegevens.models import ClosedDay
    from initiatieven.models import Initiative, Offer

    event = audit_record(subject=people["resident"], action="role.granted", actor=None, reason="x")
    return {
        type(obj): obj
        for obj in [
            people["resident"],
            EmailAddress.objects.filter(user=people["resident"]).first(),
            Authenticator.objects.filter(user=people["civil_servant"]).first(),
            event,
            NeighbourhoodFactory(),
            ThemeFactory(),
            ExpertiseAreaFactory(),
            Initiative.objects.get(pk=examples["public"]),
            ClosedDay.objects.create(date="2026-12-24", description="Christmas Eve"),
            Offer.objects.get(pk=examples["offer"]),
        ]
    }


def _client_for(role: str, people: dict) -> Client:
    client = Client()
    if role != "anonymous":
        login_with_second_factor(client, people[role])
    return client


def test_every_url_pattern_has_an_entry(people, admin_objects):
    known = set(MATRIX) | set(_admin_entries(admin_objects))
    missing = [route.route for route in all_routes() if route.route not in known]
    assert missing == [], f"URL patterns without an entry in the permission matrix: {missing}"


def test_every_entry_is_a_url_pattern_that_exists():
    routes = {route.route for route in all_routes()}
    stale = [route for route in MATRIX if route not in routes]
    assert stale == [], f"Entries for URL patterns that no longer exist: {stale}"
    paths = {path for cases in MATRIX.values() for path, _ in _cases(cases)}
    assert set(POST_DIFFERENT) <= paths


def test_a_post_refuses_everyone_a_get_refuses():
    """A difference for POST may only concern principals the GET lets in."""
    get_expected = {
        path: expected for cases in MATRIX.values() for path, expected in _cases(cases)
    }
    widened = [
        f"{path}: {role}"
        for path, post in POST_DIFFERENT.items()
        for role in ROLES
        if get_expected[path][role] in REFUSED and post[role] not in REFUSED_POST
    ]
    assert widened == []


def _cases(cases):
    return cases if isinstance(cases, list) else [cases]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_for_a_post_everywhere(role, people, examples):
    """An empty POST to every URL as every principal, each from a fresh session."""
    target = UserFactory()
    wrong = []
    for cases in MATRIX.values():
        for path, get_expected in _cases(cases):
            want = POST_DIFFERENT.get(path, get_expected)[role]
            client = _client_for(role, people)
            response = client.post(path.format(person=target.pk, **examples), {})
            got = response.status_code
            if want == LOGIN:
                ok = got == 302 and re.search(r"/accounts/login/", response.url)
            else:
                ok = got == want
            if not ok:
                wrong.append(f"POST {path}: expected {want}, got {got}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_everywhere(role, people, examples, admin_objects):
    target = UserFactory()
    client = _client_for(role, people)
    routes = {route.route for route in all_routes()}
    wrong = []
    for route, cases in {**MATRIX, **_admin_entries(admin_objects)}.items():
        if route not in routes:
            continue
        for path, expected in cases if isinstance(cases, list) else [cases]:
            url = path.format(person=target.pk, **examples)
            response = client.get(url)
            want = expected[role]
            got = response.status_code
            if want == LOGIN:
                ok = got == 302 and re.search(r"/accounts/login/", response.url)
            else:
                ok = got == want
            if not ok:
                wrong.append(f"{url}: expected {want}, got {got}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["role_grant", "role_revoke"])
def test_only_an_administrator_changes_roles_by_post(role, view, people):
    target = UserFactory(partner=True)
    client = _client_for(role, people)
    prefix = "grant" if view == "role_grant" else "revoke"
    role_value = Role.ALDERMAN if view == "role_grant" else Role.PARTNER
    action = "rol-toekennen" if prefix == "grant" else "rol-intrekken"
    response = client.post(
        f"/beheer/gebruikers/{target.pk}/{action}/",
        {f"{prefix}-role": role_value, f"{prefix}-reason": "Checked."},
    )
    expected = {"anonymous": 302, "administrator": 302}.get(role, 403)
    assert response.status_code == expected
    held = set(target.role_assignments.values_list("role", flat=True))
    changed = held != {Role.PARTNER}
    assert changed is (role == "administrator")
