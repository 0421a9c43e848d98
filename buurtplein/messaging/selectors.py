"""Reads of messaging. Only the two participants ever read a conversation: no role (buurtverbinder,
professional, admin, platform superuser) is an exception."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django_scopes import scopes_disabled

from buurtplein.core.paging import Page, page
from buurtplein.messaging.models import Block, Conversation, Message, Participant

INBOX_PAGE = 20
MESSAGES_PAGE = 50


def _user_id(viewer_or_user) -> int | None:
    user = getattr(viewer_or_user, "user", viewer_or_user)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


def access_conversation(viewer, pk) -> Conversation:
    """The conversation ``pk`` of this neighbourhood if the viewer takes part in it; one
    ``Http404`` for missing and forbidden alike. ``viewer`` is a ``Viewer`` or a user."""
    user_id = _user_id(viewer)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if user_id is None:
        raise Http404
    conversation = (
        Conversation.objects.filter(pk=pk, participants__user_id=user_id)
        .select_related("last_message")
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


def access_others_message(viewer, pk) -> Message:
    """A message someone else wrote in a conversation of the viewer (to report it); one
    ``Http404`` for missing, own and forbidden alike."""
    user_id = _user_id(viewer)
    message = (
        Message.objects.filter(pk=pk, conversation__participants__user_id=user_id, is_removed=False)
        .exclude(author_id=user_id)
        .first()
        if user_id is not None
        else None
    )
    if message is None:
        raise Http404
    return message


def participants(conversation: Conversation) -> list[Participant]:
    return list(
        Participant.objects.filter(conversation=conversation).select_related(
            "user", "user__profile"
        )
    )


def conversations_about(about, *, user=None) -> list[Conversation]:
    """The conversations about ``about`` (for its owner), newest activity first, each with
    ``other`` (the person who is not ``user``, or — without ``user`` — the one who started it)
    and ``places`` loaded. With ``user``: only that person's conversations. Two queries."""
    conversations = Conversation.objects.filter(
        about_type=ContentType.objects.get_for_model(about), about_id=about.pk
    )
    if user is not None:
        conversations = conversations.filter(participants__user_id=user.pk)
    rows = list(
        conversations.select_related("last_message")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "user__profile").order_by("id"),
                to_attr="places",
            )
        )
        .order_by("-last_message_at", "-id")
    )
    for conversation in rows:
        others = [p for p in conversation.places if user is None or p.user_id != user.pk]
        conversation.other = others[0].user if others else None
        mine = [p for p in conversation.places if user is not None and p.user_id == user.pk]
        conversation.unread = mine[0].unread_count if mine else 0
    return rows


def unread_count_for_id(user_id: int) -> int:
    total = Participant.objects.filter(user_id=user_id).aggregate(total=Sum("unread_count"))
    return total["total"] or 0


def unread_count(user) -> int:
    """Messages not read by ``user`` in the current neighbourhood's scope (one query)."""
    if user is None or not user.is_authenticated:
        return 0
    return unread_count_for_id(user.pk)


@cache
def unread_total() -> Coalesce:
    """:func:`unread_count` as an expression on a membership row (registered in
    ``MessagingConfig.ready`` as ``core.middleware.MEMBERSHIP_ANNOTATIONS["unread_messages"]``):
    the header's badge then costs no query of its own. The messages of the membership's user
    in the membership's neighbourhood (the request's: the middleware reads the membership in
    its scope). The same expression for everyone, built once (tenth round)."""
    with scopes_disabled():  # built once, for any scope: the neighbourhood is the row's
        total = (
            Participant.objects.filter(
                user_id=OuterRef("user_id"), neighbourhood_id=OuterRef("neighbourhood_id")
            )
            .order_by()
            .values("user_id")
            .annotate(total=Sum("unread_count"))
            .values("total")
        )
    return Coalesce(Subquery(total), 0)


def forget_unread(membership) -> None:
    """After this request read messages: the count read with its membership
    (:func:`unread_total`) is out of date, so the badge counts again."""
    if membership is not None:
        membership.unread_messages = None


# --- inbox --------------------------------------------------------------------------------------


