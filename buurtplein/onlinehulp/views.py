"""Pages of online help.

For askers (no account): the help page, starting a chat, the chat by its secret link, the
e-mail question. For workers: the console, the e-mail queue, the rota.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core import ratelimit
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import error_text, posted
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions, selectors
from buurtplein.onlinehulp.forms import ChatStartForm
from buurtplein.onlinehulp.models import Chat
from buurtplein.onlinehulp.opening import opening


def _to(request, name, **kwargs):
    return redirect(nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs))


def _no_referrer(response):
    """A page whose address holds a secret: never sent on to another site."""
    response["Referrer-Policy"] = "no-referrer"
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
    page without JavaScript shows it), the queue position while waiting; the script keeps it
    live over the websocket."""
    chat = selectors.access_chat(request.neighbourhood, token)
    code = request.session.pop(f"onlinehulp.code.{chat.pk}", "")
    context = {
        "chat": chat,
        "desk": chat.desk,
        "token": token,
        "code": code,
        "chat_messages": list(chat.messages.all()) if chat.transcript_deleted_at is None else [],
        "position": selectors.queue_position(chat) if chat.state == Chat.State.WAITING else None,
    }
    return _no_referrer(render(request, "onlinehulp/chat.html", context))
