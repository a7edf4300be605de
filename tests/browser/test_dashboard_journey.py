"""An alderman filters the dashboard by a neighbourhood and a year, reads a chart's
table and downloads a CSV; a visitor opens the public figures."""

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import sign_in
from tests.factories import InitiativeFactory, NeighbourhoodFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_alderman_reads_the_dashboard_and_a_visitor_the_figures(
    page, axe, live_server, browser, settings
):
    settings.MFA_TOTP_TOLERANCE = 1
    haven = NeighbourhoodFactory(name="Haven", population=2000)
    stad = NeighbourhoodFactory(name="Stad", population=4000)
    submitted = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_default_timezone())
    for days in (1, 2, 3, 6, 9, 12):
        InitiativeFactory(
            neighbourhood=haven,
            submitted_at=submitted,
            first_response_at=submitted + timedelta(days=days),
            response_working_days=days,
        )
    InitiativeFactory.create_batch(5, neighbourhood=stad, submitted_at=submitted)
    alderman = UserFactory(alderman=True, first_name="Anouk", email="anouk@gemeente.example")

    sign_in(page, live_server, alderman.email, code_at=time.time())
    page.goto(live_server.url + "/dashboard/")
    axe.check(page)
    page.get_by_role("combobox", name="Wijk").select_option(label="Haven")
    page.get_by_role("combobox", name="Jaar").select_option("2026")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state("load")
    assert "neighbourhood=" in page.url and "year=2026" in page.url
    axe.check(page)
    figure = page.locator("#figure-response-time")
    table = figure.get_by_role("table", name="Tabel: Reactietijd")
    # Answered after 1, 2, 3, 6, 9 and 12 working days: the median is 4.5.
    row = table.get_by_role("row", name="Mediaan: werkdagen tot het eerste antwoord")
    assert row.get_by_role("cell").inner_text() == "4,5"
    assert "6 initiatieven zijn naar de gemeente gestuurd" in page.content()
    chart = page.locator("#figure-initiatives-by-status svg[role=img]")
    assert "ingediend: 6" in chart.locator("desc").text_content()
    with page.expect_download() as download_info:
        figure.get_by_role("link", name="Download \u2018Reactietijd\u2019 als CSV").click()
    download = download_info.value
    assert download.suggested_filename == "response-time.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Mediaan: werkdagen tot het eerste antwoord,4.5" in text

    # A visitor on a phone: the same figures, without the numbers about fewer than five;
    # wide tables scroll in their own box, not the page.
    javascript = page.context.javascript_enabled
    visitor = browser.new_context(
        java_script_enabled=javascript, locale="nl-NL", viewport={"width": 320, "height": 800}
    )
    visitor.javascript_enabled = javascript
    public = visitor.new_page()
    public.goto(live_server.url + "/")
    public.get_by_role("link", name="Cijfers", exact=True).click()
    public.wait_for_load_state("load")
    axe.check(public)
    status = public.get_by_role("table", name="Tabel: Initiatieven per status")
    assert status.get_by_role("row", name="ingediend").get_by_role("cell").inner_text() == "11"
    assert public.evaluate("document.documentElement.scrollWidth") == 320
    visitor.close()
