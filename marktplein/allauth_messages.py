"""allauth's words on the sign-in, sign-up and second-factor pages and in its e-mails,
listed so `makemessages` keeps them in our catalogue, where they are written in
Marktplein's plain voice ("Inloggen", not "Aanmelden"; "je", never "alstublieft").
Our catalogue (LOCALE_PATHS) goes before allauth's. Nothing here is called."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Sign Out"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator code:"
    ),
    gettext_noop("Authenticator code"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    gettext_noop("Activate"),
]
