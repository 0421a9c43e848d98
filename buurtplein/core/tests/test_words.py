"""Words a person reads on every page: how long ago something happened, and a sentence that
ends in a name with a full stop."""

from datetime import timedelta

import pytest
import time_machine
from django.template import engines
from django.utils import translation

from buurtplein.core.tests.moments import MOMENTS

NOW = MOMENTS["sun-12:00"]


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("before", "dutch", "english"),
    [
        (timedelta(seconds=0), "net", "just now"),
        (timedelta(seconds=59), "net", "just now"),
        (timedelta(minutes=1), "1\xa0minuut geleden", "1\xa0minute ago"),
        (timedelta(hours=5, minutes=24), "5\xa0uur geleden", "5\xa0hours ago"),
        (timedelta(days=1, hours=23), "1\xa0dag geleden", "1\xa0day ago"),
        (timedelta(days=40), "1\xa0maand geleden", "1\xa0month ago"),
    ],
)
def test_how_long_ago_in_one_unit_and_just_now_under_a_minute(before, dutch, english):
    """Not "5 uur, 24 minuten geleden" and "0 minuten geleden". (Django keeps a number and
    its unit together with a non-breaking space.)"""
    with time_machine.travel(NOW, tick=False):
        for language, expected in (("nl", dutch), ("en", english)):
            with translation.override(language):
                assert render("{{ when|ago }}", when=NOW - before) == expected


def test_a_moment_a_little_in_the_future_is_just_now():
    """Clocks of two servers differ a little: never "-1 minutes ago"."""
    with time_machine.travel(NOW, tick=False), translation.override("nl"):
        assert render("{{ when|ago }}", when=NOW + timedelta(seconds=5)) == "net"


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once():
    source = (
        "{% load i18n %}{% blocktranslate asvar text with name=name %}You are logged in as "
        "{{ name }}.{% endblocktranslate %}{{ text|one_full_stop }}"
    )
    with translation.override("nl"):
        assert render(source, name="Els B.") == "Je bent ingelogd als Els B."
        assert render(source, name="Els") == "Je bent ingelogd als Els."
        assert render(source, name="O'Brien B.") == "Je bent ingelogd als O&#x27;Brien B."
