"""Keeping the sociale kaart current, with a frozen clock: six months after the last check the
owners are asked "klopt dit nog?" (once), a month later an unconfirmed service is "mogelijk
verouderd" and the buurtverbinders hear it in one e-mail each; one click on the e-mail's signed
link confirms. "Dit klopt niet meer" reaches the owners, who mark it handled."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap import freshness
from buurtplein.socialmap.models import (
    CHECK_EVERY_DAYS,
    CONFIRM_WITHIN_DAYS,
    Service,
    ServiceFeedback,
)
from buurtplein.socialmap.tests.factories import ServiceFactory, staff_of

pytestmark = pytest.mark.django_db

CHECKED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = CHECKED + timedelta(days=CHECK_EVERY_DAYS)
STALE = DUE + timedelta(days=CONFIRM_WITHIN_DAYS)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def world():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost")
    worker = member(nb, role=Role.PROFESSIONAL, first_name="Fatima")
    colleague = member(nb, role=Role.PROFESSIONAL, first_name="Joost")
    organisation = staff_of(
        OrganisationFactory(name="Sterker Sociaal Werk"), worker, colleague, neighbourhood=nb
    )
    connector = member(nb, role=Role.CONNECTOR, first_name="Bas")
    resident = member(nb, first_name="Anna")
    with time_machine.travel(CHECKED, tick=False):
        debts = ServiceFactory(neighbourhood=nb, organisation=organisation, name="Schuldhulp")
        forms = ServiceFactory(
            neighbourhood=nb, organisation=organisation, name="Formulierenbrigade"
        )
    return {
        "nb": nb,
        "worker": worker,
        "colleague": colleague,
        "connector": connector,
        "resident": resident,
        "debts": debts,
        "forms": forms,
    }


def fresh(service):
    with scopes_disabled():
        return Service.objects.get(pk=service.pk)


def looking(world, user):
    """A request of ``user`` in the world's neighbourhood, as the middleware makes it."""
    from django.test import RequestFactory

    from buurtplein.core.models import Membership

    request = RequestFactory().get("/")
    request.user, request.neighbourhood = user, world["nb"]
    request.membership = None
    if user.is_authenticated:
        with scopes_disabled():
            request.membership = Membership.objects.filter(
                user=user, neighbourhood=world["nb"]
            ).first()
    return request


def run_round(at, capture):
    with time_machine.travel(at, tick=False), capture(execute=True):
        call_command("socialmap_check", stdout=io.StringIO())


def link_in(message):
    return re.search(r"https?://[^/\s]+(/b/[^\s]+/check/[^\s]+/)", message.body).group(1)


def test_nobody_is_asked_before_six_months(world, django_capture_on_commit_callbacks):
    run_round(DUE - MINUTE, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert fresh(world["debts"]).check_asked_at is None


def test_after_six_months_every_staff_member_is_asked_once_with_their_own_link(
    world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    run_round(DUE + timedelta(days=1), django_capture_on_commit_callbacks)  # once per period
    assert fresh(world["debts"]).check_asked_at == DUE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["worker"].email, world["colleague"].email] * 2
    )
    links = {link_in(m) for m in mail.outbox}
    assert len(links) == 4  # per person and per service
    edit_or_page = nb_reverse("socialmap:list", world["nb"])
    assert all(edit_or_page in m.body for m in mail.outbox)
    assert fresh(world["debts"]).stale_since is None


