"""Pages of online help.

For askers (no account): the help page, starting a chat, the chat by its secret link, the
e-mail question. For workers: the console, the e-mail queue, the rota.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core import ratelimit
from buurtplein.core.components import component_on
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions, sealing, selectors
from buurtplein.onlinehulp.forms import ChatStartForm, CodeForm, QuestionForm, ReplyForm
from buurtplein.onlinehulp.models import Chat, Question
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


# --- The help page and the asker's e-mail questions (part "desk") --------------------------

CODE_SESSION = "onlinehulp.question-code.{pk}"
"""Where the short code waits, for one page view, to be shown to the asker once."""


def _asker_page(request, template, context, *, status=200):
    """A page for askers: "Snel weg" on it (the template includes it), no referrer sent on
    and no copy kept (``_no_referrer``: the address may hold their secret)."""
    return _no_referrer(render(request, template, context, status=status))


def _url(request, name, **kwargs) -> str:
    try:
        return nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _desk(request):
    desk = selectors.desk_for(request.neighbourhood)
    if desk is None:
        raise Http404
    return desk


@neighbourhood_view("onlinehulp.help.view")
def start(request):
    """The help page: who answers, whether the chat is open now and until when (or when it
    opens next), the week's hours, the chat button, the question by e-mail, "Heb je een
    code?". Where no desk serves the neighbourhood: the sociale kaart's services."""
    desk = selectors.desk_for(request.neighbourhood)
    if desk is None:
        services = ""
        if component_on(request.neighbourhood, "socialmap"):
            services = _url(request, "socialmap:list")
        return _asker_page(request, "onlinehulp/desk_none.html", {"services_url": services})
    hours = list(desk.hours.all())
    return _asker_page(
        request,
        "onlinehulp/desk_start.html",
        {
            "desk": desk,
            "opening": opening(desk, hours=hours),
            "week": selectors.week_hours(desk),
            "read_along": selectors.read_along_possible(desk),
            "chat_url": _url(request, "onlinehulp:chat_start"),
            "code_form": CodeForm(),
            "chat_form": ChatStartForm(),
        },
    )


@neighbourhood_view("onlinehulp.help.view")
def question_new(request):
    """The question form (works without JavaScript); on success to the question's own page
    by its secret link, where the code is shown once."""
    desk = _desk(request)
    form = QuestionForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                question, token, code = actions.question_ask(
                    desk=desk,
                    neighbourhood=request.neighbourhood,
                    ip=ratelimit.client_ip(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                request.session[CODE_SESSION.format(pk=question.pk)] = code
                return redirect(_url(request, "onlinehulp:question", token=token))
        status = 400
    return _asker_page(
        request, "onlinehulp/desk_question_new.html", {"desk": desk, "form": form}, status=status
    )


@neighbourhood_view("onlinehulp.help.view")
def question_page(request, token):
    """The asker's question by its secret link: the conversation (never the workers' notes)
    and a reply. Right after asking, the short code is shown once."""
    question = selectors.access_question(request.neighbourhood, token)
    form = ReplyForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.question_reply(question=question, text=form.cleaned_data["text"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect(request.path + "#latest")
        status = 400
    return _asker_page(
        request,
        "onlinehulp/desk_question.html",
        {
            "question": question,
            "desk": question.desk,
            "conversation": selectors.question_messages(question),
            "code": request.session.pop(CODE_SESSION.format(pk=question.pk), ""),
            "link": request.build_absolute_uri(request.path),
            "form": form,
        },
        status=status,
    )


@neighbourhood_view("onlinehulp.help.view")
def code_page(request):
    """ "Heb je een code?": the code leads to the conversation's link again (the token is kept
    sealed with the server's key). Every try counts against the address's limit."""
    form = CodeForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ratelimit.check("onlinehulp_code", ip=ratelimit.client_ip(request))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                found = selectors.find_by_code(request.neighbourhood, form.cleaned_data["code"])
                token = sealing.unseal(getattr(found, "token_sealed", ""))
                if isinstance(found, Question) and token:
                    return redirect(_url(request, "onlinehulp:question", token=token))
                form.add_error("code", CodeForm.unknown)
        status = 400
    return _asker_page(request, "onlinehulp/desk_code.html", {"form": form}, status=status)
