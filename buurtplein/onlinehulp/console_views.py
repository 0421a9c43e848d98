"""The workers' console: the waiting chats of the desks' region, taking a chat, a panel per
chat the worker has (the conversation goes over the websocket: ``console_consumers``), closing
with the short registration. Taking and closing are forms that work without JavaScript; the
script (``static/onlinehulp/console.js``) posts them in the background and keeps the page live.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_scopes import scopes_disabled

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions, selectors
from buurtplein.onlinehulp.forms import ChatRegistrationForm, SnippetForm
from buurtplein.onlinehulp.models import Chat


def _console(request):
    return redirect(nb_reverse("onlinehulp:console", request.neighbourhood, request=request))


def _private(response):
    """Console pages show what askers wrote: never cached, never sent on as a referrer."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _with_wait(chats: list[Chat]) -> list[Chat]:
    now = timezone.now()
    for chat in chats:
        chat.waited_minutes = max(int((now - chat.created_at).total_seconds() // 60), 0)
    return chats


def _panel_context(request, chat: Chat, snippets=()) -> dict:
    return {
        "chat": chat,
        "coaching": chat.coach_id == request.user.pk and chat.worker_id != request.user.pk,
        "registration_form": ChatRegistrationForm(prefix=f"chat{chat.pk}"),
        "snippets": snippets,
    }


@neighbourhood_view("onlinehulp.console.view")
def console(request):
    viewer = viewer_for(request)
    chats = selectors.console_chats(viewer)
    snippets = selectors.worker_snippets(viewer)
    context = {
        "waiting": _with_wait(selectors.waiting_chats(viewer)),
        "panels": [_panel_context(request, chat, snippets) for chat in chats],
        "snippets": snippets,
        "snippet_texts": {str(s.pk): s.text for s in snippets},
        "socket_path": f"/ws/online-help/{request.neighbourhood.pk}/console/",
    }
    return _private(render(request, "onlinehulp/console.html", context))


@neighbourhood_view("onlinehulp.console.view")
def console_queue(request):
    """The waiting list alone (the script fetches it on each ``queue`` event)."""
    context = {"waiting": _with_wait(selectors.waiting_chats(viewer_for(request)))}
    return _private(render(request, "onlinehulp/console_queue.html", context))


@neighbourhood_view("onlinehulp.console.view")
def console_panel(request, pk):
    """One chat's panel (the script fetches it when a chat becomes the worker's)."""
    viewer = viewer_for(request)
    chat = selectors.console_chat(viewer, pk)
    context = _panel_context(request, chat, selectors.worker_snippets(viewer))
    return _private(render(request, "onlinehulp/console_panel.html", context))


@require_POST
@neighbourhood_view("onlinehulp.console.view")
def console_take(request, pk):
    viewer = viewer_for(request)
    chat = selectors.worker_chat(viewer, pk)
    organisation = selectors.taking_part_for(viewer, chat.desk_id)
    with scopes_disabled():
        taken = actions.console_take(chat=chat, worker=request.user, organisation=organisation)
    if not taken:
        text = _("Someone else took this chat first, or the person left.")
        if request.htmx:
            return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")
        messages.info(request, text)
    if request.htmx:
        return HttpResponse(status=204)
    return _console(request)


@require_POST
@neighbourhood_view("onlinehulp.console.view")
def console_close(request, pk):
    """End the chat (if the asker did not already) and save the registration."""
    viewer = viewer_for(request)
    chat = selectors.console_chat(viewer, pk)
    if chat.worker_id != request.user.pk:
        raise Http404  # a reader-along does not close
    form = ChatRegistrationForm(posted(request), prefix=f"chat{chat.pk}")
    if not form.is_valid():
        text = _("Choose what the chat led to.")
        if request.htmx:
            return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, text)
        return _console(request)
    try:
        with scopes_disabled():
            actions.chat_close(chat=chat, worker=request.user)
            actions.chat_register(chat=chat, worker=request.user, **form.cleaned_data)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(
                error_text(error), status=400, content_type="text/plain; charset=utf-8"
            )
        messages.error(request, error_text(error))
        return _console(request)
    if request.htmx:
        return HttpResponse(status=204)
    messages.success(request, _("The chat is closed and registered."))
    return _console(request)


# --- snippets (canned answers) of the worker's organisations ------------------------------------


def _snippet_form(request, viewer, snippet=None):
    organisations = selectors.worker_organisations(viewer)
    initial = (
        {"organisation": snippet.organisation_id, "title": snippet.title, "text": snippet.text}
        if snippet
        else None
    )
    data = posted(request) if request.method == "POST" else None
    return SnippetForm(data, initial=initial, organisations=organisations), organisations


def _save_snippet(request, viewer, form, organisations, snippet=None):
    chosen = {o.pk: o for o in organisations}.get(form.cleaned_data["organisation"])
    if chosen is None:
        form.add_error("organisation", _("Choose one of your organisations."))
        return False
    try:
        actions.snippet_save(
            worker=request.user,
            organisation=chosen,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            snippet=snippet,
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


@neighbourhood_view("onlinehulp.console.view")
def snippets(request):
    """The snippets of the worker's organisations, and a form to add one."""
    viewer = viewer_for(request)
    form, organisations = _snippet_form(request, viewer)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_snippet(request, viewer, form, organisations)
    ):
        messages.success(request, _("The snippet is saved."))
        return redirect(nb_reverse("onlinehulp:snippets", request.neighbourhood))
    context = {
        "snippets": selectors.worker_snippets(viewer),
        "form": form,
        "several": len(organisations) > 1,
    }
    return render(request, "onlinehulp/console_snippets.html", context)


@neighbourhood_view("onlinehulp.console.view")
def snippet_edit(request, pk):
    viewer = viewer_for(request)
    snippet = selectors.worker_snippet(viewer, pk)
    form, organisations = _snippet_form(request, viewer, snippet)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_snippet(request, viewer, form, organisations, snippet)
    ):
        messages.success(request, _("The snippet is saved."))
        return redirect(nb_reverse("onlinehulp:snippets", request.neighbourhood))
    context = {"snippet": snippet, "form": form, "several": len(organisations) > 1}
    return render(request, "onlinehulp/console_snippet_edit.html", context)


@require_POST
@neighbourhood_view("onlinehulp.console.view")
def snippet_delete(request, pk):
    snippet = selectors.worker_snippet(viewer_for(request), pk)
    actions.snippet_delete(worker=request.user, snippet=snippet)
    messages.success(request, _("The snippet is deleted."))
    return redirect(nb_reverse("onlinehulp:snippets", request.neighbourhood))
