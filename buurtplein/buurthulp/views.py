"""Pages of buurthulp. Input → forms, rules → permission chain and state table, writes → actions."""

import dataclasses
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.buurthulp import actions, matching, selectors
from buurtplein.buurthulp.forms import (
    ChooseForm,
    FollowUpForm,
    HandOverForm,
    HelperForm,
    RequestForm,
    RespondForm,
    SuggestForm,
    ThanksForm,
    TransitionForm,
    helper_initial,
    request_initial,
)
from buurtplein.buurthulp.models import (
    Daypart,
    FollowUpAnswer,
    MatchStatus,
    RequestVisibility,
    State,
)
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation.views import report_page


def _url(request, name, **kwargs):
    return nb_reverse(f"buurthulp:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _detail(request, help_request, anchor=""):
    return redirect(_url(request, "request", pk=help_request.pk) + anchor)


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def conversation_url(request, conversation_id):
    if not conversation_id:
        return None
    try:
        return nb_reverse(
            "messaging:conversation",
            request.neighbourhood,
            request=request,
            kwargs={"pk": conversation_id},
        )
    except NoReverseMatch:  # the messaging pages are not there (yet)
        return None


def home_context(request) -> dict:
    """The buurthulp block on the neighbourhood home (constant number of queries)."""
    return selectors.home_block(viewer_for(request))


@neighbourhood_view(component="buurthulp")
def index(request):
    viewer = viewer_for(request)
    if not can(viewer, "buurthulp.index.view"):
        if not viewer.is_authenticated and can(viewer, "onlinehulp.help.nav"):
            # A visitor where online help serves the neighbourhood: help without an account
            # first, and the log-in to ask neighbours (issue 14).
            return render(request, "buurthulp/visitor.html")
        if viewer.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())
    for_me = selectors.requests_for_me(viewer)
    for match in for_me:
        match.reason_line = matching.reason_text(match.reason, for_helper=True)
    return render(
        request,
        "buurthulp/index.html",
        {
            "mine": selectors.my_requests(viewer),
            "for_me": for_me,
            "open": selectors.open_requests(viewer),
            "helper": selectors.helper_profile(viewer),
            "may_attend": can(viewer, "buurthulp.attention.view"),
        },
    )


def _sensitive(data) -> set[str]:
    return matching.sensitive_kinds(data.get("topic", ""), f"{data['title']} {data['text']}")


