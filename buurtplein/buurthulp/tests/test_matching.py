"""Matching: who is asked for a request, in which order, and the one-line reason."""

import pytest
from django.utils import translation
from django_scopes import scope

from buurtplein.accounts import vocabulary
from buurtplein.buurthulp import embeddings, matching, tasks
from buurtplein.buurthulp.models import HelpMatch, RequestVisibility
from buurtplein.buurthulp.tests.factories import make_helper, person
from buurtplein.core.models import Role


def asked(help_request):
    """The helpers asked for a request, best first, with their reason in Dutch."""
    with scope(neighbourhood=help_request.neighbourhood), translation.override("nl"):
        return [
            (m.helper_id, matching.reason_text(m.reason))
            for m in HelpMatch.objects.filter(request=help_request).order_by("-score", "id")
        ]


def helpers_of_the_neighbourhood(nb):
    """A small, mixed pool: one DIY neighbour 300 m away, and others who do other things."""
    return {
        "diy": make_helper(
            nb,
            skills=["diy"],
            likes_to_do="Ik hang graag lampen op en zet kasten in elkaar. Ik heb een boormachine.",
            postcode="6522AB",
            first_name="Henk",
        ),
        "computer": make_helper(
            nb,
            skills=["computer-help"],
            likes_to_do="Ik help met de telefoon, WhatsApp en DigiD.",
            postcode="6522AA",
        ),
        "company": make_helper(
            nb,
            skills=["company"],
            interests=["coffee", "walking"],
            likes_to_do="Samen koffie drinken en een praatje maken.",
            postcode="6522AA",
        ),
        "garden": make_helper(
            nb, skills=["garden-care"], likes_to_do="Snoeien en gras maaien.", postcode="6522AB"
        ),
        "tutoring": make_helper(
            nb, skills=["tutoring"], likes_to_do="Bijles wiskunde.", postcode="6522AB"
        ),
        "far_diy": make_helper(
            nb, skills=["diy"], postcode="6522AH", max_distance_km=5.0, first_name="Ruud"
        ),
    }


@pytest.mark.parametrize("semantic", ["off", "on"])
def test_lamp_request_finds_the_diy_neighbour_first(nb, asker, ask, settings, semantic):
    """The same ranking with stored embeddings and, as a fallback, on keywords alone."""
    settings.BUURTPLEIN_EMBEDDINGS = semantic
    helpers = helpers_of_the_neighbourhood(nb)
    if semantic == "on":
        assert embeddings.available()
        for profile in helpers.values():  # through the real background task
            assert tasks.embed_helper.enqueue(profile.pk).return_value is True
    help_request = ask(asker, "Wie kan een lamp ophangen?", "In de woonkamer, ik heb geen boor.")

    found = asked(help_request)
    assert found[0] == (helpers["diy"].user_id, "Vaardigheid: klussen · 300 m van je")
    assert found[1][0] == helpers["far_diy"].user_id
    ids = [user_id for user_id, _reason in found]
    assert helpers["tutoring"].user_id not in ids
    assert helpers["computer"].user_id not in ids
    with scope(neighbourhood=nb):
        help_request.refresh_from_db()
    assert (help_request.embedding is not None) == (semantic == "on")


def test_semantic_signal_finds_a_helper_keywords_miss(nb, asker, ask, settings):
    """An electrician who "hangs lighting" has no DIY skill and shares no word with "lamp
    ophangen": only the embeddings (computed by the task) see the fit."""
    settings.BUURTPLEIN_EMBEDDINGS = "on"
    helpers = helpers_of_the_neighbourhood(nb)
    electrician = make_helper(
        nb,
        likes_to_do="Gepensioneerd elektricien. Ik monteer graag verlichting en plafondlampen.",
        postcode="6522AA",
    )
    del helpers["diy"], helpers["far_diy"]  # nobody with the DIY skill this time
    with scope(neighbourhood=nb):
        from buurtplein.buurthulp.models import HelperProfile

        HelperProfile.objects.filter(skills__slug="diy").update(active=False)
    matching.invalidate_pool(nb.pk)
    for profile in [*helpers.values(), electrician]:
        tasks.embed_helper.enqueue(profile.pk)
    help_request = ask(asker, "Wie kan een lamp ophangen?", topic="other")
    found = dict(asked(help_request))
    assert electrician.user_id in found
    assert helpers["tutoring"].user_id not in found

    # The same request on keywords only: the electrician's words do not match.
    settings.BUURTPLEIN_EMBEDDINGS = "off"
    again = ask(asker, "Wie kan een lamp ophangen?", topic="other")
    assert electrician.user_id not in dict(asked(again))


