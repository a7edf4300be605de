"""Radio buttons and checkboxes are NL Design System form fields: each option a row
with its label beside it, a real (not browser-default) box, and red only after
sending (WCAG 3.3.1: the wrong answer is marked, nothing before)."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import InitiativeFactory, ThemeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BORDER = "getComputedStyle(document.querySelector('{}')).borderTopColor"


def test_radio_buttons_sit_beside_their_labels_and_turn_red_only_after_sending(
    page, axe, live_server
):
    lead = UserFactory(email="sanne@example.org")
    initiative = InitiativeFactory(created_by=lead)
    sign_in(page, live_server, lead.email)
    page.goto(f"{live_server.url}/initiatieven/{initiative.pk}/afsluiten/")
    axe.check(page)
    first = "#id_status_0"
    radio, label = (
        page.locator(selector).bounding_box() for selector in (first, "label[for=id_status_0]")
    )
    # Beside, not below: the label starts right of the button, on the same line.
    assert label["x"] > radio["x"] + radio["width"]
    assert abs((label["y"] + label["height"] / 2) - (radio["y"] + radio["height"] / 2)) < 6
    assert radio["width"] >= 20, "a browser-default radio button"
    second = page.locator("#id_status_1").bounding_box()
    assert second["y"] >= radio["y"] + radio["height"], "options overlap"
    before = page.evaluate(BORDER.format(first))
    assert page.evaluate(f"document.querySelector('{first}').matches(':invalid')")

    page.get_by_role("button", name="Initiatief afsluiten").click()
    page.wait_for_load_state("load")
    axe.check(page)
    after = page.evaluate(BORDER.format(first))
    assert page.get_attribute(first, "aria-invalid") == "true"
    assert before != after, "the group looks the same before and after a failed send"


def test_checkboxes_are_real_boxes_beside_their_labels(page, axe, live_server):
    lead = UserFactory(email="sanne@example.org")
    ThemeFactory.create_batch(2)
    sign_in(page, live_server, lead.email)
    page.goto(f"{live_server.url}/initiatieven/nieuw/")
    axe.check(page)
    box = page.locator("input[name=themes]").first.bounding_box()
    label = page.locator("label[for=id_themes_0]").bounding_box()
    assert box["width"] >= 20, "a browser-default checkbox"
    assert label["x"] > box["x"] + box["width"]
