"""The decision form speaks the language of the request, not that of start-up."""

from django.utils import translation

from buurtplein.moderation.forms import DecideForm


def labels():
    return [str(label) for _, label in DecideForm().fields["days"].choices]


def test_the_suspend_choices_are_in_the_language_of_the_request():
    with translation.override("en"):
        assert labels() == ["1 day", "7 days", "30 days"]
    with translation.override("nl"):
        assert labels() == ["1 dag", "7 dagen", "30 dagen"]
