"""The accessibility check itself must be able to fail, or every page's scan proves nothing."""

import pytest

from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_axe_check_fails_on_a_page_with_a_serious_violation(page):
    page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_the_axe_check_passes_a_clean_page(page):
    page.set_content(
        '<html lang="en"><head><title>Good</title></head><body><main><h1>Fine</h1>'
        '<label for="a">Name</label><input id="a" type="text"></main></body></html>'
    )
    assert_accessible(page)
