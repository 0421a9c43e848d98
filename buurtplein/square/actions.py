"""Writes on the square. Views call these; nothing else changes posts, comments or reactions."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.photos import attach_photos, remove_photos
from buurtplein.core.search import SEARCH_CONFIG
from buurtplein.core.text import render_markdown
from buurtplein.square.models import Comment, Post, Reaction, SavedPost


def acts_for(user, organisation, neighbourhood) -> bool:
    """Whether ``user`` may post for ``organisation`` here: they are its staff and it is
    active in the neighbourhood (the rule of ``accounts.selectors.staff_org_ids``)."""
    return (
        user is not None
        and user.is_authenticated
        and organisation.staff.filter(pk=user.pk).exists()
        and organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    )


def _changed(post: Post) -> None:
    if post.organisation_id:
        from buurtplein.square.selectors import ORGANISATION_POSTS

        ORGANISATION_POSTS.changed(post.organisation_id)


def _search_text(title: str, text: str) -> str:
    return f"{title}\n{text}".strip()


def _index_for_search(post: Post) -> None:
    """Store the Dutch tsvector of the post (PostgreSQL; SQLite searches the text itself)."""
    if connection.vendor == "postgresql":
        Post.objects.filter(pk=post.pk).update(
            search_vector=SearchVector("search_text", config=SEARCH_CONFIG)
        )


@transaction.atomic
def post_create(
    *,
    author,
    neighbourhood,
    category: str,
    text: str,
    title: str = "",
    visibility: str = Post._meta.get_field("visibility").default,
    photos: list | None = None,
    alt_texts: list[str] | None = None,
    organisation=None,
) -> Post:
    """Create a post with up to six photos (each re-encoded, metadata stripped), optionally on
    behalf of an ``organisation`` the author acts for in this neighbourhood (its staff)."""
    ratelimit.check("post", user=author)
    if organisation is not None and not acts_for(author, organisation, neighbourhood):
        raise ValidationError(
            {"organisation": _("You can only post on behalf of an organisation you act for.")}
        )
    post = Post.objects.create(
        neighbourhood=neighbourhood,
        author=author,
        organisation=organisation,
        category=category,
        title=title.strip(),
        text=text.strip(),
        text_html=render_markdown(text),
        visibility=visibility,
        search_text=_search_text(title, text),
    )
    _index_for_search(post)
    attach_photos(owner=post, uploads=photos, alt_texts=alt_texts or [])
    _changed(post)
    return post


@transaction.atomic
def post_update(
    *,
    post: Post,
    category: str,
    text: str,
    title: str = "",
    visibility: str,
    remove_photo_ids: list[int] | None = None,
    photos: list | None = None,
    alt_texts: list[str] | None = None,
) -> Post:
    post.category = category
    post.title = title.strip()
    post.text = text.strip()
    post.text_html = render_markdown(text)
    post.visibility = visibility
    post.search_text = _search_text(title, text)
    post.edited_at = timezone.now()
    post.save()
    _index_for_search(post)
    if remove_photo_ids:
        remove_photos(owner=post, ids=remove_photo_ids)
    attach_photos(owner=post, uploads=photos, alt_texts=alt_texts or [])
    _changed(post)
    return post


@transaction.atomic
def post_delete(*, actor, post: Post) -> None:
    """Remove a post from the square. A buurtverbinder removing someone else's is logged."""
    post.is_deleted = True
    post.pinned_at = None
    post.save(update_fields=["is_deleted", "pinned_at"])
    remove_photos(owner=post)
    _changed(post)
    if actor.pk != post.author_id:
        log_action(actor=actor, action="square.post.delete", target=post)


def post_pin(*, actor, post: Post) -> None:
    post.pinned_at = timezone.now()
    post.save(update_fields=["pinned_at"])
    _changed(post)
    log_action(actor=actor, action="square.post.pin", target=post)


def post_unpin(*, actor, post: Post) -> None:
    post.pinned_at = None
    post.save(update_fields=["pinned_at"])
    _changed(post)
    log_action(actor=actor, action="square.post.unpin", target=post)


@transaction.atomic
def comment_create(*, author, post: Post, text: str) -> Comment:
    ratelimit.check("comment", user=author)
    comment = Comment.objects.create(
        neighbourhood_id=post.neighbourhood_id,
        post=post,
        author=author,
        text=text.strip(),
        text_html=render_markdown(text),
    )
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    return comment


@transaction.atomic
def comment_delete(*, actor, comment: Comment) -> None:
    if comment.is_deleted:
        return
    comment.is_deleted = True
    comment.save(update_fields=["is_deleted"])
    Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") - 1)
    if actor.pk != comment.author_id:
        log_action(actor=actor, action="square.comment.delete", target=comment)


@transaction.atomic
def reaction_set(*, user, post: Post, kind: str) -> Reaction | None:
    """Set the person's reaction; choosing the same kind again takes it back."""
    existing = Reaction.objects.filter(post=post, user=user).select_for_update().first()
    if existing is None:
        reaction = Reaction.objects.create(
            neighbourhood_id=post.neighbourhood_id, post=post, user=user, kind=kind
        )
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") + 1)
        return reaction
    if existing.kind == kind:
        existing.delete()
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") - 1)
        return None
    existing.kind = kind
    existing.save(update_fields=["kind"])
    return existing


def save_toggle(*, user, post: Post) -> bool:
    """Save a post for later, or un-save it. Returns whether it is saved now."""
    deleted, _ = SavedPost.objects.filter(post=post, user=user).delete()
    if deleted:
        return False
    SavedPost.objects.create(neighbourhood_id=post.neighbourhood_id, post=post, user=user)
    return True


# --- forgetting a person -----------------------------------------------------------------------


@transaction.atomic
def erase_person(user) -> None:
    """Account deletion. The person's posts go, with their photos (files too) and the comments
    and reactions under them: a thread without its opening message has no meaning, and answers
    often address the writer by name. Their comments in other people's threads stay in place as
    "deleted" — without text or author — so the thread still reads in order; reports about
    those comments go (nothing is left to judge). Their reactions (the counts follow) and saved
    posts go."""
    from django.contrib.contenttypes.models import ContentType
    from django_scopes import scopes_disabled

    from buurtplein.moderation.models import Report

    with scopes_disabled():
        # One reaction per person per post: one statement takes theirs off every count.
        Post.objects.filter(pk__in=Reaction.objects.filter(user=user).values("post_id")).update(
            reaction_count=F("reaction_count") - 1
        )
        Reaction.objects.filter(user=user).delete()
        SavedPost.objects.filter(user=user).delete()
        posts = list(Post.objects.filter(author=user))
        Post.objects.filter(author=user).delete()  # photos, comments, reactions: cascade
        for post in posts:
            _changed(post)
        comments = list(Comment.objects.filter(author=user).values_list("pk", flat=True))
        Comment.objects.filter(pk__in=comments).update(text="", text_html="", author=None)
        Report.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment), object_id__in=comments
        ).delete()
