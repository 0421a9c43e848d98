"""The demo's sociale kaart, as a person trying it notices it (``seed_demo --scale tiny``,
the shared ``seeded_demo``: seeded on the day the tests run, whatever day that is)."""

from django_scopes import scopes_disabled

from buurtplein.core.models import Neighbourhood
from buurtplein.socialmap import hsds
from buurtplein.socialmap.models import (
    Hours,
    LifeDomain,
    Professional,
    Service,
    ServiceFeedback,
    ServicePerson,
)

KINDS = {
    "Geldzaken op orde",
    "Algemeen maatschappelijk werk",
    "Wijkverpleging",
    "Taalhuis: beter lezen, schrijven en rekenen",
    "Repair Café",
    "Voedselbank: uitgiftepunt",
    "Jongerenwerk",
    "Steunpunt Mantelzorg",
    "Ouderenadviseur",
    "Formulierenhulp en digihulp",
    "Maatjesproject Samen Op Pad",
    "Buurtbemiddeling",
    "Opvoedsteunpunt (CJG)",
    "Wmo-loket: hulp en voorzieningen thuis",
}


def test_every_demo_neighbourhood_has_its_sociale_kaart_in_every_state(seeded_demo):
    with scopes_disabled():
        for nb in Neighbourhood.objects.all():
            services = Service.objects.filter(neighbourhood=nb)
            names = set(services.values_list("name", flat=True))
            assert names >= KINDS and 16 <= len(names) <= 18, nb.slug
            # Every life domain is covered, something is open on every weekday, some places
            # have no step and a hearing loop, and the services are in several languages.
            domains = {d for s in services for d in s.life_domains}
            assert domains == set(LifeDomain.values), nb.slug
            weekdays = set(
                Hours.objects.filter(neighbourhood=nb)
                .exclude(kind=Hours.Kind.PHONE)
                .values_list("weekday", flat=True)
            )
            assert set(range(5)) <= weekdays, nb.slug
            assert services.filter(locations__wheelchair=True, locations__hearing_loop=True)
            assert services.filter(is_free=False).exists() and services.filter(is_free=True)
            assert any("ar" in s.languages for s in services)
            assert all(s.organisation.neighbourhoods.filter(pk=nb.pk).exists() for s in services)
            # Every state: fresh, asked "klopt dit nog?", possibly out of date, corrected.
            assert services.filter(stale_since__isnull=False).count() == 2
            assert services.filter(check_asked_at__isnull=False, stale_since=None).count() == 1
            assert ServiceFeedback.objects.filter(neighbourhood=nb, handled_at=None).count() == 1
            # The professionals have a card and give services.
            cards = Professional.objects.filter(neighbourhood=nb)
            assert cards.exists() and all(card.job_title for card in cards)
            assert ServicePerson.objects.filter(neighbourhood=nb).exists()
            # …and it is all open data.
            assert len(hsds.export_json(nb)) == len(names)
    with scopes_disabled():
        sanne = Professional.objects.get(user__email="demo-professional@buurtplein.nl")
        given = ServicePerson.objects.filter(user=sanne.user)
        assert "Geldzaken op orde" in {person.service.name for person in given}
