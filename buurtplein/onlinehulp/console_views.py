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
from buurtplein.core.permissions import can, viewer_for
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


def _panel_context(request, chat: Chat, snippets=(), colleagues=()) -> dict:
    return {
        "chat": chat,
        "colleagues": [c for c in colleagues if c.pk != request.user.pk],
        "coaching": chat.coach_id == request.user.pk and chat.worker_id != request.user.pk,
        "registration_form": ChatRegistrationForm(prefix=f"chat{chat.pk}"),
        "snippets": snippets,
        "refer_url": _refer_url(request),
    }


def _refer_url(request) -> str:
    """The referrals component's new-referral page (issue 13), linked by its URL name and
    permission only, for a worker who may refer (a professional or buurtverbinder): the worker
    asks the person's consent and contact in the chat ("In an online help chat"), then fills it
    in there."""
    if not request.neighbourhood.has_component("referrals"):
        return ""
    if not can(viewer_for(request), "referrals.referral.create"):
        return ""
    return nb_reverse("referrals:new", request.neighbourhood)


@neighbourhood_view("onlinehulp.console.view")
def console(request):
    viewer = viewer_for(request)
    chats = selectors.console_chats(viewer)
    snippets = selectors.worker_snippets(viewer)
    colleagues = selectors.console_colleagues(viewer)
    context = {
        "waiting": _with_wait(selectors.waiting_chats(viewer)),
        "colleagues": colleagues,
        "read_along": selectors.read_along_chats(viewer),
        "panels": [_panel_context(request, chat, snippets, colleagues) for chat in chats],
        "snippets": snippets,
        "snippet_texts": {str(s.pk): s.text for s in snippets},
        "socket_path": f"/ws/online-help/{request.neighbourhood.pk}/console/",
    }
    return _private(render(request, "onlinehulp/console.html", context))


@neighbourhood_view("onlinehulp.console.view")
def console_queue(request):
    """The waiting list and the colleagues on the console (the script fetches them on each
    ``queue`` and ``presence`` event)."""
    viewer = viewer_for(request)
    context = {
        "waiting": _with_wait(selectors.waiting_chats(viewer)),
        "colleagues": selectors.console_colleagues(viewer),
        "read_along": selectors.read_along_chats(viewer),
    }
    return _private(render(request, "onlinehulp/console_queue.html", context))


@neighbourhood_view("onlinehulp.console.view")
def console_panel(request, pk):
    """One chat's panel (the script fetches it when a chat becomes the worker's)."""
    viewer = viewer_for(request)
    chat = selectors.console_chat(viewer, pk)
    context = _panel_context(
        request, chat, selectors.worker_snippets(viewer), selectors.console_colleagues(viewer)
    )
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


@require_POST
@neighbourhood_view("onlinehulp.console.view")
def console_handover(request, pk):
    """Pass the chat on to a colleague of the desk (any organisation) with a note."""
    viewer = viewer_for(request)
    chat = selectors.console_chat(viewer, pk)
    if chat.worker_id != request.user.pk:
        raise Http404
    data = posted(request)
    try:
        to_id = int(data.get(f"chat{chat.pk}-to") or 0)
    except ValueError:
        to_id = 0
    colleague = next((p for p in selectors.desk_workers(chat.desk_id) if p.pk == to_id), None)
    try:
        with scopes_disabled():
            actions.chat_hand_over(
                chat=chat,
                from_worker=request.user,
                to_worker=colleague,
                organisation=colleague.desk_organisation if colleague else None,
                note=data.get(f"chat{chat.pk}-note", ""),
            )
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(
                error_text(error), status=400, content_type="text/plain; charset=utf-8"
            )
        messages.error(request, error_text(error))
        return _console(request)
    if request.htmx:
        return HttpResponse(status=204)
    messages.success(
        request, _("The chat is passed on to %(name)s.") % {"name": colleague.first_name}
    )
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


# --- the sociale kaart in the console -----------------------------------------------------------

KAART_RESULTS = 8


@neighbourhood_view("onlinehulp.console.view")
def console_services(request):
    """Services of the sociale kaart that fit ``q``, with what a worker pastes into a chat:
    the name, the phone number and the public link. Read through the declared contract
    ``socialmap.referral_selectors`` (pyproject.toml): the kaart's own search hits carry no
    phone number or web address. In the background (the script) the list alone; without it,
    a page of its own."""
    from buurtplein.socialmap.referral_selectors import referable_services

    query = request.GET.get("q", "").strip()[:100]
    services = []
    if query and request.neighbourhood.has_component("socialmap"):
        for service in referable_services(query)[:KAART_RESULTS]:
            service.public_url = request.build_absolute_uri(
                nb_reverse("socialmap:service", request.neighbourhood, kwargs={"pk": service.pk})
            )
            services.append(service)
    context = {"services": services, "query": query}
    template = (
        "onlinehulp/console_services_list.html"
        if request.htmx
        else "onlinehulp/console_services.html"
    )
    return _private(render(request, template, context))


# --- reading along (quality) ---------------------------------------------------------------------


@require_POST
@neighbourhood_view("onlinehulp.console.view")
def console_read_along(request, pk):
    """Join a colleague's active chat read-only, as a coach (where the organisations allow
    it); ``stop=1`` leaves it again."""
    viewer = viewer_for(request)
    if request.POST.get("stop"):
        chat = selectors.console_chat(viewer, pk)
        with scopes_disabled():
            actions.chat_stop_reading(chat=chat, coach=request.user)
    else:
        chat = next((c for c in selectors.read_along_chats(viewer) if c.pk == pk), None)
        if chat is None:
            raise Http404
        with scopes_disabled():
            joined = actions.chat_read_along(chat=chat, coach=request.user)
        if not joined:
            text = _("Someone else reads along already, or the chat ended.")
            if request.htmx:
                return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")
            messages.info(request, text)
    if request.htmx:
        return HttpResponse(status=204)
    return _console(request)
