"""The checks every journey relies on do fail on a page that breaks them."""

import pytest

from e2e.conftest import assert_accessible, assert_no_sideways_scrolling

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="nl"><head><title>Proef</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Proef</h1>{body}</main></body></html>"""


def test_axe_fails_on_a_field_without_a_label(page):
    page.set_content(PAGE.format(body='<form><input name="postcode"></form>'))
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)


def test_axe_passes_a_labelled_field(page):
    page.set_content(
        PAGE.format(body='<form><label for="p">Postcode</label><input id="p" name="p"></form>')
    )
    assert_accessible(page)


def test_a_page_wider_than_the_window_is_caught(page):
    page.set_content(PAGE.format(body='<p class="wide">Te breed</p>'))
    page.add_style_tag(content=".wide { width: 2000px; }")
    with pytest.raises(AssertionError, match="scrolls sideways"):
        assert_no_sideways_scrolling(page)


def test_the_nu_checker_fails_on_invalid_html_and_names_the_page(tmp_path):
    from e2e import nu

    valid = PAGE.format(body='<p><time datetime="2026-12-06T20:08:39+01:00">net</time></p>')
    (tmp_path / "fine.html").write_text(valid)
    assert nu.check_folder(tmp_path) is None

    invalid = PAGE.format(
        body='<p><a href="/" hx-get="/">Meer</a>'
        '<time datetime="2026-12-06T20:08:39.140017+01:00">net</time></p>'
    )
    (tmp_path / "broken.html").write_text(invalid)
    (tmp_path / nu.INDEX).write_text("broken.html\t200\thttp://testserver/b/proef/\n")
    errors = nu.check_folder(tmp_path)
    assert errors is not None
    assert errors.startswith("Nu HTML checker: 2 error(s) in 2 pages"), errors
    assert "http://testserver/b/proef/" in errors
    assert "hx-get" in errors and "fraction of a second" in errors
