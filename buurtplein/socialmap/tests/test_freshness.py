"""Keeping the sociale kaart current, with a frozen clock: on the day six months after the last
check the owners are asked "klopt dit nog?" (once, in one e-mail per person listing all their
services that are due), a month later an unconfirmed service is "mogelijk verouderd" and the
buurtverbinders hear it in one e-mail each; one click on the e-mail's signed link confirms a
service, another every service of the e-mail. "Dit klopt niet meer" reaches the owners, who
mark it handled."""

import io
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import MOMENTS, local
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

CHECKED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday 2 March, 10:00 in Amsterdam
DUE = CHECKED + timedelta(days=CHECK_EVERY_DAYS)  # Monday 31 August, the day it is due
STALE = DUE + timedelta(days=CONFIRM_WITHIN_DAYS)  # Wednesday 30 September
MINUTE = timedelta(minutes=1)


def evening_before(moment):
    """23:59 in Amsterdam on the day before ``moment``'s (whole days count)."""
    return local(timezone.localdate(moment) - timedelta(days=1), time(23, 59))


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
        "organisation": organisation,
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


LINE = re.compile(r"^\* (?P<name>.+?) \(.*\n.*?https?://[^/\s]+(?P<link>/b/\S+/check/\S+/)$", re.M)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/b/[^\s]+/check/[^\s]+/)", message.body).group(1)


def links_in(message) -> dict[str, str]:
    """Service name → its own one-click link, as the e-mail lists them."""
    return {found["name"]: found["link"] for found in LINE.finditer(message.body)}


def all_link_in(message) -> str | None:
    found = re.search(r"https?://[^/\s]+(/b/\S+/check-all/\S+/)", message.body)
    return found.group(1) if found else None


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_nobody_is_asked_before_the_day_six_months_later(world, django_capture_on_commit_callbacks):
    run_round(evening_before(DUE), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert fresh(world["debts"]).check_asked_at is None


def test_after_six_months_each_staff_member_gets_one_email_listing_their_services(
    world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    run_round(DUE + timedelta(hours=8), django_capture_on_commit_callbacks)  # twice a day
    run_round(DUE + timedelta(days=1), django_capture_on_commit_callbacks)  # once per period
    assert fresh(world["debts"]).check_asked_at == DUE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["worker"].email, world["colleague"].email]
    )
    for message in mail.outbox:
        assert re.search(r"\b2\b", message.subject)
        links = links_in(message)
        assert set(links) == {"Schuldhulp", "Formulierenbrigade"}
        assert all_link_in(message) is not None
        assert nb_reverse("socialmap:ours", world["nb"]) in message.body
        for service in (world["debts"], world["forms"]):
            assert nb_reverse("socialmap:edit", world["nb"], kwargs={"pk": service.pk}) in (
                message.body
            )
    every_link = [link for m in mail.outbox for link in links_in(m).values()]
    assert len(set(every_link)) == 4  # per person and per service
    assert fresh(world["debts"]).stale_since is None


def test_services_of_one_day_go_together_and_each_person_hears_once_per_round(
    world, django_capture_on_commit_callbacks
):
    """Fatima works for two organisations; one more has nobody on the platform (Bas, the
    buurtverbinder, is asked about that one). Services checked on one day, in the morning and
    late in the evening, are asked about in the same round, in one e-mail per person."""
    nb, worker = world["nb"], world["worker"]
    kitchen = staff_of(OrganisationFactory(name="Buurtkeuken"), worker, neighbourhood=nb)
    nobody = staff_of(OrganisationFactory(name="Stichting Zonder Mensen"), neighbourhood=nb)
    with time_machine.travel(local(timezone.localdate(CHECKED), time(23, 30)), tick=False):
        meals = ServiceFactory(neighbourhood=nb, organisation=kitchen, name="Maaltijd aan huis")
        ServiceFactory(neighbourhood=nb, organisation=nobody, name="Klussendienst")
    with time_machine.travel(CHECKED + timedelta(days=1), tick=False):  # due a day later
        later = ServiceFactory(neighbourhood=nb, organisation=kitchen, name="Kookcafé")

    morning = local(timezone.localdate(DUE), time(6))
    run_round(morning, django_capture_on_commit_callbacks)
    run_round(morning + timedelta(hours=12), django_capture_on_commit_callbacks)
    assert fresh(meals).check_asked_at == morning
    assert [set(links_in(m)) for m in mails_to(worker)] == [
        {"Schuldhulp", "Formulierenbrigade", "Maaltijd aan huis"}
    ]
    assert [set(links_in(m)) for m in mails_to(world["colleague"])] == [
        {"Schuldhulp", "Formulierenbrigade"}
    ]
    to_bas = mails_to(world["connector"])
    assert [set(links_in(m)) for m in to_bas] == [{"Klussendienst"}]
    assert to_bas[0].subject == "Klopt “Klussendienst” nog?"
    assert all_link_in(to_bas[0]) is None  # one service: its own link is the one click
    assert "buurtverbinder" in to_bas[0].body
    assert fresh(later).check_asked_at is None

    mail.outbox.clear()
    run_round(morning + timedelta(days=1), django_capture_on_commit_callbacks)
    assert [set(links_in(m)) for m in mails_to(worker)] == [{"Kookcafé"}]
    assert mails_to(world["colleague"]) == []