@neighbourhood_view("buurthulp.request.create")
def ask(request):
    viewer = viewer_for(request)
    askers = (
        selectors.askers_for(viewer)
        if can(viewer, "buurthulp.request.create_for_someone")
        else None
    )
    professionals = selectors.has_professionals()
    form = RequestForm(
        request.POST or None, askers=askers, viewer=viewer, professionals=professionals
    )
    sensitive: set[str] = set()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sensitive = _sensitive(data)
        if (
            sensitive
            and data["visibility"] != RequestVisibility.PROFESSIONALS
            and not data["sensitive_seen"]
        ):
            # Point to the professionals once and suggest "professionals only"; sending again
            # goes through with whatever the person chooses.
            seen = request.POST.copy()
            seen["sensitive_seen"] = "True"
            form = RequestForm(seen, askers=askers, viewer=viewer, professionals=professionals)
            form.is_valid()
            return _ask_page(request, form, sensitive, status=200)
        asker = data["asker"].user if form.for_someone else request.user
        try:
            help_request = actions.request_create(
                neighbourhood=request.neighbourhood,
                asker=asker,
                title=data["title"],
                text=data["text"],
                topic=data["topic"],
                when=data["when"],
                dayparts=data["dayparts"],
                visibility=data["visibility"],
                created_by=request.user if form.for_someone else None,
                consent_method=data.get("consent_method", "") if form.for_someone else "",
                resident=_resident(data) if form.for_resident else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.for_resident:
                messages.success(
                    request,
                    _(
                        "The request for %(name)s is posted. Helpers talk with you; "
                        "%(name)s gets no e-mails."
                    )
                    % {"name": help_request.resident_name},
                )
            elif form.for_someone:
                messages.success(
                    request,
                    _("The request for %(name)s is posted. We look for neighbours who can help.")
                    % {"name": asker.display_name},
                )
            else:
                messages.success(
                    request, _("Your request is posted. We look for neighbours who can help.")
                )
            return _detail(request, help_request)
    elif request.method == "POST":
        sensitive = matching.sensitive_kinds(
            request.POST.get("topic", ""),
            f"{request.POST.get('title', '')} {request.POST.get('text', '')}",
        )
    return _ask_page(request, form, sensitive, status=400 if form.errors else 200)


def _resident(data) -> actions.Resident:
    return actions.Resident(
        name=data["resident_name"],
        contact=data["resident_contact"],
        phone=data["resident_phone"],
        consent_method=data["consent_method"],
        consent_until=data["resident_consent_until"],
    )


@require_POST
@neighbourhood_view("buurthulp.index.view")
def withdraw_resident_consent(request, pk):
    """The resident no longer agrees: their details go from the request at once, and it
    closes."""
    viewer = viewer_for(request)
    help_request = selectors.access_resident_request(viewer, pk)
    actions.resident_consent_withdraw(help_request=help_request, viewer=viewer)
    messages.success(
        request, _("The consent is withdrawn. Their name is gone and the request is closed.")
    )
    return _detail(request, help_request)


def _ask_page(request, form, sensitive, *, status, help_request=None):
    return render(
        request,
        "buurthulp/ask.html",
        {
            "form": form,
            "sensitive": sensitive,
            "professionals": selectors.professionals_here() if sensitive else [],
            "help_request": help_request,
            "professionals_only": RequestVisibility.PROFESSIONALS.value,
        },
        status=status,
    )


@neighbourhood_view("buurthulp.request.create")
def edit(request, pk):
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if not can(viewer, "buurthulp.request.edit", help_request):
        raise PermissionDenied
    form = RequestForm(
        request.POST or None,
        initial=request_initial(help_request),
        professionals=selectors.has_professionals(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.request_update(
                help_request=help_request,
                viewer=viewer,
                title=data["title"],
                text=data["text"],
                topic=data["topic"],
                when=data["when"],
                dayparts=data["dayparts"],
                visibility=data["visibility"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return _detail(request, help_request)
    return _ask_page(
        request, form, set(), status=400 if form.errors else 200, help_request=help_request
    )


@neighbourhood_view("buurthulp.index.view")
def request_detail(request, pk):
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    return render(request, "buurthulp/request.html", _detail_context(request, help_request))


@neighbourhood_view("buurthulp.index.view")
def request_report(request, pk):
    """Report a request to a buurtverbinder (moderation's report page); not your own."""
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if viewer.is_self(help_request.asker):
        raise PermissionDenied
    back_url = nb_reverse(
        "buurthulp:request", request.neighbourhood, request=request, kwargs={"pk": pk}
    )
    return report_page(request, help_request, summary=help_request.title, back_url=back_url)


def _detail_context(request, help_request, **extra) -> dict:
    viewer = viewer_for(request)
    matches = selectors.request_matches(viewer, help_request)
    user_id = viewer.user.pk
    for match in matches:
        match.reason_line = matching.reason_text(
            match.reason, for_helper=match.helper_id == user_id
        )
    my_match = next((m for m in matches if m.helper_id == user_id), None)
    asker_side = user_id in (help_request.asker_id, help_request.created_by_id)
    steward = can(viewer, "buurthulp.request.steward", help_request)
    sensitive = matching.sensitive_kinds(
        help_request.topic, f"{help_request.title} {help_request.text}"
    )
    chosen = next((m for m in matches if m.status == MatchStatus.CHOSEN), None)
    participant = user_id in (help_request.asker_id, help_request.helper_id)
    counts = selectors.match_counts(matches)
    for_resident = help_request.for_resident
    return {
        "for_resident": for_resident,
        # The resident's phone: for the contact and the chosen helper only, never "via me".
        "resident_phone": help_request.resident_phone
        if for_resident and participant and help_request.resident_phone
        else "",
        "may_withdraw_consent": help_request.resident_name != ""
        and actions.may_withdraw_resident_consent(viewer, help_request),
        "help_request": help_request,
        "matches": matches,
        "accepted": [m for m in matches if m.status in (MatchStatus.ACCEPTED, MatchStatus.CHOSEN)],
        "counts": counts,
        **_matching_context(help_request, counts),
        "my_match": my_match,
        "chosen": chosen,
        "asker_side": asker_side,
        "steward": steward,
        "targets": _worded_targets(help_request, viewer),
        "follow_up": selectors.my_follow_up(viewer, help_request),
        "answers": FollowUpAnswer.choices,
        "sensitive": sensitive and asker_side,
        "professionals": selectors.professionals_here() if sensitive and asker_side else [],
        "conversation_url": (
            conversation_url(request, help_request.conversation_id) if participant else None
        ),
        "dayparts": [Daypart(p).label for p in help_request.dayparts if p in Daypart.values],
        "may_edit": can(viewer, "buurthulp.request.edit", help_request),
        "may_choose": can(viewer, "buurthulp.request.choose", help_request),
        "may_thank": can(viewer, "buurthulp.request.thank", help_request),
        "steward_tools": steward and help_request.state in (State.OPEN, State.MATCHED),
        "thanks_form": extra.get("thanks_form") or ThanksForm(helper=help_request.helper),
        "respond_form": RespondForm(),
        # A professional's own wording and actions: pick it up, or hand it to a colleague.
        "as_professional": actions.may_act_as_professional(viewer, help_request),
        "professional_request": help_request.visibility == RequestVisibility.PROFESSIONALS,
        **extra,
    }


def _worded_targets(help_request, viewer) -> list:
    """The page's steps, worded for who looks after the request: professionals close a
    professionals-only request as "we could not help", not "no neighbour could help"."""
    targets = actions.allowed_targets(help_request, viewer)
    if help_request.visibility != RequestVisibility.PROFESSIONALS:
        return targets
    return [
        dataclasses.replace(step, label=_("Close: we could not help"))
        if step.target == State.NOT_HELPED
        else step
        for step in targets
    ]


POLL_FOR = timedelta(minutes=5)


def _matching_context(help_request, counts) -> dict:
    """Is matching still running (right after asking), and where else to turn when it found
    nobody (``buurthulp/_matching.html``)."""
    running = help_request.state == State.OPEN and not help_request.matched_once
    waiting = counts[MatchStatus.SUGGESTED] + counts[MatchStatus.ACCEPTED]
    nobody = help_request.is_active and not running and not waiting
    return {
        "running": running,
        # The page asks again every 2 s for a few minutes only: matching takes seconds, so a
        # request still unmatched after that waits for a task worker that is away (the
        # "Kijk opnieuw" link stays).
        "polling": running and timezone.now() - help_request.created_at < POLL_FOR,
        # Escalated before the 48 hours were over: matching found nobody to ask.
        "escalated_early": bool(
            help_request.escalated_at
            and help_request.escalated_at < help_request.created_at + actions.ESCALATE_AFTER
        ),
        "elsewhere": selectors.help_elsewhere(help_request) if nobody else {},
    }


@neighbourhood_view("buurthulp.index.view")
def matching_status(request, pk):
    """The "who was asked" block again, for htmx polling while matching runs; without htmx,
    the request's page."""
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    asker_side = viewer.user.pk in (help_request.asker_id, help_request.created_by_id)
    if not (asker_side or can(viewer, "buurthulp.request.steward", help_request)):
        raise PermissionDenied
    if not request.htmx:
        return _detail(request, help_request)
    counts = selectors.match_counts(selectors.request_matches(viewer, help_request))
    return render(
        request,
        "buurthulp/_matching.html",
        {
            "help_request": help_request,
            "asker_side": asker_side,
            "counts": counts,
            **_matching_context(help_request, counts),
        },
    )


@require_POST
@neighbourhood_view("buurthulp.index.view")
def respond(request, pk):
    viewer = viewer_for(request)
    match = selectors.access_match(viewer, pk)
    if not viewer.is_self(match.helper):
        raise PermissionDenied
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return _detail(request, match.request)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        actions.match_respond(
            match=match, viewer=viewer, accept=accept, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            _("Thank you! %(name)s sees that you want to help and can choose you.")
            % {"name": match.request.asker.first_name}
            if accept
            else _("Thank you for letting us know. We ask someone else."),
        )
    if accept:
        return _detail(request, match.request)
    return redirect(_url(request, "index"))


@neighbourhood_view("buurthulp.index.view")
def choose(request, pk):
    viewer = viewer_for(request)
    match = selectors.access_match(viewer, pk)
    help_request = match.request
    if not can(viewer, "buurthulp.request.choose", help_request):
        raise PermissionDenied
    if match.status != MatchStatus.ACCEPTED:  # chosen already, or declined in the meantime
        messages.info(request, _("This neighbour cannot be chosen (any more)."))
        return _detail(request, help_request)
    form = ChooseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.match_choose(match=match, viewer=viewer, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You chose %(name)s. Agree together when and how in your conversation.")
                % {"name": match.helper.display_name},
            )
            help_request.refresh_from_db()
            target = conversation_url(request, help_request.conversation_id)
            return redirect(target) if target else _detail(request, help_request)
    match.reason_line = matching.reason_text(match.reason)
    return render(
        request,
        "buurthulp/choose.html",
        {"form": form, "match": match, "help_request": help_request},
        status=400 if form.errors else 200,
    )


@neighbourhood_view("buurthulp.index.view")
def change_state(request, pk):
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    targets = actions.allowed_targets(help_request, viewer)
    if not targets:
        raise PermissionDenied
    form = TransitionForm(request.POST or None, targets=targets)
    if request.method == "POST":
        if form.is_valid():
            to = form.cleaned_data["to"]
            try:
                actions.request_transition(help_request=help_request, to=to, viewer=viewer)
            except ValidationError as error:
                _error(request, error)
            else:
                messages.success(request, _STATE_MESSAGES[to]())
                if to == State.HELPED and selectors.my_follow_up(viewer, help_request):
                    return redirect(_url(request, "follow_up", pk=help_request.pk))
            return _detail(request, help_request)
        messages.error(request, _("Choose one of the buttons."))
    return render(
        request,
        "buurthulp/state.html",
        {"help_request": help_request, "targets": targets},
        status=400 if request.method == "POST" else 200,
    )


_STATE_MESSAGES = {
    State.HELPED: lambda: _("Wonderful! The request is marked as helped."),
    State.NOT_HELPED: lambda: _("The request is closed. Thank you for letting us know."),
    State.WITHDRAWN: lambda: _("The request is withdrawn."),
}


@neighbourhood_view("buurthulp.index.view")
def follow_up(request, pk):
    viewer = viewer_for(request)
    question = selectors.access_follow_up(viewer, pk)
    help_request = selectors.access_help_request(viewer, pk)
    form = FollowUpForm(
        request.POST or None,
        initial={"answer": request.GET.get("answer") or question.answer or None},
    )
    if request.method == "POST" and form.is_valid():
        actions.follow_up_answer(
            follow_up=question, viewer=viewer, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Thank you for your answer."))
        return _detail(request, help_request)
    preselected = request.GET.get("answer")
    return render(
        request,
        "buurthulp/follow_up.html",
        {
            "form": form,
            "question": question,
            "help_request": help_request,
            "answers": FollowUpAnswer.choices,
            "preselected": preselected if preselected in FollowUpAnswer.values else None,
        },
        status=400 if form.errors else 200,
    )


@neighbourhood_view("buurthulp.index.view")
def thanks(request, pk):
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if not can(viewer, "buurthulp.request.thank", help_request):
        raise PermissionDenied
    form = ThanksForm(request.POST or None, helper=help_request.helper)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_thank(
                help_request=help_request, viewer=viewer, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your thank-you is sent."))
            return _detail(request, help_request, "#thanks")
    if request.method == "POST":
        return render(
            request,
            "buurthulp/request.html",
            _detail_context(request, help_request, thanks_form=form),
            status=400,
        )
    return _detail(request, help_request, "#thanks")


@neighbourhood_view("buurthulp.helper.edit")
def helper(request):
    viewer = viewer_for(request)
    profile = selectors.helper_profile(viewer)
    form = HelperForm(request.POST or None, initial=helper_initial(profile))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.helper_profile_save(
                user=request.user,
                neighbourhood=request.neighbourhood,
                active=data["active"],
                skills=data["skills"],
                interests=data["interests"],
                likes_to_do=data["likes_to_do"],
                languages=data["languages"],
                availability=data["availability"],
                max_distance_km=data["max_distance_km"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you! Neighbours who need what you offer can now be matched with you.")
                if data["active"]
                else _("Saved. For now, nobody will ask you for help."),
            )
            return redirect(_url(request, "index"))
    return render(
        request,
        "buurthulp/helper.html",
        {"form": form, "profile": profile, "dayparts": Daypart.choices},
        status=400 if form.errors else 200,
    )


@neighbourhood_view("buurthulp.attention.view")
def attention(request):
    viewer = viewer_for(request)
    return render(
        request,
        "buurthulp/attention.html",
        {
            "escalated": selectors.needs_attention(viewer),
            "on_behalf": selectors.on_behalf_requests(viewer),
            "for_residents": selectors.resident_requests(viewer),
        },
    )


@neighbourhood_view("buurthulp.attention.view")
def suggest(request, pk):
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if not can(viewer, "buurthulp.request.steward", help_request):
        raise PermissionDenied
    if help_request.state not in (State.OPEN, State.MATCHED):
        raise PermissionDenied
    form = SuggestForm(request.POST or None, choices=selectors.helper_choices(help_request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.match_suggest(
                help_request=help_request,
                viewer=viewer,
                helper=form.cleaned_data["helper"].user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is asked and gets an e-mail.")
                % {"name": form.cleaned_data["helper"].user.display_name},
            )
            return _detail(request, help_request)
    return render(
        request,
        "buurthulp/suggest.html",
        {"form": form, "help_request": help_request},
        status=400 if form.errors else 200,
    )


@require_POST
@neighbourhood_view("buurthulp.index.view")
def take_on(request, pk):
    """A professional: "Ik pak dit op"."""
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if not actions.may_act_as_professional(viewer, help_request):
        raise PermissionDenied
    try:
        actions.request_take_on(help_request=help_request, viewer=viewer)
    except ValidationError as error:
        _error(request, error)
        return _detail(request, help_request)
    messages.success(
        request,
        _("You pick this up. %(name)s hears it; talk in your conversation.")
        % {"name": help_request.asker.first_name},
    )
    target = conversation_url(request, help_request.conversation_id)
    return redirect(target) if target else _detail(request, help_request)


@neighbourhood_view("buurthulp.index.view")
def hand_over(request, pk):
    """A professional hands the request to a colleague, with a note."""
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if not actions.may_act_as_professional(viewer, help_request):
        raise PermissionDenied
    form = HandOverForm(request.POST or None, choices=actions.colleagues(viewer, help_request))
    if request.method == "POST" and form.is_valid():
        colleague = form.cleaned_data["colleague"].user
        try:
            actions.request_hand_over(
                help_request=help_request,
                viewer=viewer,
                colleague=colleague,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s gets the request, with your note, by e-mail.")
                % {"name": colleague.display_name},
            )
            if selectors.visible_requests(viewer).filter(pk=help_request.pk).exists():
                return _detail(request, help_request)
            return redirect(_url(request, "index"))
    return render(
        request,
        "buurthulp/hand_over.html",
        {"form": form, "help_request": help_request},
        status=400 if form.errors else 200,
    )


@require_POST
@neighbourhood_view("buurthulp.attention.view")
def pick_up(request, pk):
    viewer = viewer_for(request)
    help_request = selectors.access_help_request(viewer, pk)
    if not can(viewer, "buurthulp.request.steward", help_request):
        raise PermissionDenied
    try:
        actions.request_pick_up(help_request=help_request, viewer=viewer)
    except ValidationError as error:
        _error(request, error)
    else:
        # Buurtverbinders are mostly volunteers, not colleagues: say who sees it.
        messages.success(
            request,
            _("Everyone who looks after requests here now sees that you take this on."),
        )
    return redirect(_url(request, "attention"))
