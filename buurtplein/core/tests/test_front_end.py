"""The front end's shared pieces: valid machine-readable times, icons, the favicon."""

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import engines
from hypothesis import given
from hypothesis import strategies as st

from buurtplein.core.models import (
    FOCUS_RING_IN_HEADER,
    FOCUS_RING_ON_PAGE,
    PAGE_BACKGROUNDS,
    contrast_with_white,
    focus_ring_contrasts,
    validate_readable_on_white,
)
from buurtplein.core.tests.factories import NeighbourhoodFactory


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_a_time_attribute_has_whole_seconds_in_local_time(settings):
    """HTML allows at most three fractional digits in <time datetime>; Django's 'c' gives six."""
    settings.TIME_ZONE = "Europe/Amsterdam"
    moment = datetime(2026, 12, 6, 19, 8, 39, 140017, tzinfo=UTC)
    shown = render('<time datetime="{{ moment|isotime }}">', moment=moment)
    assert shown == '<time datetime="2026-12-06T20:08:39+01:00">'
    assert render("{{ day|isotime }}", day=date(2026, 12, 6)) == "2026-12-06"
    assert render("{{ nothing|isotime }}", nothing=None) == ""


def test_no_template_uses_the_six_digit_format_or_plain_htmx_attributes():
    root = Path(__file__).resolve().parents[2]
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        assert not re.search(r"datetime=\"\{\{[^}]*\|date:['\"]c['\"]", text), template
        assert not re.search(r"(^|[\s\"'])hx-[a-z]", text), f"{template}: use data-hx-…"


def test_the_icons_a_browser_and_a_phone_ask_for_are_there(client, db):
    """/favicon.ico (asked for by every browser, whatever the page says), the icons the page
    names and the web manifest with the icons a phone puts on its home screen."""
    import json

    from PIL import Image

    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert Image.open(io.BytesIO(b"".join(icon.streaming_content))).format == "ICO"
    page = client.get("/").content.decode()
    named = re.findall(r'<link rel="(?:icon|apple-touch-icon|manifest)" href="([^"]+)"', page)
    assert set(named) == {
        "/favicon.ico",
        "/icon.svg",
        "/apple-touch-icon.png",
        "/manifest.webmanifest",
    }
    for url in named:
        assert client.get(url).status_code == 200, url
    touch = client.get("/apple-touch-icon.png")
    assert Image.open(io.BytesIO(b"".join(touch.streaming_content))).size == (180, 180)
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    icons = json.loads(b"".join(manifest.streaming_content))["icons"]
    sizes = set()
    for entry in icons:
        response = client.get(entry["src"])
        assert response.status_code == 200, entry["src"]
        if entry["type"] == "image/png":
            data = b"".join(response.streaming_content)
            size = Image.open(io.BytesIO(data)).size
            assert entry["sizes"] == f"{size[0]}x{size[1]}"
            sizes.add(size)
    assert {(192, 192), (512, 512)} <= sizes


colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colours)
def test_every_main_colour_a_neighbourhood_can_save_keeps_the_focus_ring_visible(colour):
    """Whatever colour is accepted on save, the focus ring has at least 3:1 against what
    surrounds it: the header in that colour, the page and the cards."""
    try:
        validate_readable_on_white(colour)
    except ValidationError:
        assert contrast_with_white(colour) < 4.5 or min(focus_ring_contrasts(colour).values()) < 3
        return
    assert contrast_with_white(colour) >= 4.5
    for surrounding, ratio in focus_ring_contrasts(colour).items():
        assert ratio >= 3, (colour, surrounding, ratio)


def test_a_light_main_colour_is_refused_on_save(db):
    nb = NeighbourhoodFactory.build(colour_primary="#8fd3b5")
    with pytest.raises(ValidationError) as error:
        nb.full_clean()
    assert "colour_primary" in error.value.message_dict
    assert focus_ring_contrasts("#8fd3b5")["header"] < 3  # white on it would vanish


def test_the_stylesheet_draws_the_focus_ring_in_the_checked_colours():
    css = (Path(settings.BASE_DIR) / "static" / "buurtplein" / "site.css").read_text()
    root = re.search(r":root \{(.*?)\}", css, re.S)[1]
    assert f"--focus-ring: {FOCUS_RING_ON_PAGE};" in root
    assert f"--bg: {PAGE_BACKGROUNDS['page']};" in root
    assert f"--surface: {PAGE_BACKGROUNDS['card']};" in root
    header = re.search(r"\.site-header \{([^}]*)\}", css)[1]
    assert "background: var(--brand)" in header
    assert f"--focus-ring: {FOCUS_RING_IN_HEADER};" in header
    assert re.search(r":focus-visible \{[^}]*outline: 3px solid var\(--focus-ring\)", css)


def test_the_sign_up_form_keeps_the_password_rules_list_out_of_a_paragraph(client, db):
    """The password rules are a list: inside a <p> or <span> that is invalid HTML."""
    page = client.get("/accounts/signup/").content.decode()
    assert re.search(r'<div class="helptext" id="id_password1_helptext"><ul>', page)
    assert not re.search(r"<p>(?:(?!</p>).)*<ul>", page, re.S)


def test_a_phone_link_has_only_digits_in_its_address():
    html = render('<a href="tel:{{ phone|tel }}">{{ phone }}</a>', phone="06 12 34 56 78")
    assert html == '<a href="tel:0612345678">06 12 34 56 78</a>'
    assert render("{{ phone|tel }}", phone="+31 24-123 45 67") == "+31241234567"
