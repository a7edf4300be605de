"""After a failed submit: "Fout:" in the title, focus on the error summary, and each of
its links goes to its field, also for a group of radio buttons (WCAG 3.3.1, 2.4.2).
The sign-up, sign-in and password reset forms leave checking to the site."""

import re

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_a_failed_submit_says_error_in_the_title_and_focuses_the_summary(client):
    initiative = InitiativeFactory(active=True)
    client.force_login(initiative.created_by)
    response = client.post(reverse("initiatieven:close", args=[initiative.pk]), {"reason": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r"<title>Fout: ", page)
    summary = re.search(r'<div class="[^"]*marktplein-error-summary"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    # The radio group's link goes to its first option, not to "#".
    link = re.search(r'<a class="utrecht-link" href="(#[^"]*)">Hoe is het afgelopen', page)
    assert link.group(1) == "#id_status_0"
    assert 'id="id_status_0"' in page


def test_a_page_without_errors_has_no_error_in_its_title(client):
    initiative = InitiativeFactory(active=True)
    client.force_login(initiative.created_by)
    page = client.get(reverse("initiatieven:close", args=[initiative.pk])).content.decode()
    assert not re.search(r"<title>Fout", page)


@pytest.mark.parametrize("name", ["account_signup", "account_login", "account_reset_password"])
def test_the_account_forms_leave_checking_to_the_site(client, name):
    page = client.get(reverse(name)).content.decode()
    forms = re.findall(r"<form [^>]*>", page)
    main = [form for form in forms if "utrecht-form" in form]
    assert main and all("novalidate" in form for form in main)
