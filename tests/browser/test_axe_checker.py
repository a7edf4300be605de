"""The axe check itself must be able to fail, or the journeys prove nothing."""

import pytest

from tests.browser.conftest import AxeChecker


@pytest.mark.browser
def test_axe_reports_a_page_with_an_image_without_alt_text(browser):
    context = browser.new_context()
    context.javascript_enabled = True
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><img src="data:,x"></main></body></html>')
    checker = AxeChecker()
    checker.check(page)
    context.close()
    assert len(checker.violations) == 1
    assert "image-alt" in checker.violations[0]
