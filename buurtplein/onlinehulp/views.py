"""Pages of online help.

For askers (no account): the help page, starting a chat, the chat by its secret link, the
e-mail question. For workers: the console, the e-mail queue, the rota.
"""

from __future__ import annotations

import logging
import smtplib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core import ratelimit
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import error_text, posted
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions, selectors
from buurtplein.onlinehulp.forms import ChatStartForm, RatingForm, TranscriptMailForm
from buurtplein.onlinehulp.models import Chat
from buurtplein.onlinehulp.opening import opening

logger = logging.getLogger(__name__)


def _to(request, name, **kwargs):
    return redirect(nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs))


def _no_referrer(response):
    """A page whose address holds a secret: never sent on to another site, nor kept by the
    browser. (``same-origin``, not ``no-referrer``: with ``no-referrer`` a browser sends
    ``Origin: null`` with the page's own forms, and Django's CSRF check refuses them.)"""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@neighbourhood_view("onlinehulp.help.view")
def chat_start(request):
    """Join the desk's queue (open hours only) and go to the chat by its secret link."""
    desk = selectors.desk_for(request.neighbourhood)
    if desk is None:
        raise Http404
    if not opening(desk).is_open:
        messages.info(request, _("The chat is closed now. You can ask your question by e-mail."))
        return _to(request, "onlinehulp:start")
    form = ChatStartForm(posted(request))
    if not form.is_valid():
        messages.error(request, _("Check your first name and age, or leave them empty."))
        return _to(request, "onlinehulp:start")
    try:
        ratelimit.check("onlinehulp_chat", ip=ratelimit.client_ip(request))
        chat, token, code = actions.chat_start(
            desk=desk, neighbourhood=request.neighbourhood, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _to(request, "onlinehulp:start")
    # The code is shown on the chat page once, to write down (only its digest is stored).
    request.session[f"onlinehulp.code.{chat.pk}"] = code
    return _to(request, "onlinehulp:chat", token=token)


@neighbourhood_view("onlinehulp.help.view")
def chat_page(request, token):
    """The asker's chat: the conversation so far (drawn by the server, so a reload or a
    page without JavaScript shows it), the queue position while waiting; the script
    (``onlinehulp/chat.js``) keeps it live over the websocket (``consumers.AskerConsumer``).
    After the chat: the rating and reading it back."""
    chat = selectors.access_chat(request.neighbourhood, token)
    return _no_referrer(
        render(request, "onlinehulp/chat.html", _chat_context(request, chat, token))
    )


def _start_url(request) -> str:
    """The help page (where the e-mail question is), if this build has it."""
    try:
        return nb_reverse("onlinehulp:start", request.neighbourhood, request=request)
    except NoReverseMatch:
        return ""


def _chat_context(request, chat, token, **extra):
    code = request.session.pop(f"onlinehulp.code.{chat.pk}", "")
    shown = selectors.chat_messages(chat)
    position = selectors.queue_position(chat) if chat.state == Chat.State.WAITING else None
    return {
        "chat": chat,
        "desk": chat.desk,
        "token": token,
        "code": code,
        "chat_messages": shown,
        "last_seq": shown[-1].seq if shown else 0,
        "crisis": any(message.crisis for message in shown),
        "position": position,
        "wait_minutes": (
            selectors.expected_wait_minutes(chat, position) if position is not None else None
        ),
        "worker_name": chat.worker.first_name if chat.worker_id and chat.worker else "",
        "read_along": selectors.has_read_along(chat.desk),
        "start_url": _start_url(request),
        "socket_path": f"/ws/online-help/{request.neighbourhood.pk}/chat/",
        "rating_form": extra.get("rating_form") or RatingForm(),
        "mail_form": extra.get("mail_form") or TranscriptMailForm(),
    }


def _to_chat(request, token, anchor=""):
    url = nb_reverse(
        "onlinehulp:chat", request.neighbourhood, request=request, kwargs={"token": token}
    )
    return _no_referrer(redirect(url + anchor))


@require_POST
@neighbourhood_view("onlinehulp.help.view")
def chat_stop(request, token):
    """The asker ends the chat ("Chat stoppen"); the page then offers the rating."""
    chat = selectors.access_chat(request.neighbourhood, token)
    actions.chat_close(chat=chat)
    return _to_chat(request, token, "#chat-after")


@require_POST
@neighbourhood_view("onlinehulp.help.view")
def chat_rate(request, token):
    """The one-tap rating after the chat, with an optional sentence (a plain form: it works
    without JavaScript)."""
    chat = selectors.access_chat(request.neighbourhood, token)
    if chat.state != Chat.State.CLOSED:
        return _to_chat(request, token)
    form = RatingForm(posted(request))
    if form.is_valid():
        try:
            actions.chat_rate(
                chat=chat,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["rating_text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. This helps us to help others."))
            return _to_chat(request, token, "#chat-after")
    context = _chat_context(request, chat, token, rating_form=form)
    return _no_referrer(render(request, "onlinehulp/chat.html", context, status=400))


@neighbourhood_view("onlinehulp.help.view")
def chat_transcript(request, token):
    """The chat as a plain-text file to keep ("Save this chat")."""
    chat = selectors.access_chat(request.neighbourhood, token)
    response = HttpResponse(_transcript(request, chat), content_type="text/plain; charset=utf-8")
    name = f"chat-{chat.created_at:%Y-%m-%d}.txt"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _no_referrer(response)


def _transcript(request, chat) -> str:
    return render_to_string(
        "onlinehulp/asker_transcript.txt",
        {"chat": chat, "desk": chat.desk, "chat_messages": selectors.chat_messages(chat)},
        request=request,
    )


@require_POST
@neighbourhood_view("onlinehulp.help.view")
def chat_mail(request, token):
    """Send the chat to an address the asker types once. The address is **not stored**: the
    e-mail is sent now, in this request (a queued task would keep the address in the task
    table), and when the mail server is away the asker is told so and can save the chat
    instead. Limited per address and per chat (counted in the cache only)."""
    chat = selectors.access_chat(request.neighbourhood, token)
    form = TranscriptMailForm(posted(request))
    if form.is_valid():
        try:
            ratelimit.check("onlinehulp_mail", ip=ratelimit.client_ip(request), chat=chat.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            try:
                send_mail(
                    _("Your chat with %(desk)s") % {"desk": chat.desk.name},
                    _transcript(request, chat),
                    None,
                    [form.cleaned_data["email"]],
                )
            except (OSError, smtplib.SMTPException) as error:
                logger.warning("online help: a chat could not be mailed: %s", type(error).__name__)
                form.add_error(
                    None,
                    _("Sending did not work just now. Save the chat instead, or try again later."),
                )
            else:
                messages.success(
                    request, _("We sent the chat to your address. We did not keep the address.")
                )
                return _to_chat(request, token, "#chat-after")
    context = _chat_context(request, chat, token, mail_form=form)
    return _no_referrer(render(request, "onlinehulp/chat.html", context, status=400))