def test_a_month_without_an_answer_marks_it_and_tells_each_buurtverbinder_once(
    world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    run_round(STALE - MINUTE, django_capture_on_commit_callbacks)
    assert fresh(world["debts"]).stale_since is None and mail.outbox == []
    run_round(STALE, django_capture_on_commit_callbacks)
    run_round(STALE + timedelta(days=1), django_capture_on_commit_callbacks)
    assert fresh(world["debts"]).stale_since == STALE
    assert fresh(world["forms"]).is_stale
    # One e-mail per buurtverbinder listing both services, not one per service.
    assert [m.to for m in mail.outbox] == [[world["connector"].email]]
    assert "Schuldhulp" in mail.outbox[0].body and "Formulierenbrigade" in mail.outbox[0].body


def test_one_click_on_the_link_confirms_and_a_get_changes_nothing(
    client, world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    run_round(STALE, django_capture_on_commit_callbacks)
    message = next(
        m for m in mail.outbox if m.to == [world["worker"].email] and "Schuldhulp" in m.subject
    )
    link = link_in(message)
    later = STALE + timedelta(days=3)
    with time_machine.travel(later, tick=False):
        page = client.get(link)  # not logged in: the link is enough
        assert page.status_code == 200
        assert fresh(world["debts"]).is_stale
        assert b'method="post"' in page.content
        response = client.post(link)
    assert response.status_code == 302
    debts = fresh(world["debts"])
    assert debts.last_checked_at == later
    assert debts.stale_since is None and debts.check_asked_at is None
    assert fresh(world["forms"]).is_stale  # the other service is not confirmed by it
    # The next question comes six months after the confirmation.
    mail.outbox.clear()
    run_round(later + timedelta(days=CHECK_EVERY_DAYS) - MINUTE, django_capture_on_commit_callbacks)
    assert not any("Schuldhulp" in m.subject for m in mail.outbox)
    run_round(later + timedelta(days=CHECK_EVERY_DAYS), django_capture_on_commit_callbacks)
    assert any("Schuldhulp" in m.subject for m in mail.outbox)


def test_a_link_that_was_changed_expired_or_no_longer_fits_does_nothing(client, world):
    debts = world["debts"]
    with time_machine.travel(DUE, tick=False):
        token = freshness.confirm_token(debts, world["worker"])
        resident_token = freshness.confirm_token(debts, world["resident"])
    url = lambda t, nb=world["nb"]: nb_reverse("socialmap:check", nb, kwargs={"token": t})  # noqa: E731
    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        assert client.post(url(token[:-2] + "xx")).status_code == 410
        assert client.post(url(resident_token)).status_code == 410  # not one who keeps it
        other = NeighbourhoodFactory()
        assert client.post(url(token, other)).status_code == 410
    with time_machine.travel(DUE + freshness.TOKEN_MAX_AGE + MINUTE, tick=False):
        assert client.post(url(token)).status_code == 410
    assert fresh(debts).last_checked_at == CHECKED


def test_a_staff_member_who_left_can_no_longer_confirm(client, world):
    debts = world["debts"]
    token = freshness.confirm_token(debts, world["worker"])
    debts.organisation.staff.remove(world["worker"])
    url = nb_reverse("socialmap:check", world["nb"], kwargs={"token": token})
    assert client.post(url).status_code == 410


def test_a_logged_in_owner_confirms_with_the_button(client, world):
    url = nb_reverse("socialmap:confirm", world["nb"], kwargs={"pk": world["debts"].pk})
    client.force_login(world["resident"])
    assert client.post(url).status_code == 403
    client.force_login(world["colleague"])
    with time_machine.travel(DUE, tick=False):
        assert client.post(url).status_code == 302
    assert fresh(world["debts"]).last_checked_at == DUE


def test_dit_klopt_niet_meer_reaches_the_owners_who_mark_it_handled(
    client, world, django_capture_on_commit_callbacks
):
    debts = world["debts"]
    url = nb_reverse("socialmap:correct", world["nb"], kwargs={"pk": debts.pk})
    client.force_login(world["resident"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "   "}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Het spreekuur is nu op donderdag."})
    assert response.status_code == 302
    with scopes_disabled():
        feedback = ServiceFeedback.objects.get(service=debts)
    assert feedback.author == world["resident"] and feedback.handled_at is None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["worker"].email, world["colleague"].email]
    )
    assert "Het spreekuur is nu op donderdag." in mail.outbox[0].body
    # The owners see it with the service and mark it handled; a resident sees neither.
    from django.template import Context, Template

    def partial(user):
        with scope(neighbourhood=world["nb"]):
            return Template('{% include "socialmap/_freshness_actions.html" %}').render(
                Context({"service": fresh(debts), "request": looking(world, user)})
            )

    assert "Het spreekuur is nu op donderdag." in partial(world["worker"])
    resident_view = partial(world["resident"])
    assert "donderdag" not in resident_view
    assert url in resident_view
    handle = nb_reverse("socialmap:correction_handled", world["nb"], kwargs={"pk": feedback.pk})
    assert client.post(handle).status_code == 403
    client.force_login(world["worker"])
    assert client.post(handle).status_code == 302
    with scopes_disabled():
        feedback.refresh_from_db()
    assert feedback.handled_by == world["worker"]
    assert "donderdag" not in partial(world["worker"])


def test_corrections_are_rate_limited(client, world, settings):
    settings.BUURTPLEIN_RATE_LIMITS = {**settings.BUURTPLEIN_RATE_LIMITS, "correction": "2/h/user"}
    url = nb_reverse("socialmap:correct", world["nb"], kwargs={"pk": world["debts"].pk})
    client.force_login(world["resident"])
    assert client.post(url, {"text": "Nieuw adres."}).status_code == 302
    assert client.post(url, {"text": "Nieuw nummer."}).status_code == 302
    assert client.post(url, {"text": "Nieuwe tijden."}).status_code == 429
    with scopes_disabled():
        assert ServiceFeedback.objects.count() == 2


def test_the_actions_are_shown_to_those_who_may_use_them(world):
    from django.template.loader import render_to_string

    def html(user):
        with scope(neighbourhood=world["nb"]):
            return render_to_string(
                "socialmap/_freshness_actions.html",
                {"service": fresh(world["debts"])},
                looking(world, user),
            )

    correct = nb_reverse("socialmap:correct", world["nb"], kwargs={"pk": world["debts"].pk})
    confirm = nb_reverse("socialmap:confirm", world["nb"], kwargs={"pk": world["debts"].pk})
    assert correct in html(world["resident"]) and confirm not in html(world["resident"])
    assert confirm in html(world["worker"]) and confirm in html(world["connector"])
    from django.contrib.auth.models import AnonymousUser

    assert html(AnonymousUser()).strip() == ""


@hsettings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=400))
def test_any_correction_is_stored_as_one_sentence_or_refused_on_the_form(client, world, text):
    url = nb_reverse("socialmap:correct", world["nb"], kwargs={"pk": world["debts"].pk})
    client.force_login(world["resident"])
    with scopes_disabled():
        before = ServiceFeedback.objects.count()
    response = client.post(url, {"text": text})
    with scopes_disabled():
        stored = list(
            ServiceFeedback.objects.order_by("-pk")[: 1 if response.status_code == 302 else 0]
        )
        count = ServiceFeedback.objects.count()
    if response.status_code == 302:
        assert count == before + 1
        assert stored[0].text == " ".join(stored[0].text.split()) and 0 < len(stored[0].text) <= 300
    else:
        assert response.status_code in (400, 429) and count == before
