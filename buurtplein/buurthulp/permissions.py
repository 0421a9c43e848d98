"""Rules of buurthulp, registered with the one permission chain.

Which *requests* a person may see is decided in ``selectors.visible_requests`` (a query), and
which *state changes* they may make in ``actions.TRANSITIONS``; the rules here say who may use a
page or a button.
"""

from buurtplein.buurthulp.models import MatchStatus, State
from buurtplein.core.permissions import rule


def _asker_side(viewer, help_request) -> bool:
    return viewer.is_member and viewer.user.pk in (
        help_request.asker_id,
        help_request.created_by_id,
    )


@rule("buurthulp.index.view")
def _view_index(viewer, obj):
    return viewer.is_member


@rule("buurthulp.request.create")
def _create(viewer, obj):
    return viewer.is_member


@rule("buurthulp.request.create_for_someone")
def _create_for_someone(viewer, obj):
    """Buurtverbinders and professionals can ask for a neighbour (with their consent)."""
    return viewer.is_connector or viewer.is_professional


@rule("buurthulp.helper.edit")
def _edit_helper(viewer, obj):
    return viewer.is_member


@rule("buurthulp.request.edit")
def _edit_request(viewer, obj):
    return obj is not None and obj.state == State.OPEN and _asker_side(viewer, obj)


@rule("buurthulp.request.choose")
def _choose(viewer, obj):
    return obj is not None and obj.state == State.MATCHED and _asker_side(viewer, obj)


@rule("buurthulp.request.thank")
def _thank(viewer, obj):
    return (
        obj is not None
        and obj.state in (State.HELPED, State.NOT_HELPED)
        and obj.helper_id is not None
        and _asker_side(viewer, obj)
    )


@rule("buurthulp.request.steward")
def _steward(viewer, obj):
    """Look after a request nobody answers: buurtverbinders, or for professionals-only
    requests the neighbourhood's professionals."""
    from buurtplein.buurthulp.actions import is_steward

    return obj is not None and viewer.is_member and is_steward(viewer, obj)


@rule("buurthulp.attention.view")
def _view_attention(viewer, obj):
    return viewer.is_connector or viewer.is_professional


@rule("buurthulp.match.respond")
def _respond(viewer, obj):
    return (
        obj is not None
        and viewer.is_member
        and obj.helper_id == viewer.user.pk
        and obj.status == MatchStatus.SUGGESTED
        and obj.request.state in (State.OPEN, State.MATCHED)
    )


@rule("buurthulp.followup.answer")
def _answer(viewer, obj):
    return obj is not None and viewer.is_member and obj.person_id == viewer.user.pk
