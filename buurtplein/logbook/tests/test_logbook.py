"""A professional registers their own work in a few taps: the form remembers the last choices,
"+1 contact" registers with one tap (with and without JavaScript), entries of the last days can
be corrected or deleted, and the week and month so far are counted per life domain — the
professional's own and, for the staff, the organisation's."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.moments import MOMENTS, local
from buurtplein.core.urls import nb_reverse
from buurtplein.logbook import actions, privacy, selectors
from buurtplein.logbook.models import EDIT_DAYS, Entry, Kind
from buurtplein.logbook.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = local(dt.date(2026, 12, 9), dt.time(11))


def url(nb, name, **kwargs):
    return nb_reverse(f"logbook:{name}", nb, kwargs=kwargs or None)


def entries(**filters):
    with scopes_disabled():
        return list(Entry.objects.filter(**filters).order_by("pk"))


def form_data(**changes):
    data = {
        "kind": "contact",
        "life_domain": "money",
        "how": "home_visit",
        "people": "2",
        "minutes": "60",
        "day": timezone.localdate().isoformat(),
        "organisation": "",
    }
    data.update(changes)
    return data


def test_a_contact_moment_is_registered_and_the_page_remembers_the_choices(
    client, nb, welfare, professional
):
    client.force_login(professional)
    page = client.get(url(nb, "register"))
    assert page.status_code == 200
    assert "schrijf nooit namen" in page.text  # counting, not a client file
    assert (
        f'value="{timezone.localdate().isoformat()}"' in page.text
    )  # today, as a browser reads it
    response = client.post(
        url(nb, "register"), form_data(organisation=str(welfare.pk), life_domain="housing")
    )
    assert response.status_code == 302
    (entry,) = entries(author=professional)
    assert (entry.kind, entry.how, entry.people, entry.minutes) == ("contact", "home_visit", 2, 60)
    assert entry.organisation == welfare and entry.life_domain == "housing"
    assert entry.day == timezone.localdate()
    # The next time the form starts from these choices, and the entry is in the list.
    page = client.get(url(nb, "register"))
    form = page.context["form"]
    assert form["life_domain"].value() == "housing" and form["how"].value() == "home_visit"
    assert form["organisation"].value() == welfare.pk
    assert page.context["recent"] == [entry]
    assert "Geregistreerd: een contactmoment (huisbezoek, wonen)." in page.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"how": ""}, "how"),  # a contact moment: how?
        ({"people": "0"}, "people"),
        ({"kind": "group", "people": ""}, "people"),
        ({"kind": "hours", "minutes": "0"}, "minutes"),
        ({"day": "tomorrow"}, "day"),
        ({"life_domain": "gardening"}, "life_domain"),
    ],
)
def test_what_does_not_fit_is_refused_with_everything_kept(
    client, nb, professional, changes, field
):
    client.force_login(professional)
    response = client.post(url(nb, "register"), form_data(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert response.context["form"]["minutes"].value() == form_data(**changes)["minutes"]
    assert entries() == []


def test_only_a_date_of_the_last_days_and_not_in_the_future(client, nb, professional):
    client.force_login(professional)
    today = timezone.localdate()
    for days, status in ((-1, 400), (EDIT_DAYS + 1, 400), (EDIT_DAYS, 302), (0, 302)):
        day = (today - dt.timedelta(days=days)).isoformat()
        assert client.post(url(nb, "register"), form_data(day=day)).status_code == status


def test_group_and_hours_keep_only_what_fits_them(nb, professional):
    with scope(neighbourhood=nb):
        group = actions.entry_create(
            author=professional,
            neighbourhood=nb,
            kind=Kind.GROUP,
            how="phone",
            life_domain="taking_part",
            people=12,
            minutes=120,
        )
        hours = actions.entry_create(
            author=professional,
            neighbourhood=nb,
            kind=Kind.HOURS,
            how="phone",
            life_domain="money",
            people=3,
            minutes=45,
        )
    assert (group.how, group.people, group.minutes) == ("", 12, 120)
    assert (hours.how, hours.people, hours.minutes) == ("", 0, 45)


def test_not_for_an_organisation_one_does_not_work_for(client, nb, professional):
    stranger = OrganisationFactory(name="Andere club")
    stranger.neighbourhoods.add(nb)
    client.force_login(professional)
    response = client.post(url(nb, "register"), form_data(organisation=str(stranger.pk)))
    assert response.status_code == 400 and response.context["form"].errors["organisation"]
    with scope(neighbourhood=nb), pytest.raises(ValidationError) as refused:
        actions.entry_create(
            author=professional,
            neighbourhood=nb,
            organisation=stranger,
            kind=Kind.HOURS,
            life_domain="money",
            minutes=30,
        )
    assert list(refused.value.error_dict) == ["organisation"]


def test_plus_one_contact_with_one_tap_without_javascript(client, nb, welfare, professional):
    with scope(neighbourhood=nb):
        EntryFactory(neighbourhood=nb, author=professional, organisation=welfare, how="online")
    client.force_login(professional)
    page = client.get(url(nb, "register"))
    (tap,) = page.context["quick"]
    assert (tap.how, tap.life_domain, tap.organisation_id) == ("online", "money", welfare.pk)
    data = {"how": "online", "life_domain": "money", "organisation": str(welfare.pk)}
    response = client.post(url(nb, "quick"), data)
    assert response.status_code == 302
    assert len(entries(author=professional, how="online", organisation=welfare)) == 2
    assert "Geregistreerd: een contactmoment (online, " in client.get(response.url).text


def test_plus_one_contact_with_htmx_updates_today_in_place(client, nb, professional):
    client.force_login(professional)
    data = {"how": "phone", "life_domain": "health", "organisation": ""}
    response = client.post(url(nb, "quick"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "1 contactmoment" in response.text
    assert 'data-hx-swap-oob="true"' in response.text  # the list of the last days too
    response = client.post(url(nb, "quick"), data, headers={"HX-Request": "true"})
    assert "2 contactmomenten" in response.text
    bad = client.post(url(nb, "quick"), {"how": "x"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400 and "lukte niet" in bad.text
    assert len(entries(author=professional)) == 2


def test_an_entry_of_the_last_days_is_corrected_and_deleted(client, nb, professional):
    with scope(neighbourhood=nb):
        entry = EntryFactory.ago(2, neighbourhood=nb, author=professional)
    client.force_login(professional)
    assert client.get(url(nb, "edit", pk=entry.pk)).status_code == 200
    response = client.post(
        url(nb, "edit", pk=entry.pk), form_data(kind="group", people="8", minutes="90")
    )
    assert response.status_code == 302
    (changed,) = entries(author=professional)
    assert (changed.kind, changed.people, changed.how) == ("group", 8, "")
    assert changed.day == timezone.localdate()
    assert client.post(url(nb, "delete", pk=entry.pk)).status_code == 302
    assert entries() == []


def test_nobody_corrects_another_ones_entry_or_an_old_one(client, nb, professional, colleague):
    with scope(neighbourhood=nb):
        theirs = EntryFactory(neighbourhood=nb, author=colleague)
        old = EntryFactory.ago(EDIT_DAYS + 1, neighbourhood=nb, author=professional)
    client.force_login(professional)
    for entry in (theirs, old):
        assert client.get(url(nb, "edit", pk=entry.pk)).status_code == 404
        assert client.post(url(nb, "delete", pk=entry.pk)).status_code == 404
    assert len(entries()) == 2


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_week_and_the_month_so_far_per_life_domain(nb, professional, colleague, moment):
    with time_machine.travel(moment, tick=False):
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday())
        with scope(neighbourhood=nb):
            EntryFactory(neighbourhood=nb, author=professional, people=2, life_domain="money")
            EntryFactory(
                neighbourhood=nb,
                author=professional,
                day=monday,
                kind=Kind.GROUP,
                how="",
                people=10,
                minutes=90,
                life_domain="taking_part",
            )
            month_before = today.replace(day=1) - dt.timedelta(1)
            EntryFactory(  # the last day of the month before: never in this month
                neighbourhood=nb, author=professional, day=month_before
            )
            EntryFactory(neighbourhood=nb, author=colleague)  # not mine
            viewer = type("V", (), {"user": professional})()
            week, month = selectors.my_overview(viewer)
        assert week.start == monday and month.start == today.replace(day=1)
        money = next(line for line in week.lines if line.domain == "money")
        # (New Year's Day: this week began in December.)
        in_week = 1 if month_before >= monday else 0
        assert (money.contacts, money.people) == (1 + in_week, 2 + in_week)
        in_month = monday >= today.replace(day=1)
        assert (month.total.groups, month.total.participants) == ((1, 10) if in_month else (0, 0))
        assert week.total.minutes == 90 and week.total.hours == "1:30"
        assert month.total.contacts == 1


def test_the_overview_page_and_the_organisations_totals(
    client, nb, welfare, professional, colleague
):
    elsewhere = OrganisationFactory(name="Andere organisatie")
    elsewhere.neighbourhoods.add(nb)
    with time_machine.travel(WEDNESDAY, tick=False), scope(neighbourhood=nb):
        EntryFactory(neighbourhood=nb, author=professional, organisation=welfare)
        EntryFactory(neighbourhood=nb, author=colleague, organisation=welfare, people=3)
        EntryFactory(neighbourhood=nb, author=colleague)  # for no organisation
        EntryFactory(neighbourhood=nb, author=colleague, organisation=elsewhere)
        client.force_login(professional)
        page = client.get(url(nb, "overview"))
        assert page.status_code == 200 and page.context["week"].total.contacts == 1
        assert list(page.context["organisations"]) == [welfare]
        page = client.get(url(nb, "organisation", pk=welfare.pk))
        assert page.status_code == 200
        assert (page.context["week"].total.contacts, page.context["week"].total.people) == (2, 4)
        assert "Cora" not in page.text  # totals, not who registered them
        assert client.get(url(nb, "organisation", pk=elsewhere.pk)).status_code == 404
        # Staff who register nothing themselves (a resident on a club's board) see the
        # organisation's totals too, and its page links there.
        board = member(nb, first_name="Bert")
        welfare.staff.add(board)
        client.force_login(board)
        assert client.get(url(nb, "register")).status_code == 403
        assert client.get(url(nb, "overview")).context["week"] is None
        assert client.get(url(nb, "organisation", pk=welfare.pk)).status_code == 200
        org_page = client.get(nb_reverse("nb:organisation", nb, kwargs={"slug": welfare.slug}))
        assert url(nb, "organisation", pk=welfare.pk) in org_page.text


def test_export_and_erasure_keep_the_figures_without_the_name(nb, welfare, professional):
    with scope(neighbourhood=nb):
        EntryFactory(neighbourhood=nb, author=professional, organisation=welfare, minutes=30)
    exported = privacy.export(professional)["registrations"]
    assert exported[0]["organisation"] == "Sterker Welzijn" and exported[0]["minutes"] == 30
    professional.delete()
    (entry,) = entries()
    assert entry.author is None and entry.organisation == welfare
    assert privacy.stats(nb) == {"logbook_entries": 1, "logbook_minutes": 30}


def test_a_buurtverbinder_does_not_register(client, nb):
    client.force_login(member(nb, role=Role.CONNECTOR))
    assert client.get(url(nb, "register")).status_code == 403
