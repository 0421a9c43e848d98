"""The square: posts with photos, comments, reactions and saved posts."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.photos import Photo


class Category(models.TextChoices):
    NEWS = "news", _("News")
    QUESTION = "question", _("Question")
    TIP = "tip", _("Tip")
    LOST_FOUND = "lost_found", _("Lost & found")
    NOTICE = "notice", _("Notice")


CATEGORY_ICONS = {
    Category.NEWS: "news",
    Category.QUESTION: "question",
    Category.TIP: "tip",
    Category.LOST_FOUND: "lost",
    Category.NOTICE: "notice",
}


class Visibility(models.TextChoices):
    MEMBERS = "members", _("Only neighbours")
    PUBLIC = "public", _("Everyone, also people without an account")


class Post(models.Model):
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    # "Posted on behalf of": set when the author writes for an organisation (a club, an
    # initiative, the welfare organisation) they act for in this neighbourhood.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    category = models.CharField(_("kind of message"), max_length=20, choices=Category)
    title = models.CharField(_("title"), max_length=120, blank=True)
    text = models.TextField(_("message"), max_length=5000)
    text_html = models.TextField(editable=False)
    visibility = models.CharField(
        _("who can read this"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    pinned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    comment_count = models.PositiveIntegerField(default=0)
    reaction_count = models.PositiveIntegerField(default=0)
    search_text = models.TextField(editable=False, blank=True)
    # PostgreSQL only: the Dutch tsvector of search_text, kept by the actions, GIN-indexed
    # (migration 0002). Unused (and empty) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["neighbourhood", "-created_at", "-id"], name="post_feed"),
            models.Index(
                fields=["neighbourhood", "visibility", "-created_at", "-id"],
                name="post_feed_public",
            ),
            models.Index(
                fields=["neighbourhood", "-pinned_at"],
                condition=models.Q(pinned_at__isnull=False),
                name="post_pinned",
            ),
            models.Index(
                fields=["neighbourhood", "organisation", "-created_at", "-id"],
                condition=models.Q(organisation__isnull=False),
                name="post_organisation",
            ),
        ]

    def __str__(self):
        return self.title or self.text[:60]

    @property
    def icon(self) -> str:
        return CATEGORY_ICONS.get(self.category, "news")

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class PostPhoto(Photo):
    upload_dir = "posts"
    owner_field = "post"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        indexes = [models.Index(fields=["neighbourhood", "post"])]


class Comment(models.Model):
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    # Null once the author's account is erased: the comment stays in the thread as "deleted",
    # without its text (square.actions.erase_person).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    text = models.TextField(_("comment"), max_length=2000)
    text_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    is_deleted = models.BooleanField(default=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["neighbourhood", "post", "created_at", "id"])]

    def __str__(self):
        return self.text[:60]


class ReactionKind(models.TextChoices):
    THUMB = "thumb", _("Like")
    HEART = "heart", _("Lovely")
    THANKS = "thanks", _("Thank you")
    LAUGH = "laugh", _("Funny")


REACTION_ICONS = {
    ReactionKind.THUMB: "thumb",
    ReactionKind.HEART: "heart",
    ReactionKind.THANKS: "thanks",
    ReactionKind.LAUGH: "laugh",
}


class Reaction(models.Model):
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "post", "user"], name="one_reaction")
        ]
        indexes = [models.Index(fields=["neighbourhood", "user", "post"])]

    def __str__(self):
        return f"{self.kind} on {self.post_id}"


class SavedPost(models.Model):
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "post", "user"], name="one_save")
        ]
        indexes = [models.Index(fields=["neighbourhood", "user", "-created_at", "-id"])]

    def __str__(self):
        return f"{self.user_id} saved {self.post_id}"