def test_the_all_link_confirms_the_services_of_its_email_and_nothing_else(
    client, world, django_capture_on_commit_callbacks
):
    nb, worker = world["nb"], world["worker"]
    with time_machine.travel(CHECKED + timedelta(days=40), tick=False):
        newer = ServiceFactory(
            neighbourhood=nb, organisation=world["organisation"], name="Kookcafé"
        )
    run_round(DUE, django_capture_on_commit_callbacks)
    link = all_link_in(mails_to(worker)[0])
    later = DUE + timedelta(days=2)
    with time_machine.travel(later, tick=False):
        page = client.get(link)  # not logged in: the link is enough
        assert page.status_code == 200
        assert b"Schuldhulp" in page.content and b"Formulierenbrigade" in page.content
        assert b"Kookcaf" not in page.content
        assert fresh(world["debts"]).check_asked_at == DUE  # looking changed nothing
        response = client.post(link)
    assert response.status_code == 302
    for service in (world["debts"], world["forms"]):
        checked = fresh(service)
        assert checked.last_checked_at == later
        assert checked.check_asked_at is None and checked.stale_since is None
    assert fresh(newer).last_checked_at == CHECKED + timedelta(days=40)

    # Changed, for another neighbourhood, or of someone who no longer keeps them: nothing.
    with time_machine.travel(later + timedelta(days=1), tick=False):
        assert client.post(link[:-3] + "xx/").status_code == 410
        other = NeighbourhoodFactory()
        token = link.rstrip("/").rsplit("/", 1)[1]
        there = nb_reverse("socialmap:check_all", other, kwargs={"token": token})
        assert client.post(there).status_code == 410
        world["organisation"].staff.remove(worker)
        assert client.post(link).status_code == 410
    assert fresh(world["debts"]).last_checked_at == later
    with time_machine.travel(later + freshness.TOKEN_MAX_AGE + MINUTE, tick=False):
        world["organisation"].staff.add(worker)
        assert client.post(link).status_code == 410