def inbox(user, *, after: str | None = None, size: int = INBOX_PAGE) -> Page:
    """The person's conversations in this neighbourhood, newest activity first, keyset-paginated.

    Each item is the person's :class:`Participant` with ``conversation``, its last message and
    ``other`` (the other person, None once erased) loaded: three queries for any page size.
    """
    places = Participant.objects.filter(user_id=user.pk)
    found = page(
        places.select_related("conversation", "conversation__last_message"),
        after,
        size=size,
        order=("-last_message_at", "-id"),
    )
    rows = found.items
    others = {
        p.conversation_id: p.user
        for p in Participant.objects.filter(conversation_id__in=[r.conversation_id for r in rows])
        .exclude(user_id=user.pk)
        .select_related("user", "user__profile")
    }
    for row in rows:
        row.other = others.get(row.conversation_id)
    return found


# --- one conversation --------------------------------------------------------------------------


@dataclass
class MessagePage:
    messages: list
    older: int | None
    """Id to pass as ``before`` for the older page; None when this is the oldest."""


def conversation_messages(
    conversation: Conversation, *, before: int | None = None, after: int | None = None
) -> MessagePage:
    """Oldest→newest: the latest ``MESSAGES_PAGE`` messages, or those before ``before`` (older
    page), or all after ``after`` (what is new since the page was drawn). One query."""
    messages = Message.objects.filter(conversation=conversation).select_related(
        "author", "author__profile"
    )
    if after is not None:
        rows = list(messages.filter(id__gt=after).order_by("id")[:MESSAGES_PAGE])
        return MessagePage(rows, None)
    if before is not None:
        messages = messages.filter(id__lt=before)
    rows = list(messages.order_by("-id")[: MESSAGES_PAGE + 1])
    more = len(rows) > MESSAGES_PAGE
    rows = rows[:MESSAGES_PAGE]
    rows.reverse()
    return MessagePage(rows, rows[0].pk if more else None)


# What a conversation can be about, and how to check and link it: "app_label.modelname" →
# ("dotted.path.to.access_function", "url:name"). The access function is the app's own
# ``access_<thing>(viewer, pk)`` (Http404 when the viewer may not see it). Each component
# registers its own in its AppConfig.ready (``register_about_link``): messaging names none. Another
# app may instead give its model a ``messaging_url(viewer) -> str | None`` method.
ABOUT_LINKS: dict[str, tuple[str, str]] = {}


def register_about_link(model_label: str, *, access: str, url_name: str) -> None:
    ABOUT_LINKS[model_label.lower()] = (access, url_name)


def about_link(conversation: Conversation, viewer, *, request=None) -> str | None:
    """The URL of what the conversation is about, when it still exists and the viewer may see
    it; None otherwise (the subject is shown without a link)."""
    from django.urls import NoReverseMatch
    from django.utils.module_loading import import_string

    from buurtplein.core.urls import nb_reverse

    if conversation.about_type_id is None or conversation.about_id is None:
        return None
    content_type = ContentType.objects.get_for_id(conversation.about_type_id)
    model = content_type.model_class()
    if model is None:
        return None
    if hasattr(model, "messaging_url"):
        obj = model._default_manager.filter(pk=conversation.about_id).first()
        return obj.messaging_url(viewer) if obj is not None else None
    known = ABOUT_LINKS.get(f"{content_type.app_label}.{content_type.model}")
    if known is None:
        return None
    access_path, url_name = known
    try:
        import_string(access_path)(viewer, conversation.about_id)
        return nb_reverse(
            url_name, viewer.neighbourhood, request=request, kwargs={"pk": conversation.about_id}
        )
    except (Http404, ImportError, NoReverseMatch):
        return None


def blocked_people(user) -> list[Block]:
    return list(
        Block.objects.filter(blocker_id=user.pk)
        .select_related("blocked", "blocked__profile")
        .order_by("-created_at")
    )


def has_blocked(blocker, blocked) -> bool:
    if blocked is None:
        return False
    return Block.objects.filter(blocker_id=blocker.pk, blocked_id=blocked.pk).exists()


def direct_conversation(user, other):
    """The conversation of ``user`` and ``other`` about nothing in particular (started from a
    profile), or None: a new message to a neighbour goes on in it instead of opening another."""
    from buurtplein.messaging.actions import conversation_key

    return Conversation.objects.filter(key=conversation_key(user, other, None)).first()
