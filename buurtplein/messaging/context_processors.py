"""The "Messages" link with the unread badge in the header of neighbourhood pages."""

from functools import cached_property


class UnreadBadge:
    """The number of unread messages: read with the request's membership
    (``unread_messages``, ``messaging.selectors.unread_total``), else counted when the template
    reads ``count`` (one query, at most once per page)."""

    def __init__(self, user, membership):
        self.user = user
        self.membership = membership

    @cached_property
    def count(self) -> int:
        kept = getattr(self.membership, "unread_messages", None)
        if kept is not None and self.membership.user_id == self.user.pk:
            return kept
        from buurtplein.messaging.selectors import unread_count

        return unread_count(self.user)


def messaging(request) -> dict:
    """``messaging_badge`` for verified members on neighbourhood pages; nothing (and no query)
    for anyone else."""
    neighbourhood = getattr(request, "neighbourhood", None)
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    if (
        neighbourhood is None
        or membership is None
        or not membership.is_verified
        or user is None
        or not user.is_authenticated
    ):
        return {}
    return {"messaging_badge": UnreadBadge(user, membership)}
