"""At 320 px the members, loket and audit pages do not scroll sideways (WCAG 1.4.10):
their tables become lists. Axe checks each, with and without JavaScript."""

import time

import pytest

from audit.services import audit_record
from tests.browser.conftest import sign_in
from tests.factories import InitiativeFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _narrow(browser, javascript, *, bypass_csp=False):
    context = browser.new_context(
        java_script_enabled=javascript,
        locale="nl-NL",
        viewport={"width": 320, "height": 800},
        # Only to add the text-spacing style sheet as a test; the site never needs it.
        bypass_csp=bypass_csp,
    )
    context.javascript_enabled = javascript
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_members_loket_and_audit_fit_a_phone(page, axe, live_server, browser, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    javascript = page.context.javascript_enabled
    lead = UserFactory(first_name="Sanne", email="sanne@example.org")
    initiative = InitiativeFactory(title="Moestuin De Wierden met een lange naam", created_by=lead)
    for name in ("Karim", "Fatima-Zahra", "Bartholomeus"):
        MembershipFactory(initiative=initiative, user=UserFactory(first_name=name))
    coordinator = UserFactory(coordinator=True, email="loket@gemeente.example")
    administrator = UserFactory(administrator=True, email="beheer@gemeente.example")
    audit_record(
        subject=initiative,
        action="initiative.completed",
        actor=lead,
        reason="The garden feeds twelve families now, and the neighbours keep it going.",
        before={"status": "active"},
        after={"status": "completed"},
    )

    visits = [
        (lead, None, f"/initiatieven/{initiative.pk}/leden/"),
        (coordinator, time.time(), "/werkplek/loket/"),
        (administrator, time.time(), "/beheer/logboek/"),
    ]
    for person, code_at, path in visits:
        narrow = _narrow(browser, javascript)
        sign_in(narrow, live_server, person.email, code_at=code_at)
        narrow.goto(live_server.url + path)
        assert narrow.locator("table").count() >= 1, path
        assert narrow.evaluate("document.documentElement.scrollWidth") == 320, path
        # Each cell grows with its text: nothing runs over the next line.
        overflowing = narrow.evaluate(
            "[...document.querySelectorAll('td')]"
            ".filter(td => td.scrollHeight > td.clientHeight + 1).length"
        )
        assert overflowing == 0, path
        axe.check(narrow)
        narrow.context.close()


# The text spacing of WCAG 1.4.12, as the W3C's bookmarklet sets it.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def test_news_with_a_photo_and_its_form_fit_a_phone_with_wide_text(
    page, axe, live_server, browser
):
    from initiatieven.services import update_post
    from tests.initiatieven.images import jpeg_with_gps

    lead = UserFactory(email="sanne@example.org")
    initiative = InitiativeFactory(created_by=lead)
    update_post(
        initiative=initiative,
        author=lead,
        body="We planted the first beans.",
        photos=[(jpeg_with_gps(size=(1600, 1200)), "Beans in a row")],
    )
    narrow = _narrow(browser, page.context.javascript_enabled, bypass_csp=True)
    sign_in(narrow, live_server, lead.email)
    for path in (f"/initiatieven/{initiative.pk}/", f"/initiatieven/{initiative.pk}/nieuws/"):
        narrow.goto(live_server.url + path)
        assert narrow.evaluate("document.documentElement.scrollWidth") == 320, path
        axe.check(narrow)
        narrow.evaluate(
            "css => { const style = document.createElement('style');"
            " style.textContent = css; document.head.append(style); }",
            TEXT_SPACING,
        )
        assert narrow.evaluate("document.documentElement.scrollWidth") == 320, path
    narrow.context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_header_lines_up_with_the_content_and_stays_short_on_a_phone(
    width, page, axe, live_server, browser
):
    javascript = page.context.javascript_enabled
    lead = UserFactory(email="sanne@example.org")
    context = browser.new_context(
        java_script_enabled=javascript, locale="nl-NL", viewport={"width": width, "height": 800}
    )
    context.javascript_enabled = javascript
    wide = context.new_page()
    sign_in(wide, live_server, lead.email)
    wide.goto(live_server.url + "/initiatieven/")
    axe.check(wide)
    logo, heading = (
        wide.locator(selector).bounding_box() for selector in (".marktplein-logo", "main h1")
    )
    assert abs(logo["x"] - heading["x"]) <= 1, (logo, heading)
    # Signed in, with the whole menu: the page's own heading starts high on a phone.
    if width == 320:
        assert heading["y"] < 240, heading
        assert wide.evaluate("document.documentElement.scrollWidth") == 320
        # In English the button says "Nederlands", and still shares the name's row.
        wide.get_by_role("button", name="English").click()
        wide.wait_for_load_state("load")
        button = wide.locator(".marktplein-language-switch button").bounding_box()
        logo = wide.locator(".marktplein-logo").bounding_box()
        assert button["y"] < logo["y"] + logo["height"], (button, logo)
    context.close()
