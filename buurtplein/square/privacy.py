"""What the square holds about a person, for their data export (AVG/GDPR articles 15 and 20):
the posts they wrote (with their photos), their comments, their reactions and the posts they
saved. Of other people's posts only the title is named (to say where a comment or reaction
is), never their author or text."""

from django_scopes import scopes_disabled

from buurtplein.core.photos import EXPORT_FILES, export_name
from buurtplein.square.models import Comment, Post, Reaction, SavedPost


def _when(value):
    return value.isoformat() if value else None


def _about(post) -> str:
    """Where a comment, reaction or save is: the post's title (its number when it has none)."""
    return post.title or f"#{post.pk}"


def export(user) -> dict:
    with scopes_disabled():
        posts = list(
            Post.objects.filter(author=user)
            .select_related("neighbourhood", "organisation")
            .prefetch_related("photos")
            .order_by("created_at", "pk")
        )
        files = [photo.large.name for post in posts for photo in post.photos.all()]
        written = [
            {
                "neighbourhood": post.neighbourhood.name,
                "kind": post.category,
                "title": post.title,
                "text": post.text,
                "who_can_read_it": post.visibility,
                "on_behalf_of": post.organisation.name if post.organisation_id else None,
                "created_at": _when(post.created_at),
                "edited_at": _when(post.edited_at),
                "pinned_at": _when(post.pinned_at),
                "removed": post.is_deleted,
                "photos": [
                    {"file": export_name(photo.large), "description": photo.alt_text}
                    for photo in post.photos.all()
                ],
            }
            for post in posts
        ]
        comments = [
            {
                "neighbourhood": comment.neighbourhood.name,
                "on_post": _about(comment.post),
                "on_your_own_post": comment.post.author_id == user.pk,
                "text": comment.text,
                "created_at": _when(comment.created_at),
                "removed": comment.is_deleted,
            }
            for comment in Comment.objects.filter(author=user)
            .select_related("neighbourhood", "post")
            .order_by("created_at", "pk")
        ]
        reactions = [
            {
                "neighbourhood": reaction.neighbourhood.name,
                "on_post": _about(reaction.post),
                "reaction": reaction.kind,
                "created_at": _when(reaction.created_at),
            }
            for reaction in Reaction.objects.filter(user=user)
            .select_related("neighbourhood", "post")
            .order_by("created_at", "pk")
        ]
        saved = [
            {
                "neighbourhood": saved.neighbourhood.name,
                "post": _about(saved.post),
                "saved_at": _when(saved.created_at),
            }
            for saved in SavedPost.objects.filter(user=user)
            .select_related("neighbourhood", "post")
            .order_by("created_at", "pk")
        ]
    return {
        "posts": written,
        "comments": comments,
        "reactions": reactions,
        "saved_posts": saved,
        EXPORT_FILES: files,
    }
