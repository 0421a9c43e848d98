"""Helpers for tests of any app: open a conversation through the real actions."""

from django_scopes import scope

from buurtplein.messaging.actions import conversation_start, message_send


def start_conversation(neighbourhood, starter, other, text="Hoi buur!", **kwargs):
    with scope(neighbourhood=neighbourhood):
        return conversation_start(
            neighbourhood=neighbourhood, starter=starter, other=other, text=text, **kwargs
        )


def send(conversation, author, text="Prima!"):
    with scope(neighbourhood=conversation.neighbourhood):
        return message_send(conversation=conversation, author=author, text=text)