def test_embeddings_are_not_recomputed_when_the_text_did_not_change(nb, settings):
    settings.BUURTPLEIN_EMBEDDINGS = "on"
    profile = make_helper(nb, skills=["diy"], likes_to_do="Klussen in huis.")
    assert tasks.embed_helper.enqueue(profile.pk).return_value is True
    assert tasks.embed_helper.enqueue(profile.pk).return_value is False


def test_helpers_beyond_their_own_distance_are_not_asked(nb, asker, ask):
    near_only = make_helper(nb, skills=["diy"], postcode="6522AK", max_distance_km=1.0)
    far_ok = make_helper(nb, skills=["diy"], postcode="6522AK", max_distance_km=5.0)
    found = dict(asked(ask(asker, "Plank ophangen", topic="odd_jobs")))
    assert near_only.user_id not in found
    assert found[far_ok.user_id] == "Vaardigheid: klussen · 2,7 km van je"


def test_a_shared_language_comes_first_for_an_asker_who_speaks_no_dutch(nb, ask):
    asker = person(nb, postcode="6522AA", languages=["ar", "en"])
    dutch_only = make_helper(nb, skills=["shopping"], languages=["nl"], postcode="6522AA")
    arabic = make_helper(nb, skills=["shopping"], languages=["nl", "ar"], postcode="6522AB")
    found = asked(ask(asker, "Wie doet boodschappen voor mij?", topic="shopping"))
    assert [user_id for user_id, _ in found] == [arabic.user_id, dutch_only.user_id]
    assert found[0][1] == "Vaardigheid: boodschappen doen · 300 m van je · spreekt Arabisch"


def test_helpers_free_at_the_asked_time_come_first(nb, asker, ask):
    evenings = [f"{day}-evening" for day in matching.DAYS]
    mornings = [f"{day}-morning" for day in matching.DAYS]
    morning_helper = make_helper(nb, skills=["diy"], availability=mornings, postcode="6522AA")
    evening_helper = make_helper(nb, skills=["diy"], availability=evenings, postcode="6522AB")
    found = asked(
        ask(asker, "Kast in elkaar zetten", topic="odd_jobs", when="soon", dayparts=["evening"])
    )
    assert [user_id for user_id, _ in found] == [evening_helper.user_id, morning_helper.user_id]
    assert found[0][1].endswith("heeft tijd wanneer jij het nodig hebt")


def test_recent_load_spreads_requests_over_helpers():
    """Pure ranking: equally fit helpers, the one asked most recently comes last."""
    pool = matching.build_pool(
        [{"id": i, "user_id": 100 + i, "likes_to_do": "klussen"} for i in range(1, 4)],
        skills=[],
        interests=[],
        points={},
    )
    features = matching.RequestFeatures(stems=matching.stems("klussen"), wanted={})
    first = matching.rank(features, pool, load={})
    assert [s.candidate.user_id for s in first] == [101, 102, 103]
    spread = matching.rank(features, pool, load={101: 3, 102: 1})
    assert [s.candidate.user_id for s in spread] == [103, 102, 101]


def test_nobody_gets_every_request(nb, ask):
    helpers = [make_helper(nb, skills=["diy"], postcode="6522AB") for _ in range(8)]
    askers = [person(nb, postcode="6522AA") for _ in range(8)]
    for n, someone in enumerate(askers):
        ask(someone, f"Wie kan een schilderij ophangen? ({n})", topic="odd_jobs")
    with scope(neighbourhood=nb):
        counts = [HelpMatch.objects.filter(helper=h.user).count() for h in helpers]
    assert max(counts) < len(askers)
    assert max(counts) - min(counts) <= 1


