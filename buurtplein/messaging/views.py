"""Pages of messaging: the inbox, one conversation, blocking. Every page works without
JavaScript; with htmx a reply appears without a reload, and ``messaging.js`` keeps the open page
and the header badge up to date over the websocket."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.permissions import viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.messaging import actions, selectors
from buurtplein.messaging.forms import MessageForm
from buurtplein.messaging.models import Block
from buurtplein.moderation.views import report_page


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _conversation_url(request, conversation, anchor=""):
    return (
        nb_reverse(
            "messaging:conversation",
            request.neighbourhood,
            request=request,
            kwargs={"pk": conversation.pk},
        )
        + anchor
    )


@neighbourhood_view("messaging.inbox.view")
def inbox(request):
    page = selectors.inbox(request.user, after=request.GET.get("after"))
    context = {"page": page}
    if request.htmx and request.GET.get("partial") == "list":
        return render(request, "messaging/inbox.html#inbox_list", context)
    return render(request, "messaging/inbox.html", context)


def _thread_context(request, conversation, *, before=None) -> dict:
    """What the thread shows: messages (oldest→newest), the other person and how far they
    have read (for "Read" on one's own messages)."""
    places = selectors.participants(conversation)
    mine = next((p for p in places if p.user_id == request.user.pk), None)
    theirs = next((p for p in places if p.user_id != request.user.pk), None)
    page = selectors.conversation_messages(conversation, before=before)
    other = theirs.user if theirs else None
    return {
        "conversation": conversation,
        "thread": page,
        "latest": before is None,
        "other": other,
        "other_read_up_to": theirs.last_read_message_id if theirs else 0,
        "mine": mine,
    }


@neighbourhood_view("messaging.conversation.view")
def conversation(request, pk):
    viewer = viewer_for(request)
    conversation = selectors.access_conversation(viewer, pk)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                actions.message_send(
                    conversation=conversation, author=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                if not request.htmx:
                    return redirect(_conversation_url(request, conversation, "#reply"))
                form = MessageForm()
                conversation.refresh_from_db()
        if form.errors and not request.htmx:
            status = 400
    before = _int(request.GET.get("before"))
    if before is None:
        actions.conversation_mark_read(conversation=conversation, user=request.user)
        # The header's badge counts what is unread now, not what was before this page.
        selectors.forget_unread(request.membership)
    context = _thread_context(request, conversation, before=before)
    context["form"] = form
    if request.htmx and request.method == "POST":
        return render(request, "messaging/conversation.html#after_post", context)
    if request.htmx and request.GET.get("partial") == "thread":
        return render(request, "messaging/conversation.html#thread", context)
    other = context["other"]
    context.update(
        about_url=selectors.about_link(conversation, viewer, request=request),
        i_blocked=selectors.has_blocked(request.user, other),
        they_blocked=selectors.has_blocked(other, request.user) if other else False,
    )
    return render(request, "messaging/conversation.html", context, status=status)


@neighbourhood_view("messaging.message.send")
def write(request, user_id):
    """Write to a neighbour from their profile: the conversation of the two of you (a new one
    with the first message, or the one you already have)."""
    from buurtplein.accounts.selectors import access_member

    viewer = viewer_for(request)
    other = access_member(viewer, user_id).user
    if viewer.is_self(other):
        return redirect(nb_reverse("messaging:inbox", request.neighbourhood, request=request))
    existing = selectors.direct_conversation(request.user, other)
    if existing is not None and request.method != "POST":
        return redirect(_conversation_url(request, existing, "#reply"))
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = actions.conversation_start(
                neighbourhood=request.neighbourhood,
                starter=request.user,
                other=other,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            return redirect(_conversation_url(request, conversation, "#reply"))
    return render(
        request,
        "messaging/write.html",
        {"form": form, "other": other},
        status=400 if form.errors else 200,
    )


@neighbourhood_view("messaging.block.manage")
def block(request, pk):
    """Block the other person of a conversation (confirmation page, then POST)."""
    viewer = viewer_for(request)
    conversation = selectors.access_conversation(viewer, pk)
    other = actions.other_participant(conversation, request.user)
    if other is None:
        raise Http404
    if request.method == "POST":
        actions.block_create(blocker=request.user, blocked=other)
        messages.success(
            request,
            _("You blocked %(name)s. This person can no longer send you messages.")
            % {"name": other.display_name},
        )
        return redirect(_conversation_url(request, conversation))
    return render(
        request, "messaging/block_confirm.html", {"conversation": conversation, "other": other}
    )


@neighbourhood_view("messaging.block.manage")
def blocked(request):
    return render(
        request, "messaging/blocked.html", {"blocks": selectors.blocked_people(request.user)}
    )


@require_POST
@neighbourhood_view("messaging.block.manage")
def unblock(request, user_pk):
    block = (
        Block.objects.filter(blocker=request.user, blocked_id=user_pk)
        .select_related("blocked")
        .first()
    )
    if block is None:
        raise Http404
    actions.block_remove(blocker=request.user, blocked=block.blocked)
    messages.success(
        request,
        _("%(name)s can send you messages again.") % {"name": block.blocked.display_name},
    )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(nb_reverse("messaging:blocked", request.neighbourhood, request=request))


@neighbourhood_view("messaging.conversation.view")
def message_report(request, pk):
    """Report a message someone sent you to a buurtverbinder (moderation's report page)."""
    message = selectors.access_others_message(viewer_for(request), pk)
    back_url = _conversation_url(request, message.conversation, f"#message-{message.pk}")
    return report_page(request, message, summary=message.text, back_url=back_url)
