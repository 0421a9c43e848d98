"""The state machine of a help request: every transition in ``actions.TRANSITIONS`` taken by each
party allowed to, refused for someone who is not a party, and the steps that do not exist."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django_scopes import scope

from buurtplein.buurthulp import actions, selectors, tasks
from buurtplein.buurthulp.actions import ASKER, HELPER, STEWARD, TRANSITIONS
from buurtplein.buurthulp.models import (
    HelpFollowUp,
    HelpMatch,
    HelpRequest,
    MatchStatus,
    RequestVisibility,
    State,
)
from buurtplein.buurthulp.tests.factories import (
    HelpMatchFactory,
    HelpRequestFactory,
    make_helper,
    person,
)
from buurtplein.core.models import AuditEntry, Membership, Role
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.moments import MOMENTS


def viewer_of(user, nb) -> Viewer:
    with scope(neighbourhood=nb):
        membership = Membership.objects.filter(user=user).first()
    return Viewer(user=user, neighbourhood=nb, membership=membership)


class World:
    """A request in any state, with its asker, a helper who said yes (chosen from
    "in progress" on), a buurtverbinder, a professional and a neighbour with no part in it."""

    def __init__(self, nb, run_tasks, visibility=RequestVisibility.NEIGHBOURS):
        self.nb, self.run_tasks = nb, run_tasks
        self.asker = person(nb, first_name="Els")
        self.helper = person(nb, first_name="Henk")
        self.connector = person(nb, role=Role.CONNECTOR, first_name="Karim")
        self.professional = person(nb, role=Role.PROFESSIONAL, first_name="Ineke")
        self.bystander = person(nb, first_name="Bram")
        self.visibility = visibility

    def request_in(self, state: str) -> HelpRequest:
        help_request = HelpRequestFactory(
            neighbourhood=self.nb, asker=self.asker, visibility=self.visibility
        )
        match = HelpMatchFactory(request=help_request, helper=self.helper)
        with scope(neighbourhood=self.nb):
            if state == State.OPEN:
                return help_request
            self.do(help_request, State.MATCHED, self.helper)
            if state == State.MATCHED:
                return self.reload(help_request)
            self.do(help_request, State.IN_PROGRESS, self.asker, match=match)
            if state == State.IN_PROGRESS:
                return self.reload(help_request)
            self.do(help_request, state, self.asker)
            return self.reload(help_request)

    def reload(self, help_request):
        with scope(neighbourhood=self.nb):
            return HelpRequest.objects.get(pk=help_request.pk)

    def party(self, name: str):
        if name == ASKER:
            return self.asker
        if name == HELPER:
            return self.helper
        if self.visibility == RequestVisibility.PROFESSIONALS:
            return self.professional
        return self.connector

    def do(self, help_request, to, user, match=None):
        """Take the step the way the pages do: accepting, choosing, or a button."""
        viewer = viewer_of(user, self.nb)
        with scope(neighbourhood=self.nb):
            help_request = HelpRequest.objects.get(pk=help_request.pk)
            if to == State.MATCHED and help_request.state == State.OPEN:
                match = HelpMatch.objects.filter(request=help_request, helper=user).first()
                if match is None:  # not asked: only the state machine can answer
                    return actions.request_transition(
                        help_request=help_request, to=to, viewer=viewer
                    )
                return self.run_tasks(
                    actions.match_respond, match=match, viewer=viewer, accept=True
                )
            if to == State.IN_PROGRESS and help_request.state == State.MATCHED:
                match = match or HelpMatch.objects.get(request=help_request, helper=self.helper)
                actions.check_transition(help_request, to, viewer)
                return self.run_tasks(actions.match_choose, match=match, viewer=viewer)
            return self.run_tasks(
                actions.request_transition, help_request=help_request, to=to, viewer=viewer
            )


@pytest.fixture
def world(nb, run_tasks):
    return World(nb, run_tasks)


def step_id(step):
    return f"{step.source}-to-{step.target}"


@pytest.mark.parametrize("step", TRANSITIONS, ids=step_id)
def test_each_party_of_a_transition_can_take_it(world, step):
    for party in sorted(step.parties):
        help_request = world.request_in(step.source)
        world.do(help_request, step.target, world.party(party))
        assert world.reload(help_request).state == step.target, party


@pytest.mark.parametrize("step", TRANSITIONS, ids=step_id)
def test_someone_who_is_not_a_party_is_refused_with_a_readable_message(world, step):
    help_request = world.request_in(step.source)
    outsiders = [world.bystander]
    if STEWARD not in step.parties:
        outsiders.append(world.connector)
    if ASKER not in step.parties:
        outsiders.append(world.asker)
    if HELPER not in step.parties:
        outsiders.append(world.helper)
    for outsider in outsiders:
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            world.do(help_request, step.target, outsider)
        assert refused.value.messages[0].startswith("Only "), outsider
        assert "can do this for this request" in refused.value.messages[0]
        assert world.reload(help_request).state == step.source


def test_the_refusal_is_in_dutch_by_default(world):
    help_request = world.request_in(State.IN_PROGRESS)
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        world.do(help_request, State.HELPED, world.bystander)
    assert refused.value.messages == [
        "Alleen degene die de vraag stelde of de helper kan dit doen bij deze vraag."
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (State.OPEN, State.IN_PROGRESS),
        (State.OPEN, State.HELPED),
        (State.MATCHED, State.HELPED),
        (State.HELPED, State.OPEN),
        (State.HELPED, State.WITHDRAWN),
        (State.WITHDRAWN, State.OPEN),
        (State.NOT_HELPED, State.HELPED),
        (State.IN_PROGRESS, State.MATCHED),
    ],
)
def test_steps_that_are_not_in_the_table_are_refused(world, source, target):
    help_request = world.request_in(source)
    viewer = viewer_of(world.asker, world.nb)
    with (
        scope(neighbourhood=world.nb),
        translation.override("en"),
        pytest.raises(ValidationError) as refused,
    ):
        actions.request_transition(help_request=help_request, to=target, viewer=viewer)
    assert "cannot become" in refused.value.messages[0]
    assert world.reload(help_request).state == source


def test_an_unknown_state_is_refused(world):
    help_request = world.request_in(State.OPEN)
    with scope(neighbourhood=world.nb), pytest.raises(ValidationError):
        actions.request_transition(
            help_request=help_request, to="done", viewer=viewer_of(world.asker, world.nb)
        )


def test_professionals_look_after_professionals_only_requests(nb, run_tasks):
    world = World(nb, run_tasks, visibility=RequestVisibility.PROFESSIONALS)
    help_request = world.request_in(State.OPEN)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        world.do(help_request, State.NOT_HELPED, world.connector)
    assert "a professional of the neighbourhood" in refused.value.messages[0]
    world.do(help_request, State.NOT_HELPED, world.professional)
    assert world.reload(help_request).state == State.NOT_HELPED


def test_a_steward_closing_a_request_is_audited_and_the_asker_is_not(world):
    closed_by_steward = world.request_in(State.OPEN)
    world.do(closed_by_steward, State.WITHDRAWN, world.connector)
    withdrawn_by_asker = world.request_in(State.OPEN)
    world.do(withdrawn_by_asker, State.WITHDRAWN, world.asker)
    with scope(neighbourhood=world.nb):
        entries = list(AuditEntry.objects.filter(action="buurthulp.request.withdrawn"))
    assert [(e.actor_id, e.object_id) for e in entries] == [
        (world.connector.pk, str(closed_by_steward.pk))
    ]


def test_the_first_yes_matches_and_later_ones_join(world):
    help_request = world.request_in(State.OPEN)
    second = person(world.nb)
    HelpMatchFactory(request=help_request, helper=second)
    world.do(help_request, State.MATCHED, world.helper)
    with scope(neighbourhood=world.nb):
        match = HelpMatch.objects.get(request=help_request, helper=second)
        world.run_tasks(
            actions.match_respond, match=match, viewer=viewer_of(second, world.nb), accept=True
        )
    assert world.reload(help_request).state == State.MATCHED
    with scope(neighbourhood=world.nb):
        statuses = set(HelpMatch.objects.filter(request=help_request).values_list("status"))
    assert statuses == {(MatchStatus.ACCEPTED,)}
    assert "wil je helpen" in mail.outbox[-1].subject or "wants to help" in mail.outbox[-1].subject


def test_choosing_opens_a_conversation_and_tells_the_others(world):
    from buurtplein.messaging.models import Conversation, Message

    help_request = world.request_in(State.OPEN)
    other = person(world.nb)
    HelpMatchFactory(request=help_request, helper=other, status=MatchStatus.ACCEPTED)
    help_request = world.request_in(State.IN_PROGRESS)
    with scope(neighbourhood=world.nb):
        conversation = Conversation.objects.get(pk=help_request.conversation_id)
        assert conversation.subject == help_request.title
        assert conversation.about == help_request
        assert Message.objects.filter(conversation=conversation, author=world.asker).exists()
        assert HelpMatch.objects.get(request=help_request, helper=world.helper).status == (
            MatchStatus.CHOSEN
        )
    assert help_request.helper_id == world.helper.pk
    assert any("gekozen" in m.subject or "chose you" in m.subject for m in mail.outbox)


def test_a_declined_helper_is_replaced_by_someone_else(nb, asker, ask):
    from buurtplein.buurthulp.tests.factories import make_helper

    first = make_helper(nb, skills=["diy"], postcode="6522AA")
    helpers = [make_helper(nb, skills=["diy"], postcode="6522AB") for _ in range(5)]
    help_request = ask(asker, "Lamp ophangen", topic="odd_jobs")
    with scope(neighbourhood=nb):
        assert HelpMatch.objects.filter(request=help_request).count() == 5
        match = HelpMatch.objects.get(request=help_request, helper=first.user)
    viewer = viewer_of(first.user, nb)
    with scope(neighbourhood=nb):
        actions.match_respond(match=match, viewer=viewer, accept=False)
    with scope(neighbourhood=nb):
        tasks.find_helpers.enqueue(help_request.pk)
        waiting = HelpMatch.objects.filter(request=help_request, status=MatchStatus.SUGGESTED)
        assert waiting.count() == 5
    assert {m.helper_id for m in waiting} <= {h.user_id for h in helpers}


# --- escalation ---------------------------------------------------------------------------------


def test_an_unanswered_request_is_escalated_after_48_hours(
    nb, asker, ask, connector, client, run_tasks
):
    english_connector = person(nb, role=Role.CONNECTOR, first_name="Sam", language="en")
    make_helper(nb, skills=["diy"], postcode="6522AB")  # asked, but never answers
    help_request = ask(asker, "Wie kan een lamp ophangen?", topic="odd_jobs")
    assert help_request.escalated_at is None  # someone was asked: not yet
    mail.outbox.clear()
    with scope(neighbourhood=nb):
        assert actions.escalate_if_unanswered(help_request) is False  # too early
        later = help_request.created_at + timedelta(hours=47)
        assert actions.escalate_if_unanswered(help_request, now=later) is False
    assert mail.outbox == []

    due = help_request.created_at + timedelta(hours=48, minutes=1)
    with scope(neighbourhood=nb):
        assert run_tasks(actions.escalate_if_unanswered, help_request, now=due) is True
        assert run_tasks(actions.escalate_if_unanswered, help_request, now=due) is False
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {connector.email, english_connector.email}
    assert "geen antwoord" in by_person[connector.email].subject
    assert "no answer" in by_person[english_connector.email].subject
    assert f"/b/{nb.slug}/help/attention/" in by_person[connector.email].body

    client.force_login(connector)
    page = client.get(f"/b/{nb.slug}/help/attention/")
    assert help_request.title in page.content.decode()
    client.force_login(asker)
    assert client.get(f"/b/{nb.slug}/help/attention/").status_code == 403


def test_a_request_someone_said_yes_to_is_not_escalated(world):
    help_request = world.request_in(State.MATCHED)
    with scope(neighbourhood=world.nb):
        later = timezone.now() + timedelta(days=3)
        assert actions.escalate_if_unanswered(help_request, now=later) is False
        assert selectors.needs_attention(viewer_of(world.connector, world.nb)) == []


def test_the_escalate_command_escalates_what_is_due(nb, asker, connector):
    from io import StringIO

    from django.core.management import call_command

    old = HelpRequestFactory(
        neighbourhood=nb, asker=asker, created_at=timezone.now() - timedelta(hours=49)
    )
    fresh = HelpRequestFactory(neighbourhood=nb, asker=asker)
    out = StringIO()
    call_command("buurthulp_escalate", stdout=out)
    assert "Done: 1 escalated" in out.getvalue()
    with scope(neighbourhood=nb):
        assert HelpRequest.objects.get(pk=old.pk).escalated_at is not None
        assert HelpRequest.objects.get(pk=fresh.pk).escalated_at is None
    call_command("buurthulp_escalate", stdout=out)
    assert out.getvalue().endswith("Done: 0 escalated, 0 consent ended in 1 neighbourhood(s).\n")


@pytest.mark.parametrize("moment", list(MOMENTS.values()), ids=list(MOMENTS))
def test_the_48_hours_on_the_clock_at_any_moment(
    nb, asker, connector, moment, django_capture_on_commit_callbacks
):
    """Asked on each weekday, around midnight, in the nights the clocks change and at the turn
    of the year: the cron round escalates the request 48 hours later, not a minute before,
    and once (48 real hours, also when the night between had 23 or 25)."""
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(moment, tick=False) as traveller:
        asked = HelpRequestFactory(neighbourhood=nb, asker=asker, created_at=timezone.now())

        def escalate() -> str:
            out = StringIO()
            with django_capture_on_commit_callbacks(execute=True):
                call_command("buurthulp_escalate", stdout=out)
            return out.getvalue()

        traveller.move_to(moment + timedelta(hours=48) - timedelta(minutes=1))
        assert "Done: 0 escalated" in escalate()
        traveller.move_to(moment + timedelta(hours=48, minutes=1))
        assert "Done: 1 escalated" in escalate()
        assert "Done: 0 escalated" in escalate()
    with scope(neighbourhood=nb):
        assert HelpRequest.objects.get(pk=asked.pk).escalated_at == moment + timedelta(
            hours=48, minutes=1
        )
    assert connector.email in {m.to[0] for m in mail.outbox}


# --- follow-ups and thanks --------------------------------------------------------------------


def test_helped_asks_both_did_it_work_out_and_the_answer_counts(world, client):
    help_request = world.request_in(State.HELPED)
    with scope(neighbourhood=world.nb):
        people = set(
            HelpFollowUp.objects.filter(request=help_request).values_list("person", "is_helper")
        )
    assert people == {(world.asker.pk, False), (world.helper.pk, True)}
    follow_up_mails = [m for m in mail.outbox if "Is het gelukt" in m.subject]
    assert {m.to[0] for m in follow_up_mails} == {world.asker.email, world.helper.email}
    link = f"/b/{world.nb.slug}/help/{help_request.pk}/follow-up/?answer=yes"
    assert link in follow_up_mails[0].body

    client.force_login(world.asker)
    page = client.get(link)  # the e-mail link pre-selects, but stores nothing yet
    assert re.search(r'value="yes"[^>]*checked', page.content.decode())
    assert not re.search(r'value="no"[^>]*checked', page.content.decode())
    with scope(neighbourhood=world.nb):
        assert selectors.figures()["follow_up"]["askers"]["yes"] == 0
    response = client.post(link.split("?")[0], {"answer": "yes"})
    assert response.status_code == 302
    with scope(neighbourhood=world.nb):
        figures = selectors.figures()
    assert figures["follow_up"]["askers"] == {"yes": 1, "partly": 0, "no": 0}
    assert figures["by_state"][State.HELPED] == 1


def test_a_follow_up_is_only_for_its_own_person(world, client):
    help_request = world.request_in(State.HELPED)
    client.force_login(world.bystander)
    url = f"/b/{world.nb.slug}/help/{help_request.pk}/follow-up/"
    assert client.post(url, {"answer": "no"}).status_code == 404


def test_the_asker_thanks_the_helper(world, client, django_capture_on_commit_callbacks):
    help_request = world.request_in(State.HELPED)
    client.force_login(world.asker)
    url = f"/b/{world.nb.slug}/help/{help_request.pk}/thanks/"
    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 400
    assert "Schrijf een paar woorden om te bedanken." in empty.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Dankjewel Henk, de lamp hangt!"})
    assert response.status_code == 302
    assert [m.to[0] for m in mail.outbox] == [world.helper.email]
    assert "Dankjewel Henk, de lamp hangt!" in mail.outbox[0].body
    page = client.get(f"/b/{world.nb.slug}/help/{help_request.pk}/")
    assert "Dankjewel Henk, de lamp hangt!" in page.content.decode()
    client.force_login(world.helper)
    assert client.post(url, {"text": "Graag gedaan"}).status_code == 403


# --- asking for someone else ------------------------------------------------------------------


def test_a_buurtverbinder_asks_for_a_neighbour_with_recorded_consent(nb, connector, client):
    neighbour = person(nb, first_name="Truus", postcode="6522AB")
    client.force_login(connector)
    url = f"/b/{nb.slug}/help/ask/"
    with scope(neighbourhood=nb):
        membership = Membership.objects.get(user=neighbour)
    data = {
        "for_whom": "someone",
        "asker": membership.pk,
        "title": "Wie kan boodschappen doen voor Truus?",
        "text": "",
        "topic": "shopping",
        "when": "week",
        "visibility": "neighbours",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Zeg hoe de buur ja heeft gezegd." in body
    assert "Wie kan boodschappen doen voor Truus?" in body  # nothing typed is lost
    response = client.post(url, {**data, "consent_method": "phone", "consent": "on"})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
        entry = AuditEntry.objects.get(action="buurthulp.request.on_behalf")
    assert help_request.asker == neighbour
    assert help_request.created_by == connector
    assert help_request.consent_method == "phone"
    assert help_request.consent_recorded_at is not None
    assert entry.actor == connector
    assert entry.object_id == str(help_request.pk)
    assert entry.data == {"asker": neighbour.pk, "consent_method": "phone"}


def test_a_resident_cannot_ask_for_someone_else(nb, asker):
    neighbour = person(nb)
    with scope(neighbourhood=nb), pytest.raises(ValidationError):
        actions.request_create(
            neighbourhood=nb,
            asker=neighbour,
            title="Voor de buurman",
            created_by=asker,
            consent_method="phone",
        )


def test_erasing_a_person_forgets_their_requests_and_offers(world):
    help_request = world.request_in(State.HELPED)
    actions.erase_person(world.asker)
    actions.erase_person(world.helper)
    with scope(neighbourhood=world.nb):
        assert not HelpRequest.objects.filter(pk=help_request.pk).exists()
        assert not HelpMatch.objects.filter(helper=world.helper).exists()


def test_a_buurtverbinder_takes_on_an_escalated_request_and_asks_a_neighbour(
    nb, asker, connector, client, django_capture_on_commit_callbacks
):
    from buurtplein.buurthulp.tests.factories import make_helper

    help_request = HelpRequestFactory(
        neighbourhood=nb, asker=asker, escalated_at=timezone.now() - timedelta(hours=1)
    )
    neighbour = make_helper(nb, skills=["bike-repair"], first_name="Piet").user
    client.force_login(connector)
    base = f"/b/{nb.slug}/help/{help_request.pk}"
    assert client.post(f"{base}/pick-up/").status_code == 302
    page = client.get(f"/b/{nb.slug}/help/attention/").content.decode()
    assert "Karim" in page and "pakt dit op" in page
    # Most buurtverbinders are volunteers: no "Je collega's" for them.
    assert "Iedereen die hier naar hulpvragen kijkt, ziet nu dat jij dit oppakt." in page
    with scope(neighbourhood=nb):
        neighbour_membership = Membership.objects.get(user=neighbour)
    assert client.post(f"{base}/suggest/", {"helper": ""}).status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base}/suggest/", {"helper": neighbour_membership.pk})
    assert response.status_code == 302
    assert [m.to[0] for m in mail.outbox] == [neighbour.email]
    with scope(neighbourhood=nb):
        match = HelpMatch.objects.get(request=help_request)
        actions_logged = set(
            AuditEntry.objects.filter(actor=connector).values_list("action", flat=True)
        )
    assert match.helper == neighbour
    assert match.reason == [{"kind": "connector"}]
    assert actions_logged == {"buurthulp.request.pick_up", "buurthulp.match.suggest"}
    # someone already asked is not offered again
    assert client.post(f"{base}/suggest/", {"helper": neighbour_membership.pk}).status_code == 400


def test_the_chosen_helper_hears_when_the_asker_withdraws(world):
    help_request = world.request_in(State.IN_PROGRESS)
    world.helper.language = "en"
    world.helper.save(update_fields=["language"])
    mail.outbox.clear()
    world.do(help_request, State.WITHDRAWN, world.asker)
    assert [m.to for m in mail.outbox] == [[world.helper.email]]
    assert mail.outbox[0].subject == f"“{help_request.title}” was withdrawn"
    assert "Thank you for wanting to help" in mail.outbox[0].body
    assert f"/help/{help_request.pk}/" in mail.outbox[0].body  # the chosen helper may look


def test_helpers_who_said_yes_and_the_asker_hear_when_a_buurtverbinder_closes(world):
    help_request = world.request_in(State.MATCHED)
    mail.outbox.clear()
    world.do(help_request, State.NOT_HELPED, world.connector)
    told = {m.to[0]: m for m in mail.outbox}
    assert set(told) == {world.asker.email, world.helper.email}
    assert "Je kunt altijd opnieuw vragen" in told[world.asker.email].body  # Dutch, her language
    # A helper who only said yes no longer sees the closed request: no link that leads nowhere.
    assert f"/help/{help_request.pk}/" not in told[world.helper.email].body
    assert f"/help/{help_request.pk}/" in told[world.asker.email].body


def test_nobody_is_told_about_a_request_they_closed_themselves(world):
    help_request = world.request_in(State.OPEN)
    mail.outbox.clear()
    world.do(help_request, State.WITHDRAWN, world.asker)
    assert mail.outbox == []


def test_a_buurtverbinder_finds_the_neighbour_by_name_and_chooses_when_several_fit(
    nb, connector, client
):
    truus = person(nb, first_name="Truus", last_name="Bakker", postcode="6522AB")
    jan_a = person(nb, first_name="Jan", last_name="Smit", postcode="6522AC")
    jan_b = person(nb, first_name="Jan", last_name="de Boer", postcode="6522AD")
    client.force_login(connector)
    url = f"/b/{nb.slug}/help/ask/"
    data = {
        "for_whom": "someone",
        "consent_method": "in_person",
        "consent": "on",
        "title": "Wie doet boodschappen voor mijn buur?",
        "topic": "shopping",
        "when": "week",
        "visibility": "neighbours",
    }
    # Nobody of that name: say so, keep what was typed.
    nobody = client.post(url, {**data, "asker_name": "Gerrit"})
    assert nobody.status_code == 400
    body = nobody.content.decode()
    assert "We vonden geen geverifieerde buur die “Gerrit” heet" in body
    assert "Wie doet boodschappen voor mijn buur?" in body
    # Two neighbours called Jan: both are offered (and nobody else), with where they live.
    several = client.post(url, {**data, "asker_name": "jan"})
    assert several.status_code == 400
    body = several.content.decode()
    assert "Er zijn meer buren die “jan” heten. Kies wie je bedoelt." in body
    with scope(neighbourhood=nb):
        a, b, t = (Membership.objects.get(user=u) for u in (jan_a, jan_b, truus))
    offered = set(re.findall(r'name="asker" value="(\d+)"', body))
    assert offered == {str(a.pk), str(b.pk)}, offered
    assert str(t.pk) not in offered
    assert "Jan Smit (6522AC)" in body
    # "boer" finds Jan de Boer by the last word of his surname.
    assert client.post(url, {**data, "asker_name": "Jan Boer"}).status_code == 302
    chosen = client.post(url, {**data, "asker_name": "jan", "asker": b.pk})
    assert chosen.status_code == 302
    # One neighbour fits the whole name: no question.
    assert client.post(url, {**data, "asker_name": "truus bakker"}).status_code == 302
    with scope(neighbourhood=nb):
        askers = list(HelpRequest.objects.order_by("pk").values_list("asker_id", flat=True))
    assert askers == [jan_b.pk, jan_b.pk, truus.pk]
