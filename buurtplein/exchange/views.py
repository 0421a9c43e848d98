"""Pages of vraag & aanbod. Input → forms, rules → permission chain, writes → actions."""

import dataclasses

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.selectors import acting_organisations, staff_org_ids
from buurtplein.core import ratelimit
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, photos_to_remove, posted, uploaded
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.exchange import actions, selectors
from buurtplein.exchange.forms import (
    DoneForm,
    FollowUpForm,
    ItemForm,
    OrgPledgeForm,
    PledgeForm,
    ReplyForm,
    ThanksForm,
    category_groups,
    item_initial,
)
from buurtplein.exchange.models import (
    CATEGORIES_BY_KIND,
    Category,
    Direction,
    Kind,
    PledgeState,
    State,
)
from buurtplein.moderation.views import report_page


def _url(request, name, **kwargs):
    return nb_reverse(f"exchange:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _item_url(request, item, anchor=""):
    return _url(request, "item", pk=item.pk) + anchor


def _filters(request) -> selectors.Filters:
    get = request.GET
    kind = get.get("kind") if get.get("kind") in Kind.values else None
    category = get.get("category") if get.get("category") in Category.values else None
    if kind and category and category not in CATEGORIES_BY_KIND[kind]:
        category = None
    try:
        within = int(get.get("within", ""))
    except ValueError:
        within = None
    return selectors.Filters(
        direction=get.get("direction") if get.get("direction") in Direction.values else None,
        kind=kind,
        category=category,
        within_m=within if within in selectors.DISTANCES_M else None,
        q=get.get("q", "").strip()[:100],
        arranged=get.get("arranged") == "1",
    )


def home_context(request) -> dict:
    """The block on the neighbourhood home: the newest open items. The block is cached per
    neighbourhood, audience (members or visitors) and language until an item changes (see
    ``selectors.home_version``), so a warm home page asks the database nothing for it; the
    items are read (two queries) only when the cache misses."""
    viewer = viewer_for(request)
    return {
        "items": lambda: selectors.home_items(viewer),
        "may_create": can(viewer, "exchange.item.create"),
        "members": can(viewer, "exchange.members_items.view"),
        "version": selectors.home_version(request.neighbourhood.pk),
    }


@neighbourhood_view("exchange.list.view")
def item_list(request):
    viewer = viewer_for(request)
    filters = _filters(request)
    origin = selectors.viewer_point(viewer)
    if origin is None and filters.within_m:
        filters = dataclasses.replace(filters, within_m=None)  # unknown place: no distance
    page = selectors.item_list(viewer, filters, after=request.GET.get("after"), origin=origin)
    context = {
        "page": page,
        "filters": filters,
        "directions": Direction.choices,
        "kinds": Kind.choices,
        "category_groups": category_groups(),
        "distances": selectors.DISTANCES_M,
        "origin_known": origin is not None,
        "may_create": can(viewer, "exchange.item.create"),
    }
    if request.htmx and request.GET.get("after"):
        return render(request, "exchange/list.html#item_page", context)
    return render(request, "exchange/list.html", context)


@neighbourhood_view("exchange.item.create")
def mine(request):
    page = selectors.my_items(viewer_for(request), after=request.GET.get("after"))
    return render(request, "exchange/mine.html", {"page": page})


def _new_item_initial(request, initiatives) -> dict:
    """What a link may preselect on a new item: the direction, the kind and (for support)
    the initiative, e.g. a club's "Ask for support" (``?kind=money&initiative=<id>``): only
    an initiative of this neighbourhood that could be chosen anyway."""
    initial = {
        "direction": request.GET.get("direction", Direction.OFFER),
        "kind": request.GET.get("kind") if request.GET.get("kind") in Kind.values else None,
    }
    initiative = request.GET.get("initiative", "")
    if initiative.isdigit() and initiatives.filter(pk=int(initiative)).exists():
        initial["initiative"] = int(initiative)
    return initial


def _item_form(request, viewer, *, item=None, photos=(), remove=()):
    initiatives = selectors.initiatives(request.neighbourhood)
    return ItemForm(
        posted(request),
        uploaded(request),
        organisations=acting_organisations(viewer) if item is None else None,
        initiatives=initiatives,
        item=item,
        initial=item_initial(item) if item else _new_item_initial(request, initiatives),
        existing_photos=len(photos) - len(remove),
    )


@neighbourhood_view("exchange.item.create")
def item_create(request):
    viewer = viewer_for(request)
    form = _item_form(request, viewer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = actions.item_create(
                owner=request.user,
                neighbourhood=request.neighbourhood,
                direction=data["direction"],
                kind=data["kind"],
                category=data["category"],
                title=data["title"],
                description=data["description"],
                deal=data["deal"],
                price=data["price"],
                area=data["area"],
                available_from=data["available_from"],
                available_until=data["available_until"],
                availability=data["availability"],
                visibility=data["visibility"],
                organisation=data.get("organisation"),
                initiative=data["initiative"],
                initiative_name=data["initiative_name"],
                target_amount=data["target_amount"],
                photos=data["photos"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("It is on the board for 30 days. You get a reminder before it expires.")
            )
            return redirect(_item_url(request, item))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "exchange/item_form.html", {"form": form, "kinds": Kind.choices}, status=status
    )


@neighbourhood_view("exchange.list.view")
def item_detail(request, pk):
    viewer = viewer_for(request)
    item = selectors.find_item(pk, viewer)
    if not can(viewer, "exchange.item.view", item):
        return render(request, "exchange/item_preview.html", {"item": item})
    item = selectors.access_item(viewer, pk)
    return render(request, "exchange/item_detail.html", _detail_context(request, item))


def _detail_context(request, item, **forms) -> dict:
    viewer = viewer_for(request)
    selectors.attach_distance(selectors.viewer_point(viewer), [item], me=request.user)
    may_manage = can(viewer, "exchange.item.manage", item)
    context = {
        "item": item,
        "thanks": selectors.item_thanks(item),
        "may_manage": may_manage,
        "may_remove": can(viewer, "exchange.item.remove", item),
        "may_reply": can(viewer, "exchange.item.reply", item),
        "may_pledge": can(viewer, "exchange.item.pledge", item),
        "may_thank": can(viewer, "exchange.item.thank", item),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "thanks_form": forms.get("thanks_form") or ThanksForm(),
        "share_url": request.build_absolute_uri(_item_url(request, item)),
    }
    if request.user.is_authenticated and request.user.pk == item.owner_id:
        from buurtplein.messaging.selectors import conversations_about

        context["conversations"] = conversations_about(item, user=request.user)
    if context["may_thank"]:
        context["thanked"] = any(t.author_id == request.user.pk for t in context["thanks"])
    if item.is_money:
        context["pledges"] = selectors.item_pledges(item)
        context["my_pledge"] = selectors.my_pledge(viewer, item)
    return context


def _managed_item(request, pk):
    viewer = viewer_for(request)
    item = selectors.access_item(viewer, pk)
    if not can(viewer, "exchange.item.manage", item):
        raise PermissionDenied
    return item


@neighbourhood_view("exchange.item.create")
def item_edit(request, pk):
    viewer = viewer_for(request)
    item = _managed_item(request, pk)
    photos = list(item.photos.all())
    remove = photos_to_remove(request, photos)
    form = _item_form(request, viewer, item=item, photos=photos, remove=remove)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.item_update(
                item=item,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                deal=data["deal"],
                price=data["price"],
                area=data["area"],
                available_from=data["available_from"],
                available_until=data["available_until"],
                availability=data["availability"],
                visibility=data["visibility"],
                initiative=data["initiative"],
                initiative_name=data["initiative_name"],
                target_amount=data["target_amount"],
                remove_photo_ids=remove,
                photos=data["photos"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_item_url(request, item))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "exchange/item_form.html",
        {"form": form, "item": item, "photos": photos},
        status=status,
    )


@neighbourhood_view("exchange.item.create")
def item_renew(request, pk):
    """The page the reminder e-mail links to: one button (GET never changes anything)."""
    item = _managed_item(request, pk)
    if request.method == "POST":
        try:
            actions.item_renew(item=item)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("Renewed: it is on the board again until %(date)s.")
                % {"date": _date(item.expires_at)},
            )
        return redirect(_item_url(request, item))
    return render(request, "exchange/item_renew.html", {"item": item})


def _date(value) -> str:
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(value), "j F Y")


