"""Whatever is typed into the logbook's forms, the answer is a page (302 or 400), never a 500;
what is stored always fits together, and a refused form keeps what was typed."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.core.life_domains import LifeDomain
from buurtplein.core.urls import nb_reverse
from buurtplein.logbook.models import MAX_MINUTES, MAX_PEOPLE, Entry, How, Kind

pytestmark = pytest.mark.django_db

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
numbers = st.one_of(st.integers(-5, 100_000).map(str), text)
days = st.one_of(
    st.integers(-20, 20).map(lambda n: (timezone.localdate() - dt.timedelta(n)).isoformat()),
    st.dates().map(str),
    text,
)

FORM = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def stored_well(entry: Entry) -> bool:
    if entry.kind == Kind.CONTACT:
        return entry.how in How.values and 1 <= entry.people <= MAX_PEOPLE
    if entry.kind == Kind.GROUP:
        return entry.how == "" and 1 <= entry.people <= MAX_PEOPLE
    return entry.how == "" and entry.people == 0 and 1 <= entry.minutes <= MAX_MINUTES


@FORM
@given(
    kind=st.sampled_from([*Kind.values, "", "x"]),
    domain=st.sampled_from([*LifeDomain.values, "", "x"]),
    how=st.sampled_from([*How.values, "", "x"]),
    people=numbers,
    minutes=st.one_of(st.sampled_from(["0", "15", "90", "480", "481", ""]), numbers),
    day=days,
    organisation=st.sampled_from(["", "own", "0", "x"]),
)
def test_register_form(
    client, nb, welfare, professional, kind, domain, how, people, minutes, day, organisation
):
    client.force_login(professional)
    data = {
        "kind": kind,
        "life_domain": domain,
        "how": how,
        "people": people,
        "minutes": minutes,
        "day": day,
        "organisation": str(welfare.pk) if organisation == "own" else organisation,
    }
    with scopes_disabled():
        before = Entry.objects.count()
    response = client.post(nb_reverse("logbook:register", nb), data)
    assert response.status_code in (302, 400)
    with scopes_disabled():
        made = list(Entry.objects.order_by("-pk")[: Entry.objects.count() - before])
    if response.status_code == 302:
        (entry,) = made
        assert stored_well(entry)
    else:
        assert made == []
        form = response.context["form"]
        assert form["people"].value() == people  # nothing typed is lost


@FORM
@given(
    how=st.sampled_from([*How.values, "", "x"]),
    domain=st.sampled_from([*LifeDomain.values, "", "x"]),
    organisation=st.sampled_from(["", "own", "0", "x"]),
)
def test_quick_form(client, nb, welfare, professional, how, domain, organisation):
    client.force_login(professional)
    data = {
        "how": how,
        "life_domain": domain,
        "organisation": str(welfare.pk) if organisation == "own" else organisation,
    }
    response = client.post(nb_reverse("logbook:quick", nb), data)
    assert response.status_code == 302
