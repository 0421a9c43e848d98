"""Consultation hours and the rota: workers sign up for shifts within the chat's hours in the
coming weeks and cancel their own; everyone of the desk sees who covers which hours and where
no one does (the gaps), their own organisation marked; coordinators edit the weekly hours."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.onlinehulp.models import ConsultationHour, DeskOrganisation, Shift

pytestmark = pytest.mark.django_db

ROTA = "/b/nijmegen-oost/online-help/rota/"
MONDAY = dt.date(2026, 12, 14)  # the week after "mon-12:00" (7 December)
QUERIES_ROTA = 9  # session, member (with the badge and the header name), the desk, the shifts…


@pytest.fixture(autouse=True)
def _monday_noon(time_machine):
    time_machine.move_to(MOMENTS["mon-12:00"], tick=False)


def _sign_up(client, day=MONDAY, starts="09:00", ends="13:00"):
    return client.post(f"{ROTA}shifts/", {"date": day.isoformat(), "starts": starts, "ends": ends})


def test_a_shift_fills_part_of_the_hours_and_the_rest_is_a_gap(client, desk, worker):
    client.force_login(worker)
    assert _sign_up(client).status_code == 302
    page = client.get(ROTA).content.decode()
    monday = page[page.index("maandag 14 december") : page.index("dinsdag 15 december")]
    assert "09:00–13:00 Wendy" in monday and "Sterker Welzijn" in monday
    assert "Nog niemand</strong>: 13:00–17:00" in monday
    tuesday = page[page.index("dinsdag 15 december") : page.index("woensdag 16 december")]
    assert "Nog niemand</strong>: 09:00–17:00" in tuesday
    saturday = page[page.index("zaterdag 19 december") : page.index("zondag 20 december")]
    assert "Gesloten" in saturday and "Nog niemand" not in saturday


def test_a_gap_is_taken_with_one_button_and_a_gap_that_has_passed_has_none(
    client, desk, worker, time_machine
):
    """Wednesday 9 December, noon: Monday's and Tuesday's gaps have passed; today's (until
    17:00) and next week's are taken with one press (the button posts the gap's day and
    hours)."""
    import re

    time_machine.move_to(MOMENTS["wed-12:00"], tick=False)
    client.force_login(worker)
    page = client.get(ROTA).content.decode()
    gaps = re.findall(
        r'name="date" value="([\d-]+)"><input type="hidden" name="starts" value="([\d:]+)">'
        r'<input type="hidden" name="ends" value="([\d:]+)">',
        page,
    )
    assert {day for day, *_ in gaps if day < "2026-12-09"} == set()
    assert ("2026-12-09", "09:00", "17:00") in gaps and ("2026-12-14", "09:00", "17:00") in gaps
    assert "Ik neem deze uren" in page
    day, starts, ends = gaps[-1]
    response = client.post(f"{ROTA}shifts/", {"date": day, "starts": starts, "ends": ends})
    assert response.status_code == 302
    assert Shift.objects.get().worker == worker
    page = client.get(ROTA).content.decode()
    assert page.count("Ik neem deze uren") == len(gaps) - 1


def test_a_shift_must_fall_within_the_hours_and_the_coming_weeks(client, desk, worker):
    client.force_login(worker)
    outside = _sign_up(client, starts="18:00", ends="20:00")
    assert outside.status_code == 400
    assert "binnen de openingstijden" in outside.content.decode()
    assert _sign_up(client, day=dt.date(2026, 12, 4)).status_code == 400  # past
    assert _sign_up(client, day=dt.date(2027, 2, 1)).status_code == 400  # too far
    assert _sign_up(client, starts="13:00", ends="10:00").status_code == 400
    assert _sign_up(client).status_code == 302
    assert _sign_up(client, starts="12:00", ends="15:00").status_code == 400  # overlaps
    assert Shift.objects.count() == 1


def test_a_worker_cancels_their_own_shift_only(client, nb, desk, worker, welfare):
    colleague = member(nb, first_name="Karin")
    welfare.staff.add(colleague)
    client.force_login(colleague)
    _sign_up(client, starts="13:00", ends="17:00")
    theirs = Shift.objects.get()
    client.force_login(worker)
    _sign_up(client)
    mine = Shift.objects.get(worker=worker)
    assert client.post(f"{ROTA}shifts/{theirs.pk}/cancel/").status_code == 404
    page = client.get(ROTA).content.decode()
    assert 'class="rota-ours">13:00–17:00 Karin' in page  # their organisation's, marked
    assert client.post(f"{ROTA}shifts/{mine.pk}/cancel/").status_code == 302
    assert list(Shift.objects.all()) == [theirs]


def test_another_organisations_shifts_are_not_marked_as_ours(client, nb, desk, worker):
    youth = OrganisationFactory(name="Jongerenwerk", slug="jongerenwerk")
    youth.neighbourhoods.add(nb)
    jorrit = member(nb, first_name="Jorrit")
    youth.staff.add(jorrit)
    DeskOrganisation.objects.create(desk=desk, organisation=youth)
    client.force_login(jorrit)
    assert _sign_up(client).status_code == 302
    client.force_login(worker)
    page = client.get(ROTA).content.decode()
    assert '<li class="">09:00–13:00 Jorrit' in page and "(Jongerenwerk)" in page


def test_coordinators_edit_the_hours_other_workers_do_not(client, nb, desk, worker, welfare):
    data = {"weekday": "5", "starts": "10:00", "ends": "14:00"}
    client.force_login(worker)
    assert client.post(f"{ROTA}hours/", data).status_code == 403
    assert "Tijden toevoegen" not in client.get(ROTA).content.decode()
    DeskOrganisation.objects.get(desk=desk, organisation=welfare).coordinators.add(worker)
    assert client.post(f"{ROTA}hours/", data).status_code == 302
    saturday = ConsultationHour.objects.get(desk=desk, weekday=5)
    assert "zaterdag" in client.get("/b/nijmegen-oost/online-help/").content.decode()
    assert client.post(f"{ROTA}hours/", {**data, "ends": "09:00"}).status_code == 400
    assert client.post(f"{ROTA}hours/{saturday.pk}/delete/").status_code == 302
    assert not ConsultationHour.objects.filter(weekday=5).exists()


def test_only_the_desks_workers_open_the_rota(client, nb, desk, worker):
    assert client.get(ROTA).status_code == 302
    client.force_login(member(nb))
    assert client.get(ROTA).status_code == 403


SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
typed = st.one_of(st.text(max_size=12), st.times().map(lambda t: t.strftime("%H:%M")))


@SLOW
@given(day=st.one_of(st.dates().map(str), st.text(max_size=12)), starts=typed, ends=typed)
def test_shift_form(client, desk, worker, day, starts, ends):
    client.force_login(worker)
    response = client.post(f"{ROTA}shifts/", {"date": day, "starts": starts, "ends": ends})
    assert response.status_code in (302, 400)


@SLOW
@given(text=st.text(max_size=2100), outcome=st.sampled_from(["", "pointed", "x"]))
def test_answer_and_close_forms(client, nb, desk, worker, text, outcome):
    from django_scopes import scope

    from buurtplein.onlinehulp.tests.desk_world import ask

    with scope(neighbourhood=nb):
        question, _token, _code = ask(desk, nb)
    client.force_login(worker)
    base = f"/b/nijmegen-oost/online-help/questions/{question.pk}/"
    assert client.post(f"{base}answer/", {"text": text}).status_code in (302, 400)
    assert client.post(f"{base}note/", {"note-text": text}).status_code in (302, 400)
    close = client.post(f"{base}close/", {"topic": text[:200], "outcome": outcome})
    assert close.status_code in (302, 400)


def _shifts(desk, welfare, nb, count):
    """``count`` shifts of as many colleagues on the weekdays the rota shows."""
    days = [MONDAY + dt.timedelta(days=n) for n in range(19)]
    days = [day for day in days if day.weekday() < 5]
    for n in range(count):
        colleague = member(nb, first_name=f"Collega{n}", email=f"collega{n}@example.nl")
        welfare.staff.add(colleague)
        Shift.objects.create(
            desk=desk,
            worker=colleague,
            organisation=welfare,
            date=days[n % len(days)],
            starts=dt.time(9 + n % 4),
            ends=dt.time(13 + n % 4),
        )


@pytest.mark.parametrize("count", [10, 100])
def test_the_rota_reads_the_same_number_of_rows_for_10_shifts_and_for_100(
    client, nb, desk, welfare, worker, count, django_assert_num_queries
):
    """The four weeks of shifts, their people and organisations: as many queries for a busy
    rota as for a quiet one."""
    _shifts(desk, welfare, nb, count)
    client.force_login(worker)
    client.get(ROTA)  # warm: the session, the navigation's caches
    with django_assert_num_queries(QUERIES_ROTA):
        page = client.get(ROTA).content.decode()
    assert page.count("Collega") == count
