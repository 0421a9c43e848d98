"""Demo data of the information pages: for each demo neighbourhood a small, believable tree —
waste and containers (with a page per kind), the community centre or village hall (opening
hours, renting a room), who to call for what, new in the neighbourhood, parking, playgrounds
(with a page for neighbours only) — written through the actions over the past year by the
neighbourhood's buurtverbinder and professional (in Nijmegen-Oost the demo log-ins Karim and
Sanne), with a few versions each and one page past its six-month check ("Parkeren"), so the demo
buurtverbinder sees "Controle nodig" right away."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from buurtplein.core.models import Membership, Role
from buurtplein.infopages import actions
from buurtplein.infopages.models import InfoPage, Visibility

DEMO_CONNECTOR = "demo-buurtverbinder@buurtplein.nl"
DEMO_PROFESSIONAL = "demo-professional@buurtplein.nl"

PLACES = {
    "nijmegen-oost": {
        "company": "Dar",
        "gft": "om de week op maandag",
        "gft_new": "om de week op dinsdag",
        "paper": "elke vierde woensdag",
        "pmd": "om de week op donderdag",
        "centre": "Buurthuis De Lindenberg",
        "centre_kind": "buurthuis",
        "address": "Sumatrastraat 40",
        "centre_phone": "024 322 40 40",
        "welfare": "Sterker Welzijn",
        "welfare_phone": "024 123 45 67",
        "municipality": "Gemeente Nijmegen",
        "municipality_phone": "14 024",
        "playgrounds": ["Speeltuin De Klimboom (Javastraat)", "Speelveld Tollensstraat"],
        "parking": "In heel Nijmegen-Oost betaal je voor parkeren, ook op zaterdag.",
    },
    "amersfoort-liendert": {
        "company": "ROVA",
        "gft": "om de week op dinsdag",
        "gft_new": "om de week op woensdag",
        "paper": "elke vierde vrijdag",
        "pmd": "om de week op donderdag",
        "centre": "Wijkcentrum Liendert",
        "centre_kind": "wijkcentrum",
        "address": "Van Randwijcklaan 3",
        "centre_phone": "033 765 43 20",
        "welfare": "Buurtkracht Amersfoort",
        "welfare_phone": "033 765 43 21",
        "municipality": "Gemeente Amersfoort",
        "municipality_phone": "14 033",
        "playgrounds": ["Speeltuin Liendert (Lupinestraat)", "Trapveldje Tulpstraat"],
        "parking": "Rond het winkelcentrum mag je 2 uur gratis parkeren met een blauwe kaart.",
    },
    "ooij": {
        "company": "Dar",
        "gft": "om de week op dinsdag",
        "gft_new": "om de week op woensdag",
        "paper": "elke vierde donderdag, opgehaald door de muziekvereniging",
        "pmd": "om de week op vrijdag",
        "centre": "Dorpshuis De Klinkert",
        "centre_kind": "dorpshuis",
        "address": "Dorpsstraat 40",
        "centre_phone": "024 663 12 34",
        "welfare": "Sterker Welzijn",
        "welfare_phone": "024 123 45 67",
        "municipality": "Gemeente Berg en Dal",
        "municipality_phone": "14 024",
        "playgrounds": ["Speeltuin Ooij (Schoolstraat)", "Het speelbos bij de dijk"],
        "parking": "In Ooij parkeer je gratis. Bij de kerk en het dorpshuis is plek genoeg.",
    },
}


def _pages(place: dict, name: str) -> list[dict]:
    """The tree of one neighbourhood, in order. Each page: its key, the key of its parent,
    title, quick facts, text, who wrote it and how many days ago, later edits as (days ago,
    who, change, note) where the change appends a paragraph, replaces the quick facts or
    restores an old version, and when it was last marked "still correct"."""
    p = place
    gft_body = (
        "In de **groene container** gaan groente-, fruit- en tuinafval en etensresten.\n\n"
        "- Zet de container voor 7.30 uur aan de straat, met het handvat naar de weg.\n"
        "- Etensresten in een krant of een papieren zak: dan blijft de bak schoon.\n"
        "- Geen plastic zakjes, ook geen ‘afbreekbare’.\n\n"
        "Is je container kapot of niet geleegd? Meld het bij " + p["company"] + "."
    )
    centre_body = (
        f"{p['centre']} is van en voor de buurt: koffie, een maaltijd, bewegen voor ouderen, "
        "het Repair Café en nog veel meer. Vrijwilligers houden het open, met hulp van "
        f"{p['welfare']}.\n\nKom gerust binnen, ook als je niemand kent."
    )
    return [
        {
            "key": "afval",
            "title": "Afval en containers",
            "facts": f"Ophaaldienst: {p['company']}\nGft: {p['gft']}\nPapier: {p['paper']}\n"
            f"Plastic, blik en pak: {p['pmd']}",
            "body": (
                f"Welke container gaat wanneer aan de straat? In {name} haalt {p['company']} het "
                "afval op. Op de pagina's hieronder staat per soort wat erin mag.\n\n"
                "Tip: zet de ophaaldagen in je agenda, of hang deze pagina op de koelkast."
            ),
            "who": "connector",
            "created": 320,
            "edits": [
                (
                    130,
                    "professional",
                    {
                        "append": "Kerstbomen: in de tweede week van januari gaan ze gratis "
                        "mee. Zet je boom zonder versiering naast de container."
                    },
                    "Kerstbomen erbij",
                )
            ],
            "checked": 25,
        },
        {
            "key": "gft",
            "parent": "afval",
            "title": "Gft en etensresten",
            "facts": f"Ophaaldag: {p['gft']}",
            "body": gft_body,
            "who": "connector",
            "created": 320,
            "edits": [
                (
                    45,
                    "connector",
                    {"facts": f"Ophaaldag: {p['gft_new']}"},
                    "Nieuwe ophaaldag voor de groene container",
                )
            ],
        },
        {
            "key": "papier",
            "parent": "afval",
            "title": "Papier en karton",
            "facts": f"Ophaaldag: {p['paper']}",
            "body": (
                "Papier en karton gaan in de **blauwe container** of in een doos naast de "
                "container.\n\n- Dozen plat maken.\n- Geen pizzadozen met vet, geen behang."
            ),
            "who": "professional",
            "created": 300,
            "edits": [],
            "checked": 50,
        },
        {
            "key": "pmd",
            "parent": "afval",
            "title": "Plastic, blik en drinkpakken",
            "facts": f"Ophaaldag: {p['pmd']}",
            "body": (
                "Plastic verpakkingen, blik en drinkpakken gaan samen in de oranje zak of "
                "container. Even leeg schudden is genoeg: uitspoelen hoeft niet."
            ),
            "who": "connector",
            "created": 300,
            "edits": [
                (
                    100,
                    "connector",
                    {
                        "append": "Grote stukken piepschuim horen er niet in: breng die naar "
                        "de milieustraat."
                    },
                    "Piepschuim: naar de milieustraat",
                )
            ],
        },
        {
            "key": "grofvuil",
            "parent": "afval",
            "title": "Grofvuil en de milieustraat",
            "facts": "Grofvuil ophalen: maak een afspraak bij " + p["company"],
            "body": (
                "Een oude bank, een matras of een kapotte wasmachine? Laat het gratis ophalen "
                f"(maak een afspraak bij {p['company']}) of breng het zelf naar de "
                "milieustraat.\n\n"
                "Nog heel? Zet het eerst bij **Vraag & aanbod**: vaak is een buur er blij mee."
            ),
            "who": "professional",
            "created": 260,
            "edits": [],
            "checked": 80,
        },
        {
            "key": "centre",
            "title": p["centre"],
            "facts": f"Adres: {p['address']}\nTelefoon: {p['centre_phone']}",
            "body": centre_body,
            "who": "professional",
            "created": 330,
            "edits": [
                (
                    70,
                    "connector",
                    {"facts": f"Adres: {p['address']}\nTelefoon beheerder: {p['centre_phone']}"},
                    "Telefoonnummer van de beheerder erbij",
                )
            ],
            "checked": 15,
        },
        {
            "key": "hours",
            "parent": "centre",
            "title": "Openingstijden",
            "facts": "Maandag t/m vrijdag: 9.00–17.00 uur\nDinsdagavond: 19.00–22.00 uur\n"
            "Zaterdag: 10.00–13.00 uur",
            "body": (
                "**Elke werkdag** om 12.30 uur is er een warme maaltijd voor € 4,50. Even "
                "aanmelden de dag ervoor.\n\n"
                "- Dinsdag 10.00 uur: bewegen voor ouderen\n"
                "- Donderdag 14.00 uur: bridgeles\n"
                "- Eerste zaterdag van de maand: Repair Café\n\n"
                "In de schoolvakanties zijn we 's avonds dicht."
            ),
            "who": "professional",
            "created": 330,
            "edits": [
                (
                    200,
                    "professional",
                    {
                        "append": "**Zomer:** in juli en augustus zijn we open van 10.00 tot "
                        "15.00 uur."
                    },
                    "Zomertijden toegevoegd",
                ),
                (90, "professional", {"restore": 1}, ""),
            ],
        },
        {
            "key": "rooms",
            "parent": "centre",
            "title": "Zalen huren",
            "facts": "Kleine zaal: € 12,50 per dagdeel\nGrote zaal: € 25 per dagdeel\n"
            f"Reserveren: {p['centre_phone']}",
            "body": (
                f"Voor een verjaardag, een cursus of een vergadering kun je een zaal huren in "
                f"{p['centre']}. Bewonersinitiatieven betalen de helft.\n\n"
                "Koffie en thee regel je met de beheerder."
            ),
            "who": "professional",
            "created": 280,
            "edits": [],
            "checked": 35,
        },
        {
            "key": "who",
            "title": "Wie bel je waarvoor",
            "facts": (
                "Noodgeval: 112\n"
                "Politie, geen spoed: 0900-8844 (vraag naar de wijkagent)\n"
                f"{p['welfare']}: {p['welfare_phone']}\n"
                f"{p['municipality']}: {p['municipality_phone']}\n"
                "Storing gas of stroom: 0800-9009"
            ),
            "body": (
                "**Huisarts 's avonds of in het weekend?** Bel je eigen huisarts: je hoort dan "
                "het nummer van de huisartsenpost.\n\n"
                f"**Zorgen over een buur, geldzorgen of eenzaam?** {p['welfare']} denkt met je "
                "mee, of stuur een bericht aan een buurtverbinder.\n\n"
                "**Losse stoeptegel, kapotte lantaarnpaal?** Meld het bij de gemeente: bel "
                f"{p['municipality_phone']} of gebruik de app van de gemeente."
            ),
            "who": "professional",
            "created": 250,
            "edits": [
                (
                    60,
                    "connector",
                    {
                        "append": "**Iets gezien dat niet klopt in de straat?** De wijkagent "
                        "hoort het graag: bel 0900-8844 en vraag naar de wijkagent."
                    },
                    "Wijkagent erbij",
                )
            ],
        },
        {
            "key": "new",
            "title": "Nieuw in de buurt",
            "facts": "",
            "body": (
                f"Welkom in {name}! Een paar dingen om te weten:\n\n"
                f"- Kom eens koffie drinken in {p['centre']}.\n"
                "- Kijk bij *Afval en containers* welke container wanneer aan de straat gaat.\n"
                "- Stel jezelf voor op het plein: buren helpen je graag op weg.\n\n"
                "Vragen? Een buurtverbinder helpt je."
            ),
            "who": "connector",
            "created": 200,
            "edits": [
                (
                    30,
                    "connector",
                    {
                        "append": f"Elke eerste woensdagmiddag van de maand is er een inloop "
                        f"voor nieuwe buren in {p['centre']}."
                    },
                    "Inloop voor nieuwe buren",
                )
            ],
        },
        {
            "key": "parking",
            "title": "Parkeren",
            "facts": "",
            "body": p["parking"] + "\n\nEen bewonersvergunning vraag je aan bij de gemeente.",
            "who": "connector",
            "created": 290,
            "edits": [
                (
                    215,
                    "connector",
                    {"append": "Kijk voor de tarieven van 2026 op de site van de gemeente."},
                    "Tarieven 2026",
                )
            ],
        },
        {
            "key": "play",
            "title": "Speeltuinen",
            "facts": "",
            "body": "Speelplekken in de buurt:\n\n"
            + "\n".join(f"- {playground}" for playground in p["playgrounds"])
            + "\n\nKapot speeltoestel? Meld het bij de gemeente.",
            "who": "connector",
            "created": 150,
            "edits": [],
            "checked": 10,
        },
        {
            "key": "key",
            "parent": "play",
            "title": "Sleutel van de speeltuin",
            "facts": "Sleutel ophalen: bij de beheerder van " + p["centre"],
            "body": (
                f"De speeltuin is na 20.00 uur op slot. Buren die op de kinderen passen kunnen "
                f"de sleutel lenen bij {p['centre']}; breng hem dezelfde avond terug."
            ),
            "visibility": Visibility.MEMBERS,
            "who": "connector",
            "created": 150,
            "edits": [],
        },
    ]


def _editors(neighbourhood, members) -> tuple:
    roles = dict(
        Membership.objects.filter(
            neighbourhood=neighbourhood, status=Membership.Status.VERIFIED
        ).values_list("user_id", "role")
    )

    def pick(email, role):
        preferred = next((m for m in members if m.email == email), None)
        if preferred is not None and roles.get(preferred.pk) == role:
            return preferred
        return next((m for m in members if roles.get(m.pk) == role), None)

    connector = pick(DEMO_CONNECTOR, Role.CONNECTOR)
    professional = pick(DEMO_PROFESSIONAL, Role.PROFESSIONAL) or connector
    return connector or professional, professional


def seed(neighbourhood, members, rng) -> None:
    if InfoPage.objects.filter(neighbourhood=neighbourhood).exists():
        return
    connector, professional = _editors(neighbourhood, members)
    if connector is None:
        return
    people = {"connector": connector, "professional": professional}
    place = PLACES.get(neighbourhood.slug, PLACES["nijmegen-oost"])
    now = timezone.now()
    made: dict[str, InfoPage] = {}
    for spec in _pages(place, neighbourhood.name):
        author = people[spec["who"]]
        created = now - timedelta(days=spec["created"], minutes=rng.randint(0, 600))
        page = actions.page_create(
            actor=author,
            neighbourhood=neighbourhood,
            title=spec["title"],
            body=spec["body"],
            facts=spec["facts"],
            parent=made.get(spec.get("parent")),
            visibility=spec.get("visibility", Visibility.PUBLIC),
            now=created,
        )
        made[spec["key"]] = page
        for days, who, change, note in spec["edits"]:
            when = now - timedelta(days=days, minutes=rng.randint(0, 600))
            if "restore" in change:
                old = page.versions.get(number=change["restore"])
                actions.page_restore(actor=people[who], page=page, version=old, now=when)
                continue
            body = page.body
            if "append" in change:
                body = f"{body}\n\n{change['append']}"
            actions.page_update(
                actor=people[who],
                page=page,
                base_version=page.version,
                title=page.title,
                body=body,
                facts=change.get("facts", page.facts),
                note=note,
                now=when,
            )
        if spec.get("checked"):
            actions.page_check(
                actor=people[spec["who"]], page=page, now=now - timedelta(days=spec["checked"])
            )
