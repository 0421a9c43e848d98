"""The front end's shared pieces: valid machine-readable times, icons, the favicon."""

import re
from datetime import UTC, date, datetime

from django.template import engines


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
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        assert not re.search(r"datetime=\"\{\{[^}]*\|date:['\"]c['\"]", text), template
        assert not re.search(r"(^|[\s\"'])hx-[a-z]", text), f"{template}: use data-hx-…"
