"""Rules of messaging, registered with the one permission chain.

Messaging is for verified members of the neighbourhood, whatever their role. Nobody reads a
conversation they are not part of: the participant check is in ``selectors.access_conversation``
and there is deliberately no exception for buurtverbinders, professionals, admins or platform
superusers.
"""

from buurtplein.core.permissions import rule


def _verified_member(viewer) -> bool:
    return (
        viewer.is_authenticated and viewer.membership is not None and viewer.membership.is_verified
    )


@rule("messaging.inbox.view")
def _view_inbox(viewer, obj):
    return _verified_member(viewer)


@rule("messaging.conversation.view")
def _view_conversation(viewer, obj):
    """Only the two people in it (``obj`` the conversation, with ``is_participant`` checked by
    ``access_conversation``)."""
    return _verified_member(viewer)


@rule("messaging.message.send")
def _send(viewer, obj):
    return _verified_member(viewer)


@rule("messaging.block.manage")
def _block(viewer, obj):
    return _verified_member(viewer)
