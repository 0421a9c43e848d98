"""Pages of online help.

For askers (no account): the help page, starting a chat, the chat by its secret link, the
e-mail question. For workers: the console, the e-mail queue, the rota.
"""

from __future__ import annotations

import logging
import smtplib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core import ratelimit
from buurtplein.core.components import component_on
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions, sealing, selectors
from buurtplein.onlinehulp.forms import (
    AnswerForm,
    AssignForm,
    ChatStartForm,
    CloseForm,
    CodeForm,
    HourForm,
    NoteForm,
    QuestionForm,
    RatingForm,
    ReplyForm,
    ShiftForm,
    TranscriptMailForm,
)
from buurtplein.onlinehulp.models import Chat, Question
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
            "read_along": selectors.has_read_along(desk),
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
    """The page "Heb je een code?": the code leads to the conversation's link again (the
    token is kept sealed with the server's key). Every try counts against the address's
    limit."""
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
                if isinstance(found, Chat) and token:
                    return redirect(_url(request, "onlinehulp:chat", token=token))
                form.add_error("code", CodeForm.unknown)
        status = 400
    return _asker_page(request, "onlinehulp/desk_code.html", {"form": form}, status=status)


# --- The workers' e-mail queue (part "desk") -----------------------------------------------


@neighbourhood_view("onlinehulp.questions.view")
def questions(request):
    """The desk's open questions (every neighbourhood of the region), those to answer first
    by due time, overdue marked; then those answered and waiting for the asker."""
    viewer = viewer_for(request)
    return render(
        request,
        "onlinehulp/desk_queue.html",
        {"questions": selectors.worker_questions(viewer), "now": timezone.now()},
    )


def _work_page(request, question, *, forms=None, status=200):
    forms = forms or {}
    conversation, notes = selectors.question_thread(question)
    workers = selectors.desk_colleagues(question.desk)
    return render(
        request,
        "onlinehulp/desk_work.html",
        {
            "question": question,
            "conversation": conversation,
            "notes": notes,
            "now": timezone.now(),
            "answer_form": forms.get("answer") or AnswerForm(),
            "note_form": forms.get("note") or NoteForm(),
            "assign_form": forms.get("assign")
            or AssignForm(workers=workers, initial={"to": request.user.pk}),
            "close_form": forms.get("close") or CloseForm(),
            "form": next(iter(forms.values()), None),
        },
        status=status,
    )


def _worker_question(request, pk):
    viewer = viewer_for(request)
    question = selectors.worker_question(viewer, pk)
    if not can(viewer, "onlinehulp.questions.answer", question):
        raise PermissionDenied
    return question


@neighbourhood_view("onlinehulp.questions.view")
def question_work(request, pk):
    return _work_page(request, selectors.worker_question(viewer_for(request), pk))


def _posted_to_question(request, pk, name, form, act):
    """The POSTs of the work page: run ``act(question, cleaned_data)`` when the form is
    valid, then back to the page; otherwise the page with the form's mistakes (400)."""
    question = _worker_question(request, pk)
    if form.is_valid():
        try:
            act(question, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _to(request, "onlinehulp:question_work", pk=question.pk)
    return _work_page(request, question, forms={name: form}, status=400)


@require_POST
@neighbourhood_view("onlinehulp.questions.view")
def question_answer(request, pk):
    def act(question, data):
        actions.question_answer(question=question, worker=request.user, text=data["text"])
        messages.success(request, _("Your answer is there for the asker."))

    return _posted_to_question(request, pk, "answer", AnswerForm(request.POST), act)


@require_POST
@neighbourhood_view("onlinehulp.questions.view")
def question_note(request, pk):
    def act(question, data):
        actions.question_note(question=question, worker=request.user, text=data["text"])

    return _posted_to_question(request, pk, "note", NoteForm(request.POST), act)


@require_POST
@neighbourhood_view("onlinehulp.questions.view")
def question_assign(request, pk):
    question = _worker_question(request, pk)
    form = AssignForm(request.POST, workers=selectors.desk_colleagues(question.desk))

    def act(question, data):
        actions.question_assign(question=question, actor=request.user, to=data["to"])

    return _posted_to_question(request, pk, "assign", form, act)


@require_POST
@neighbourhood_view("onlinehulp.questions.view")
def question_close(request, pk):
    def act(question, data):
        actions.question_close(question=question, worker=request.user, **data)
        messages.success(request, _("The question is closed."))

    return _posted_to_question(request, pk, "close", CloseForm(request.POST), act)


# --- Consultation hours and the rota (part "desk") -----------------------------------------


def _rota_page(request, *, shift_form=None, hour_form=None, status=200):
    viewer = viewer_for(request)
    desk = selectors.worker_desk(viewer)
    if desk is None:
        raise Http404
    days = selectors.rota(desk, timezone.localdate(), viewer=viewer)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    return render(
        request,
        "onlinehulp/desk_rota.html",
        {
            "desk": desk,
            "weeks": weeks,
            "may_edit_hours": can(viewer, "onlinehulp.hours.edit", desk),
            "shift_form": shift_form or ShiftForm(),
            "hour_form": hour_form or HourForm(),
            "form": shift_form or hour_form,
        },
        status=status,
    )


@neighbourhood_view("onlinehulp.rota.view")
def rota(request):
    """Who covers which hours in the coming weeks, and where no one does; the viewer's own
    shifts (to cancel) and their organisation's marked; sign up for a shift; coordinators
    edit the weekly hours."""
    return _rota_page(request)


@require_POST
@neighbourhood_view("onlinehulp.rota.view")
def shift_add(request):
    viewer = viewer_for(request)
    desk = selectors.worker_desk(viewer)
    form = ShiftForm(request.POST)
    if form.is_valid():
        try:
            actions.shift_add(desk=desk, worker=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("You are on the rota. Thank you!"))
            return _to(request, "onlinehulp:rota")
    return _rota_page(request, shift_form=form, status=400)


@require_POST
@neighbourhood_view("onlinehulp.rota.view")
def shift_cancel(request, pk):
    viewer = viewer_for(request)
    shift = selectors.own_shift(viewer, pk)
    try:
        actions.shift_cancel(shift=shift, worker=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The shift is cancelled."))
    return _to(request, "onlinehulp:rota")


@require_POST
@neighbourhood_view("onlinehulp.rota.view")
def hour_add(request):
    viewer = viewer_for(request)
    desk = selectors.worker_desk(viewer)
    if not can(viewer, "onlinehulp.hours.edit", desk):
        raise PermissionDenied
    form = HourForm(request.POST)
    if form.is_valid():
        try:
            actions.hour_add(desk=desk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _to(request, "onlinehulp:rota")
    return _rota_page(request, hour_form=form, status=400)


@require_POST
@neighbourhood_view("onlinehulp.rota.view")
def hour_delete(request, pk):
    viewer = viewer_for(request)
    desk = selectors.worker_desk(viewer)
    if not can(viewer, "onlinehulp.hours.edit", desk):
        raise PermissionDenied
    hour = desk.hours.filter(pk=pk).first()
    if hour is None:
        raise Http404
    actions.hour_delete(hour=hour, actor=request.user)
    return _to(request, "onlinehulp:rota")