def test_sensitive_words_route_to_a_professional(nb, asker, ask, professional):
    helper = make_helper(nb, skills=["paperwork"], postcode="6522AB")
    help_request = ask(
        asker, "Ik heb schulden en de deurwaarder komt", "Kan iemand helpen met de brieven?"
    )
    found = asked(help_request)
    assert found[0][0] == professional.pk
    assert found[0][1] == "Professional in deze buurt"
    assert helper.user_id in dict(found)


def test_professionals_only_requests_never_go_to_neighbours(nb, asker, ask, professional, client):
    helper = make_helper(nb, skills=["company"], postcode="6522AA")
    help_request = ask(
        asker,
        "Ik voel me eenzaam sinds mijn man is overleden",
        topic="company",
        visibility=RequestVisibility.PROFESSIONALS,
    )
    assert [user_id for user_id, _ in asked(help_request)] == [professional.pk]
    client.force_login(helper.user)
    response = client.get(f"/b/{nb.slug}/help/{help_request.pk}/")
    assert response.status_code == 404
    # The professional is asked as a professional, not as "the right neighbour".
    from django.core import mail

    to_professional = [m for m in mail.outbox if m.to == [professional.email]]
    assert len(to_professional) == 1
    assert "waar een professional het beste bij kan helpen" in to_professional[0].body
    assert "goede buur" not in to_professional[0].body
    assert not [m for m in mail.outbox if m.to == [helper.user.email]]


def test_the_asker_and_who_asked_for_them_are_never_suggested(nb, ask, connector, run_tasks):
    asker = person(nb, postcode="6522AA")
    make_helper(nb, user=asker, skills=["diy"])
    make_helper(nb, user=connector, skills=["diy"])
    other = make_helper(nb, skills=["diy"], postcode="6522AB")
    help_request = ask(
        asker, "Lamp ophangen", topic="odd_jobs", created_by=connector, consent_method="phone"
    )
    assert [user_id for user_id, _ in asked(help_request)] == [other.user_id]


def test_inactive_and_unverified_helpers_are_not_asked(nb, asker, ask):
    from buurtplein.core.models import Membership

    paused = make_helper(nb, skills=["diy"], active=False)
    pending = make_helper(nb, skills=["diy"])
    with scope(neighbourhood=nb):
        Membership.objects.filter(user=pending.user).update(status=Membership.Status.PENDING)
    matching.invalidate_pool(nb.pk)
    assert asked(ask(asker, "Lamp ophangen", topic="odd_jobs")) == []
    assert paused and pending


def test_sensitive_kinds():
    assert matching.sensitive_kinds("other", "De deurwaarder stond voor de deur") == {"money"}
    assert matching.sensitive_kinds("care", "") == {"care"}
    assert matching.sensitive_kinds("other", "Mijn ex bedreigt mij") == {"safety"}
    assert (
        matching.sensitive_kinds("shopping", "Wie haalt mijn medicijnen bij de apotheek?") == set()
    )
    assert matching.sensitive_kinds("other", "Wat een wonderlijke lamp") == set()


def test_synonym_slugs_exist_in_the_curated_list(db):
    from buurtplein.accounts.models import Interest

    keys = {f"{kind[0]}:{slug}" for slug, kind in Interest.objects.values_list("slug", "kind")}
    used = set(vocabulary.SYNONYMS) | {k for keys in matching.TOPIC_SLUGS.values() for k in keys}
    assert used <= keys


def test_reason_text_in_english():
    parts = [
        {"kind": "skill", "slug": "diy", "nl": "Klussen", "en": "Odd jobs and DIY"},
        {"kind": "distance", "m": 1200},
        {"kind": "language", "code": "tr"},
    ]
    with translation.override("en"):
        assert matching.reason_text(parts) == (
            "Skill: odd jobs and DIY · 1.2 km from you · speaks Turkish"
        )
        assert matching.reason_text(parts, for_helper=True).startswith("Your skill: odd jobs")


