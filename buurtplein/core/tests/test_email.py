"""E-mails are plain text: what people typed arrives as they typed it, never HTML-escaped."""

from types import SimpleNamespace

from django.core import mail
from django.utils import translation
from django_scopes import scopes_disabled

from buurtplein.core.tasks import render_email


def test_a_name_with_an_apostrophe_stays_an_apostrophe_in_subject_and_body(db):
    from buurtplein.core.tests.factories import NeighbourhoodFactory

    nb = NeighbourhoodFactory(slug="oost")
    thanks = SimpleNamespace(
        author=SimpleNamespace(display_name="Jan 't Hart & Zn."),
        text='"Top" <geregeld>',
        item=SimpleNamespace(title="Boor & bits", pk=1, neighbourhood=nb),
    )
    with translation.override("nl"):
        subject, body = render_email(
            "exchange/email/thanks", {"thanks": thanks, "item": thanks.item}
        )
    assert subject == "Jan 't Hart & Zn. zegt dankjewel"
    assert '"Top" <geregeld>' in body and "Boor & bits" in body
    assert "&#x27;" not in subject + body and "&amp;" not in subject + body


def test_send_to_writes_in_the_persons_language_without_escaping(db):
    from buurtplein.accounts.tasks import send_membership_decision
    from buurtplein.core.models import Membership
    from buurtplein.core.tests.factories import NeighbourhoodFactory, member

    nb = NeighbourhoodFactory(name="Ooij & Persingen", slug="ooij")
    user = member(nb, first_name="D'Angelo", language="en")
    with scopes_disabled():
        membership = Membership.objects.get(user=user)
    send_membership_decision.enqueue(membership.pk)
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "Hello D'Angelo," in message.body
    assert "welcomed you to Ooij & Persingen" in message.body