def test_the_all_link_leaves_out_what_ended_and_says_how_many_it_confirmed(
    client, world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    link = all_link_in(mails_to(world["colleague"])[0])
    with scopes_disabled():
        Service.objects.filter(pk=world["forms"].pk).update(state="ended")
    client.force_login(world["colleague"])
    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == nb_reverse("socialmap:ours", world["nb"])
    assert fresh(world["debts"]).check_asked_at is None
    assert fresh(world["forms"]).check_asked_at == DUE
    thanks = next(str(m) for m in response.context["messages"])
    assert re.search(r"! 1 \w+ ", thanks), thanks  # "Dank je wel! 1 dienst …"


def test_a_month_without_an_answer_marks_it_and_tells_each_buurtverbinder_once(
    world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    run_round(evening_before(STALE), django_capture_on_commit_callbacks)
    assert fresh(world["debts"]).stale_since is None and mail.outbox == []
    run_round(STALE, django_capture_on_commit_callbacks)
    run_round(STALE + timedelta(hours=8), django_capture_on_commit_callbacks)
    run_round(STALE + timedelta(days=1), django_capture_on_commit_callbacks)
    assert fresh(world["debts"]).stale_since == STALE
    assert fresh(world["forms"]).is_stale
    # One e-mail per buurtverbinder listing both services, not one per service.
    assert [m.to for m in mail.outbox] == [[world["connector"].email]]
    assert "Schuldhulp" in mail.outbox[0].body and "Formulierenbrigade" in mail.outbox[0].body


# The nights the clocks change, with rounds on a Saturday evening, just after midnight and in the
# hour that happens twice (October) or the one that is skipped (March).
CLOCK_NIGHTS = {
    "clocks-back-2026": (
        date(2026, 10, 25),
        [
            MOMENTS["winter-time-2026-02:30-first"],
            MOMENTS["winter-time-2026-02:30-again"],
            local(date(2026, 10, 25), time(23, 59)),
        ],
    ),
    "clocks-forward-2027": (
        date(2027, 3, 28),
        [
            datetime(2027, 3, 28, 0, 59, tzinfo=UTC),  # 01:59, then the clocks jump to 03:00
            MOMENTS["summer-time-2027-03:30"],
            local(date(2027, 3, 28), time(23, 59)),
        ],
    ),
}


@pytest.mark.parametrize("night", sorted(CLOCK_NIGHTS))
def test_on_a_sunday_night_when_the_clocks_change_each_day_is_asked_and_marked_once(
    world, night, django_capture_on_commit_callbacks
):
    """Services checked late and early on one day are due on the same Sunday, six months later,
    on a night the clocks change: the first round after midnight asks about both in one e-mail
    (in UTC that is still Saturday), rounds in the doubled or skipped hour and late that Sunday
    ask nothing more; 30 days later the same holds for "mogelijk verouderd"."""
    nb, organisation = world["nb"], world["organisation"]
    sunday, later_rounds = CLOCK_NIGHTS[night]
    checked_on = sunday - timedelta(days=CHECK_EVERY_DAYS)
    with scopes_disabled():
        Service.objects.filter(neighbourhood=nb).update(state="ended")
    with time_machine.travel(local(checked_on, time(0, 10)), tick=False):
        early = ServiceFactory(neighbourhood=nb, organisation=organisation, name="Vroeg")
    with time_machine.travel(local(checked_on, time(23, 50)), tick=False):
        late = ServiceFactory(neighbourhood=nb, organisation=organisation, name="Laat")

    run_round(local(sunday - timedelta(days=1), time(23, 59)), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    after_midnight = local(sunday, time(0, 1))
    assert after_midnight.astimezone(UTC).date() < sunday  # still Saturday in UTC
    run_round(after_midnight, django_capture_on_commit_callbacks)
    for moment in later_rounds:
        run_round(moment, django_capture_on_commit_callbacks)
    assert [set(links_in(m)) for m in mails_to(world["worker"])] == [{"Vroeg", "Laat"}]
    assert fresh(early).check_asked_at == fresh(late).check_asked_at == after_midnight

    mail.outbox.clear()
    marked_on = sunday + timedelta(days=CONFIRM_WITHIN_DAYS)
    run_round(
        local(marked_on - timedelta(days=1), time(23, 59)), django_capture_on_commit_callbacks
    )
    assert fresh(early).stale_since is None
    for at in (time(0, 1), time(2, 30), time(23, 59)):
        run_round(local(marked_on, at), django_capture_on_commit_callbacks)
    assert fresh(early).stale_since == fresh(late).stale_since == local(marked_on, time(0, 1))
    assert [m.to for m in mail.outbox] == [[world["connector"].email]]


def test_the_dry_run_counts_what_is_due_and_sends_nothing(world):
    out = io.StringIO()
    with time_machine.travel(DUE, tick=False):
        call_command("socialmap_check", "--dry-run", stdout=out)
    assert "Would do: 2 asked" in out.getvalue()
    assert mail.outbox == [] and fresh(world["debts"]).check_asked_at is None


def test_one_click_on_the_link_confirms_and_a_get_changes_nothing(
    client, world, django_capture_on_commit_callbacks
):
    run_round(DUE, django_capture_on_commit_callbacks)
    run_round(STALE, django_capture_on_commit_callbacks)
    message = mails_to(world["worker"])[0]
    link = links_in(message)["Schuldhulp"]
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
    # The next question comes on the day six months after the confirmation.
    mail.outbox.clear()
    next_day = later + timedelta(days=CHECK_EVERY_DAYS)
    run_round(evening_before(next_day), django_capture_on_commit_callbacks)
    assert not any("Schuldhulp" in m.body for m in mail.outbox)
    run_round(next_day, django_capture_on_commit_callbacks)
    assert any("Schuldhulp" in links_in(m) for m in mail.outbox)


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