def test_a_skill_label_is_not_read_as_the_end_of_a_sentence():
    """The label "Help with computers and phones" once made "You can help with help with
    computers"."""
    parts = [
        {
            "kind": "skill",
            "slug": "computer-help",
            "nl": "Computerhulp",
            "en": "Help with computers and phones",
        }
    ]
    with translation.override("en"):
        assert matching.reason_text(parts, for_helper=True) == (
            "Your skill: help with computers and phones"
        )
    with translation.override("nl"):
        assert matching.reason_text(parts) == "Vaardigheid: computerhulp"


def test_semantic_scores_count_relative_to_the_other_helpers():
    import numpy as np

    from buurtplein.buurthulp import embeddings

    rows = np.eye(6, embeddings.DIM, dtype="<f4")
    query = np.zeros(embeddings.DIM, dtype="<f4")
    query[:6] = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    rel, margin = embeddings.relative_with_margin(query.tobytes(), rows)
    # anchor: the middle of six (0.7); best 0.9 → 1, 0.8 → 0.5, the rest → 0
    assert [round(r, 3) for r in rel] == [1.0, 0.5, 0.0, 0.0, 0.0, 0.0]
    assert round(margin[0], 3) == 0.2
    flat = np.tile(rows[:1], (6, 1))
    assert embeddings.relative_with_margin(query.tobytes(), flat)[0] == [0.0] * 6


def test_professionals_only_requests_are_spread_over_the_professionals(nb, ask, monkeypatch):
    from buurtplein.buurthulp import actions

    first, second = person(nb, role=Role.PROFESSIONAL), person(nb, role=Role.PROFESSIONAL)
    monkeypatch.setattr(actions, "MAX_SUGGESTIONS", 1)  # one professional per request
    asked_first = [
        asked(ask(person(nb), f"Vraag {n}", visibility=RequestVisibility.PROFESSIONALS))[0][0]
        for n in range(4)
    ]
    assert sorted(asked_first) == sorted([first.pk, second.pk] * 2)


def test_embeddings_are_computed_in_the_background_never_while_the_page_is_served(
    nb, asker, client, settings, django_capture_on_commit_callbacks
):
    settings.BUURTPLEIN_EMBEDDINGS = "on"
    client.force_login(asker)
    data = {"title": "Wie kan een lamp ophangen?", "topic": "odd_jobs", "when": "week",
            "visibility": "neighbours"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=False) as background:
        response = client.post(f"/b/{nb.slug}/help/ask/", data)
    assert response.status_code == 302
    from buurtplein.buurthulp.models import HelpRequest

    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
    assert help_request.embedding is None  # the page only enqueued the work
    for callback in background:
        callback()
    with scope(neighbourhood=nb):
        help_request.refresh_from_db()
    assert len(bytes(help_request.embedding)) == embeddings.DIM * 4


def test_the_embed_command_fills_what_is_missing_and_skips_what_is_up_to_date(nb, settings):
    """Installing the model later: the command embeds existing helpers once."""
    from io import StringIO

    from django.core.management import call_command

    helper = make_helper(nb, likes_to_do="Ik hang graag lampen op en zet kasten in elkaar.")
    settings.BUURTPLEIN_EMBEDDINGS = "on"
    out = StringIO()
    call_command("buurthulp_embed", "--dry-run", stdout=out)
    assert "Would do: 1 helper profile(s) embedded" in out.getvalue()
    call_command("buurthulp_embed", stdout=out)
    assert "Done: 1 helper profile(s) embedded" in out.getvalue()
    with scope(neighbourhood=nb):
        helper.refresh_from_db()
    assert len(bytes(helper.embedding)) == embeddings.DIM * 4
    call_command("buurthulp_embed", stdout=out)
    assert "Done: 0 helper profile(s) embedded" in out.getvalue()


def test_the_embed_command_says_what_to_install_when_embeddings_are_off(nb, settings):
    from django.core.management import CommandError, call_command

    settings.BUURTPLEIN_EMBEDDINGS = "off"
    with pytest.raises(CommandError, match="semantic"):
        call_command("buurthulp_embed")