@neighbourhood_view("exchange.item.create")
def item_withdraw(request, pk):
    viewer = viewer_for(request)
    item = selectors.access_item(viewer, pk)
    if not can(viewer, "exchange.item.remove", item):
        raise PermissionDenied
    may_manage = can(viewer, "exchange.item.manage", item)
    if request.method == "POST":
        actions.item_withdraw(actor=request.user, item=item, may_manage=may_manage)
        if may_manage:
            messages.success(request, _("It is off the board."))
            return redirect(_url(request, "mine"))
        messages.success(request, _("It is removed from the board."))
        return redirect(_url(request, "list"))
    return render(request, "exchange/item_withdraw.html", {"item": item, "may_manage": may_manage})


@neighbourhood_view("exchange.item.create")
def item_done(request, pk):
    item = _managed_item(request, pk)
    if item.state not in (State.OPEN, State.EXPIRED):
        messages.info(request, _("This is already closed."))
        return redirect(_item_url(request, item))
    people = selectors.repliers(item)
    form = DoneForm(posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        try:
            actions.item_mark_done(
                actor=request.user, item=item, done_with=form.chosen(), candidates=people
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Arranged! Nice that it worked out."))
            return redirect(_item_url(request, item, "#thanks"))
    status = 400 if request.method == "POST" else 200
    return render(request, "exchange/item_done.html", {"item": item, "form": form}, status=status)


@require_POST
@neighbourhood_view("exchange.item.create")
def item_reply(request, pk):
    viewer = viewer_for(request)
    item = selectors.access_item(viewer, pk)
    if not can(viewer, "exchange.item.reply", item):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            conversation = actions.item_reply(
                item=item, sender=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            return redirect(
                nb_reverse(
                    "messaging:conversation",
                    request.neighbourhood,
                    request=request,
                    kwargs={"pk": conversation.pk},
                )
            )
    return render(
        request,
        "exchange/item_detail.html",
        _detail_context(request, item, reply_form=form),
        status=400,
    )


@require_POST
@neighbourhood_view("exchange.item.create")
def item_thank(request, pk):
    viewer = viewer_for(request)
    item = selectors.access_item(viewer, pk)
    if not can(viewer, "exchange.item.thank", item):
        raise PermissionDenied
    form = ThanksForm(request.POST)
    if form.is_valid():
        try:
            actions.thanks_create(item=item, author=request.user, text=form.cleaned_data["text"])
        except ratelimit.RateLimited as error:
            apply_errors(form, error)  # on the form, with the note kept
        except ValidationError as error:
            messages.info(request, error_text(error))
            return redirect(_item_url(request, item, "#thanks"))
        else:
            messages.success(request, _("Thank you! It is shown on the page."))
            return redirect(_item_url(request, item, "#thanks"))
    return render(
        request,
        "exchange/item_detail.html",
        _detail_context(request, item, thanks_form=form),
        status=400,
    )


@neighbourhood_view("exchange.item.create")
def item_pledge(request, pk):
    viewer = viewer_for(request)
    item = selectors.access_item(viewer, pk)
    if not can(viewer, "exchange.item.pledge", item):
        raise PermissionDenied
    current = selectors.my_pledge(viewer, item)
    if request.method == "POST" and request.POST.get("withdraw"):
        actions.pledge_set(item=item, person=request.user)
        messages.success(request, _("Your pledge is taken back."))
        return redirect(_item_url(request, item, "#support"))
    initial = {"amount": current.amount, "in_kind": current.in_kind} if current else None
    form = PledgeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.pledge_set(
                item=item,
                person=request.user,
                amount=form.cleaned_data["amount"],
                in_kind=form.cleaned_data["in_kind"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your support! The initiative sees it."))
            return redirect(_item_url(request, item, "#support"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "exchange/item_pledge.html",
        {"item": item, "form": form, "current": current},
        status=status,
    )


# --- beursvloer ---------------------------------------------------------------------------------


@neighbourhood_view("exchange.beursvloer.view")
def beursvloer(request):
    viewer = viewer_for(request)
    page = selectors.beursvloer(viewer, after=request.GET.get("after"))
    return render(
        request,
        "exchange/beursvloer.html",
        {"page": page, "may_offer": can(viewer, "exchange.orgpledge.create")},
    )


@neighbourhood_view("exchange.orgpledge.create")
def org_pledge_create(request):
    viewer = viewer_for(request)
    form = OrgPledgeForm(
        posted(request),
        givers=acting_organisations(viewer),
        receivers=selectors.receiving_organisations(viewer),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = actions.org_pledge_offer(
                actor=request.user,
                neighbourhood=request.neighbourhood,
                giver=data["giver"],
                receiver=data["receiver"],
                offer_type=data["offer_type"],
                title=data["title"],
                description=data["description"],
                hours=data["hours"],
                value=data["value"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Your offer is sent. The organisation can accept it on this page.")
            )
            return redirect(_url(request, "org_pledge", pk=pledge.pk))
    status = 400 if request.method == "POST" else 200
    return render(request, "exchange/org_pledge_form.html", {"form": form}, status=status)


@neighbourhood_view("exchange.beursvloer.view")
def org_pledge_detail(request, pk):
    viewer = viewer_for(request)
    pledge = selectors.access_org_pledge(viewer, pk)
    mine = staff_org_ids(viewer)
    return render(
        request,
        "exchange/org_pledge_detail.html",
        {
            "pledge": pledge,
            "may_answer": can(viewer, "exchange.orgpledge.answer", pledge),
            "may_confirm": can(viewer, "exchange.orgpledge.confirm", pledge),
            "may_follow_up": can(viewer, "exchange.orgpledge.follow_up", pledge),
            "may_withdraw": can(viewer, "exchange.orgpledge.withdraw", pledge),
            "is_party": pledge.giver_id in mine or pledge.receiver_id in mine,
        },
    )


@require_POST
@neighbourhood_view("exchange.beursvloer.view")
def org_pledge_respond(request, pk):
    """Accept, decline (the receiving organisation) or confirm (both)."""
    viewer = viewer_for(request)
    pledge = selectors.access_org_pledge(viewer, pk)
    answer = request.POST.get("answer")
    try:
        if answer in ("accept", "decline"):
            if not can(viewer, "exchange.orgpledge.answer", pledge):
                raise PermissionDenied
            actions.org_pledge_answer(actor=request.user, pledge=pledge, accept=answer == "accept")
            messages.success(
                request,
                _("Accepted. Now both organisations confirm the agreement.")
                if answer == "accept"
                else _("Declined. The other organisation is told."),
            )
        elif answer == "confirm":
            if not can(viewer, "exchange.orgpledge.confirm", pledge):
                raise PermissionDenied
            actions.org_pledge_confirm(actor=request.user, pledge=pledge)
            if pledge.state == PledgeState.CONFIRMED:
                messages.success(
                    request, _("Confirmed by both. In three months we ask whether it happened.")
                )
            else:
                messages.success(request, _("Confirmed. Waiting for the other organisation."))
        elif answer == "withdraw":
            if not can(viewer, "exchange.orgpledge.withdraw", pledge):
                raise PermissionDenied
            actions.org_pledge_withdraw(actor=request.user, pledge=pledge)
            messages.success(request, _("Your offer is taken back."))
        else:
            messages.error(request, _("Choose what you want to do."))
    except ValidationError as error:
        messages.info(request, error_text(error))
    return redirect(_url(request, "org_pledge", pk=pledge.pk))


@neighbourhood_view("exchange.beursvloer.view")
def org_pledge_follow_up(request, pk):
    """The page the three-month e-mail links to. GET shows the one-tap form (pre-chosen
    answer from the link); only POST stores."""
    viewer = viewer_for(request)
    pledge = selectors.access_org_pledge(viewer, pk)
    if not can(viewer, "exchange.orgpledge.follow_up", pledge):
        raise PermissionDenied
    form = FollowUpForm(posted(request), initial={"answer": request.GET.get("answer")})
    if request.method == "POST" and form.is_valid():
        try:
            actions.org_pledge_follow_up_answer(
                actor=request.user, pledge=pledge, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(_url(request, "org_pledge", pk=pledge.pk))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "exchange/org_pledge_follow_up.html",
        {"pledge": pledge, "form": form},
        status=status,
    )


@neighbourhood_view("exchange.item.create")
def item_report(request, pk):
    """Report an item to the buurtverbinders (moderation queue)."""
    viewer = viewer_for(request)
    item = selectors.access_item(viewer, pk)
    if can(viewer, "exchange.item.manage", item):
        raise PermissionDenied
    return report_page(request, item, summary=item.title, back_url=_item_url(request, item))
