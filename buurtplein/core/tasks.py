"""Helpers every app's ``tasks.py`` uses: load a row for a task, plan a task for later, send a
person an e-mail in their own language. (The tasks themselves live in each app.)"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scopes_disabled

from buurtplein.core.components import component_of_model, component_on


def load(model, pk, *related):
    """The row ``pk`` of ``model`` with its neighbourhood (and ``related``), or None when it is
    gone, or when the component that ``model`` belongs to is switched off in its neighbourhood
    (a switched-off component sends and changes nothing, also from tasks planned before it was
    switched off). Tasks get ids, not objects; they load the row and then enter its
    neighbourhood's scope themselves."""
    with scopes_disabled():
        row = model.objects.select_related("neighbourhood", *related).filter(pk=pk).first()
    if row is None:
        return None
    label = component_of_model(model)
    if label and not component_on(row.neighbourhood, label):
        return None
    return row


def load_neighbourhood(pk, component: str):
    """The neighbourhood ``pk``, or None when it is gone or ``component`` is switched off
    there: for tasks that get a neighbourhood rather than a row."""
    from buurtplein.core.models import Neighbourhood

    with scopes_disabled():
        neighbourhood = Neighbourhood.objects.filter(pk=pk).first()
    return neighbourhood if component_on(neighbourhood, component) else None


def enqueue_later(task, when: datetime, *args) -> None:
    """Enqueue ``task`` to run at ``when`` where the backend can wait (django-tasks-db); a
    backend that cannot (the immediate one in tests) runs it now. Every deferred task therefore
    checks, when it runs, whether it is due and whether there is still something to do."""
    if task.get_backend().supports_defer:
        task.using(run_after=when).enqueue(*args)
    else:
        task.enqueue(*args)


def render_email(template: str, context: dict) -> tuple[str, str]:
    """(subject, body) of ``<template>_subject.txt`` and ``<template>_body.txt`` in the active
    language, with the platform's name and address. Plain text: rendered by the "text" template
    engine, which escapes nothing (these are no HTML pages)."""
    context = {
        **context,
        "site_name": settings.BUURTPLEIN_SITE_NAME,
        "base_url": settings.BUURTPLEIN_BASE_URL,
    }
    subject = render_to_string(f"{template}_subject.txt", context, using="text")
    body = render_to_string(f"{template}_body.txt", context, using="text")
    return " ".join(subject.split()), body


def send_to(user, template: str, context: dict) -> None:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` (e.g.
    ``"exchange/email/reminder"``) in the person's own language and send the e-mail."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject, body = render_email(template, {**context, "user": user})
    send_mail(subject, body, None, [user.email])
