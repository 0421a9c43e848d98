"""Private conversations between two members, read receipts, and blocks.

A conversation, its participants and its messages belong to one neighbourhood (``neighbourhood``
on every row, ``ScopedManager``). A :class:`Block` is between two *people*, not inside a
neighbourhood: like a profile, it holds platform-wide (someone you blocked in one neighbourhood
cannot write to you from another). That is the one deliberate exception to "every row carries its
neighbourhood" in this app.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Conversation(models.Model):
    """A private conversation between two members, optionally about one object (an offer, a
    help request) of the same neighbourhood."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    # What the conversation is about (generic: exchange item, help request, ...); both empty for
    # a plain conversation. The object may be deleted later: the subject stays.
    about_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    # "<lower user id>-<higher user id>|<content type id>:<object id>" (empty after "|" for a
    # plain conversation): one conversation per pair of people per object, kept by a constraint.
    key = models.CharField(max_length=100, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    last_message = models.ForeignKey(
        "Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "key"], name="one_conversation_per_pair"
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "about_type", "about_id"], name="conv_about"),
        ]

    def __str__(self):
        return self.subject or f"#{self.pk}"


class Participant(models.Model):
    """One person's place in a conversation: up to which message they have read, and up to
    which message they were e-mailed about."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_places"
    )
    # Denormalised from the conversation so the inbox is one index range scan.
    last_message_at = models.DateTimeField(default=timezone.now)
    last_read_message_id = models.PositiveBigIntegerField(default=0)
    emailed_up_to_id = models.PositiveBigIntegerField(default=0)
    unread_count = models.PositiveIntegerField(default=0)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "conversation", "user"], name="one_place_per_person"
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "user", "-last_message_at", "-id"], name="inbox"),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # Null once the author's account is erased; the text is then gone too.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("message"), max_length=5000)
    text_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    is_removed = models.BooleanField(default=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["neighbourhood", "conversation", "-id"], name="msg_conv")]

    def __str__(self):
        return self.text[:60]


class Block(models.Model):
    """``blocker`` does not want messages from ``blocked``. Platform-wide, person to person
    (deliberately not neighbourhood-owned, like a profile)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair")
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"
