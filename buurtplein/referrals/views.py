"""Pages of referrals: the referrer's list and "new referral", a referral's page (what each side
may see), the receiving organisation's inbox, a member's own referrals, the organisations'
referral links and coordinators, and the public form of a referral link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts import selectors as accounts_selectors
from buurtplein.accounts.models import User
from buurtplein.buurthulp import selectors as buurthulp_selectors
from buurtplein.core import ratelimit
from buurtplein.core.components import component_on
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.referrals import actions, selectors
from buurtplein.referrals.forms import (
    DeclineForm,
    LinkForm,
    LinkReferralForm,
    ProgressForm,
    ReferForm,
)
from buurtplein.referrals.models import MAX_QUESTION, Route, State
from buurtplein.socialmap import referral_selectors

SERVICE_RESULTS = 20


def _to(request, name, **kwargs):
    return redirect(nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs))


def _handovers(request, viewer):
    """Sensitive help requests the professional took on (buurthulp's contract), where
    buurthulp is switched on."""
    if not component_on(request.neighbourhood, "buurthulp"):
        return []
    return buurthulp_selectors.taken_on_sensitive(viewer)


def _handover(request, viewer, pk):
    if not pk:
        return None
    if not component_on(request.neighbourhood, "buurthulp"):
        raise Http404
    return buurthulp_selectors.access_handover(viewer, pk)


def _asked_for_resident(handover) -> bool:
    """A help request asked for a resident without an account (also after its consent ended
    and the round cleared the name)."""
    return bool(
        handover.resident_name
        or handover.resident_consent_until
        or handover.resident_consent_ended_at
    )


def _route(viewer, handover) -> str:
    if handover is not None:
        return Route.BUURTHULP
    return Route.PROFESSIONAL if viewer.is_professional else Route.CONNECTOR


@neighbourhood_view("referrals.list.view")
def referral_list(request):
    viewer = viewer_for(request)
    return render(
        request,
        "referrals/list.html",
        {
            "referrals": selectors.sent_referrals(viewer),
            "handovers": _handovers(request, viewer),
        },
    )


@neighbourhood_view("referrals.referral.create")
def referral_new(request):
    viewer = viewer_for(request)
    service_id = request.POST.get("service") or request.GET.get("service")
    handover = _handover(request, viewer, request.POST.get("help") or request.GET.get("help"))
    if not service_id:
        query = request.GET.get("q", "").strip()[:100]
        services = list(referral_selectors.referable_services(query)[:SERVICE_RESULTS])
        return render(
            request,
            "referrals/choose_service.html",
            {"services": services, "query": query, "handover": handover},
        )
    service = referral_selectors.referable_service(service_id)
    initial = {"service": service.pk}
    fixed_person, for_resident = None, False
    if handover is not None:
        initial.update(
            help=handover.pk,
            question=f"{handover.title}\n{handover.text}".strip()[:MAX_QUESTION],
        )
        if _asked_for_resident(handover):
            # Asked for a resident without an account: the referral is about the resident (a
            # name and a phone number, or contact through the referrer), never about the
            # professional who asked for them (the request's asker of record). Their details
            # are filled in while the request's consent holds.
            for_resident = True
            initial["who"] = "resident"
            if handover.for_resident:
                initial.update(
                    person_name=handover.resident_name,
                    person_phone=handover.resident_phone,
                    via_referrer=not handover.resident_phone,
                )
        else:
            fixed_person = handover.asker
            initial["who"] = "member"
    form = ReferForm(
        posted(request),
        viewer=viewer,
        initial=initial,
        fixed_person=fixed_person,
        for_resident=for_resident,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = actions.referral_create(
                    referrer=request.user,
                    neighbourhood=request.neighbourhood,
                    service=service,
                    route=_route(viewer, handover),
                    source=f"buurthulp.helprequest:{handover.pk}" if handover else "",
                    person=data["person"],
                    person_name=data["person_name"],
                    person_phone=data["person_phone"],
                    via_referrer=data["via_referrer"],
                    question=data["question"],
                    shares_question=data["shares_question"],
                    shares_contact=data["shares_contact"],
                    consent_how=data["consent_how"],
                    consent_until=data["consent_until"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Referred to %(organisation)s. You see here how it goes.")
                    % {"organisation": service.organisation.name},
                )
                return _to(request, "referrals:referral", pk=referral.pk)
        status = 400
    return render(
        request,
        "referrals/new.html",
        {"form": form, "service": service, "handover": handover, "for_resident": for_resident},
        status=status,
    )


def _detail(request, referral, *, decline_form=None, progress_form=None, status=200):
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "decline_form": decline_form or DeclineForm(),
            "progress_form": progress_form or ProgressForm(referral=referral),
        },
        status=status,
    )


@neighbourhood_view("referrals.mine.view")
def referral_detail(request, pk):
    referral = selectors.access_referral(viewer_for(request), pk)
    return _detail(request, referral)


@require_POST
@neighbourhood_view("referrals.mine.view")
def referral_withdraw(request, pk):
    viewer = viewer_for(request)
    referral = selectors.access_referral(viewer, pk)
    if not can(viewer, "referrals.referral.withdraw", referral):
        raise PermissionDenied
    try:
        actions.referral_withdraw(referral=referral, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The consent is withdrawn. The organisation no longer sees the details.")
        )
    return _to(request, "referrals:referral", pk=referral.pk)


@require_POST
@neighbourhood_view("referrals.inbox.view")
def referral_answer(request, pk):
    viewer = viewer_for(request)
    referral = selectors.access_referral(viewer, pk)
    if not can(viewer, "referrals.referral.answer", referral):
        raise PermissionDenied
    if request.POST.get("answer") == "accept":
        try:
            actions.referral_accept(referral=referral, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        return _to(request, "referrals:referral", pk=referral.pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            actions.referral_decline(
                referral=referral, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _to(request, "referrals:referral", pk=referral.pk)
    return _detail(request, referral, decline_form=form, status=400)


@require_POST
@neighbourhood_view("referrals.inbox.view")
def referral_progress(request, pk):
    viewer = viewer_for(request)
    referral = selectors.access_referral(viewer, pk)
    if not can(viewer, "referrals.referral.progress", referral):
        raise PermissionDenied
    form = ProgressForm(request.POST, referral=referral)
    if form.is_valid():
        step, note = form.cleaned_data["step"], form.cleaned_data["note"]
        try:
            if step == "contact":
                actions.referral_contact(referral=referral, actor=request.user, note=note)
            else:
                actions.referral_end(referral=referral, actor=request.user, outcome=step, note=note)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _to(request, "referrals:referral", pk=referral.pk)
    return _detail(request, referral, progress_form=form, status=400)


@neighbourhood_view("referrals.inbox.view")
def inbox(request):
    viewer = viewer_for(request)
    ended = request.GET.get("state") == "ended"
    return render(
        request,
        "referrals/inbox.html",
        {
            "referrals": selectors.inbox(viewer, state="ended" if ended else "open"),
            "ended": ended,
            "waiting": State.SENT,
        },
    )


@neighbourhood_view("referrals.mine.view")
def mine(request):
    return render(
        request, "referrals/mine.html", {"referrals": selectors.my_referrals(viewer_for(request))}
    )


def _settings_page(request, *, link_form=None, status=200):
    viewer = viewer_for(request)
    organisations = list(accounts_selectors.acting_organisations(viewer))
    coordinators = selectors.coordinators_of(organisations)
    marked = {(c.organisation_id, c.user_id) for c in coordinators}
    people = selectors.staff_here(organisations, request.neighbourhood.pk)
    staff = [
        {
            "organisation": organisation,
            "people": [
                (person, (organisation.pk, person.pk) in marked)
                for person in people[organisation.pk]
            ],
        }
        for organisation in organisations
    ]
    return render(
        request,
        "referrals/settings.html",
        {
            "links": selectors.links_of(organisations),
            "link_form": link_form or LinkForm(organisations=organisations),
            "staff": staff,
        },
        status=status,
    )


@neighbourhood_view("referrals.links.manage")
def settings_page(request):
    return _settings_page(request)


@require_POST
@neighbourhood_view("referrals.links.manage")
def link_create(request):
    viewer = viewer_for(request)
    organisations = list(accounts_selectors.acting_organisations(viewer))
    form = LinkForm(request.POST, organisations=organisations)
    if form.is_valid():
        organisation = selectors.access_organisation(viewer, form.cleaned_data["organisation"])
        try:
            actions.link_create(
                organisation=organisation,
                neighbourhood=request.neighbourhood,
                actor=request.user,
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The referral link is ready. Copy it below."))
            return _to(request, "referrals:settings")
    return _settings_page(request, link_form=form, status=400)


@require_POST
@neighbourhood_view("referrals.links.manage")
def link_revoke(request, pk):
    link = selectors.access_link(viewer_for(request), pk)
    actions.link_revoke(link=link, actor=request.user)
    messages.success(request, _("The referral link no longer works."))
    return _to(request, "referrals:settings")


@require_POST
@neighbourhood_view("referrals.links.manage")
def coordinator(request):
    viewer = viewer_for(request)
    organisation = selectors.access_organisation(viewer, request.POST.get("organisation"))
    person = User.objects.filter(pk=_int(request.POST.get("user"))).first()
    try:
        if person is None:
            raise ValidationError(_("Only the organisation's staff can coordinate."))
        actions.coordinator_set(
            organisation=organisation,
            neighbourhood=request.neighbourhood,
            user=person,
            actor=request.user,
            on=request.POST.get("on") == "1",
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _to(request, "referrals:settings")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@neighbourhood_view("referrals.link.use")
def link_form(request, token):
    link = selectors.link_by_token(token)
    if request.method == "GET" and request.GET.get("sent") == "1":
        return render(request, "referrals/link_sent.html", {"link": link})
    form = LinkReferralForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.referral_from_link(
                    link=link, ip=ratelimit.client_ip(request), **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                # To the thank-you by a redirect: reloading it sends nothing a second time.
                return redirect(f"{request.path}?sent=1")
        status = 400
    return render(request, "referrals/link_form.html", {"form": form, "link": link}, status=status)
