"""Pages of volunteering. Input → forms, rules → permission chain, writes → actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.selectors import acting_organisations
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation.views import report_page
from buurtplein.volunteering import actions, matching, selectors
from buurtplein.volunteering.forms import (
    DeclineForm,
    FollowUpForm,
    ResponseForm,
    VacancyForm,
    vacancy_initial,
)
from buurtplein.volunteering.models import (
    EXPIRY_DAYS,
    Place,
    ResponseState,
    Side,
    State,
    TimeKind,
)
from buurtplein.volunteering.permissions import side_of

MEMBERS = "volunteering.members_vacancies.view"


def _url(request, name, **kwargs):
    return nb_reverse(f"volunteering:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _vacancy_url(request, vacancy, anchor=""):
    return _url(request, "vacancy", pk=vacancy.pk) + anchor


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _filters(request) -> selectors.Filters:
    get = request.GET
    topic = _int(get.get("topic"))
    return selectors.Filters(
        topic=topic if topic in matching.vocabulary() else None,
        time_kind=get.get("time") if get.get("time") in TimeKind.values else None,
        at_home=get.get("place") == Place.HOME,
        organisation=_int(get.get("organisation")),
    )


def home_context(request) -> dict:
    """The block on the neighbourhood home: the newest open vacancies. Cached per
    neighbourhood, audience and language until a vacancy changes (see
    ``selectors.home_version``): a warm home page asks the database nothing for it."""
    viewer = viewer_for(request)
    return {
        "vacancies": lambda: selectors.home_vacancies(viewer),
        "members": can(viewer, MEMBERS),
        "version": selectors.home_version(request.neighbourhood.pk),
    }


@neighbourhood_view("volunteering.list.view")
def vacancy_list(request):
    viewer = viewer_for(request)
    filters = _filters(request)
    after = request.GET.get("after")
    page = selectors.vacancy_list(viewer, filters, after=after)
    context = {"page": page, "filters": filters}
    if request.htmx and after:
        return render(request, "volunteering/list.html#vacancy_page", context)
    suggestions = (
        selectors.suggested_vacancies(viewer)
        if viewer.is_member and not filters.active and not after
        else None
    )
    context.update(
        {
            "suggestions": suggestions,
            "topic_groups": selectors.filter_topics(),
            "time_kinds": TimeKind.choices,
            "organisations": selectors.organisations_with_vacancies(viewer),
            "may_create": can(viewer, "volunteering.vacancy.create"),
            "may_see_ours": can(viewer, "volunteering.ours.view"),
        }
    )
    return render(request, "volunteering/list.html", context)


def _vacancy_form(request, viewer, *, vacancy=None):
    organisations = acting_organisations(viewer)
    if vacancy is None:
        chosen = _int(request.GET.get("organisation"))
        initial = {"people_wanted": 1}
        if chosen and organisations.filter(pk=chosen).exists():
            initial["organisation"] = chosen
        contacts_of = organisations
    else:
        initial = vacancy_initial(vacancy)
        if vacancy.contact_id == request.user.pk:
            initial["contact"] = ""  # "Me"
        contacts_of = organisations.model.objects.filter(pk=vacancy.organisation_id)
    return VacancyForm(
        posted(request),
        organisations=organisations,
        contacts=selectors.contacts_for(contacts_of),
        things=matching.vocabulary(),
        vacancy=vacancy,
        me=request.user,
        initial=initial,
    )


def _form_kwargs(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "task": data["task"],
        "time_kind": data["time_kind"],
        "date_start": data["date_start"],
        "date_end": data["date_end"],
        "frequency": data["frequency"],
        "schedule": data["schedule"],
        "hours": data["hours"],
        "hours_per": data["hours_per"],
        "place": data["place"],
        "address": data["address"],
        "topics": form.topics(),
        "offers": data["offers"],
        "suitable_for": data["suitable_for"],
        "contact": data["contact"],
        "people_wanted": data["people_wanted"],
        "visibility": data["visibility"],
    }


@neighbourhood_view("volunteering.vacancy.create")
def vacancy_create(request):
    """Post a vacancy; ``?organisation=<pk>`` chooses "for which organisation" (a club's page
    links here for its board)."""
    viewer = viewer_for(request)
    form = _vacancy_form(request, viewer)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = actions.vacancy_create(
                actor=request.user,
                neighbourhood=request.neighbourhood,
                organisation=form.cleaned_data["organisation"],
                **_form_kwargs(form),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your vacancy is open for %(days)s days. A week before the end we send "
                    "the contact person a reminder."
                )
                % {"days": EXPIRY_DAYS},
            )
            return redirect(_vacancy_url(request, vacancy))
    status = 400 if request.method == "POST" else 200
    return render(request, "volunteering/vacancy_form.html", {"form": form}, status=status)


def _detail_context(request, vacancy, **forms) -> dict:
    viewer = viewer_for(request)
    may_manage = can(viewer, "volunteering.vacancy.manage", vacancy)
    context = {
        "vacancy": vacancy,
        "may_manage": may_manage,
        "may_remove": can(viewer, "volunteering.vacancy.remove", vacancy),
        "may_respond": can(viewer, "volunteering.vacancy.respond", vacancy),
        "may_report": can(viewer, "volunteering.vacancy.report", vacancy),
        "response_form": forms.get("response_form") or ResponseForm(),
        "share_url": request.build_absolute_uri(_vacancy_url(request, vacancy)),
    }
    if may_manage:
        context["counts"] = selectors.vacancy_counts(vacancy)
    elif viewer.is_member:
        context["mine"] = selectors.my_response(viewer, vacancy)
    return context


@neighbourhood_view("volunteering.list.view")
def vacancy_detail(request, pk):
    viewer = viewer_for(request)
    vacancy = selectors.find_vacancy(pk, viewer)
    if not can(viewer, "volunteering.vacancy.view", vacancy):
        return render(request, "volunteering/vacancy_preview.html", {"vacancy": vacancy})
    vacancy = selectors.access_vacancy(viewer, pk)
    return render(request, "volunteering/vacancy_detail.html", _detail_context(request, vacancy))


def _managed_vacancy(request, pk):
    viewer = viewer_for(request)
    vacancy = selectors.access_vacancy(viewer, pk)
    if not can(viewer, "volunteering.vacancy.manage", vacancy):
        raise PermissionDenied
    return vacancy


@neighbourhood_view(MEMBERS)
def vacancy_edit(request, pk):
    viewer = viewer_for(request)
    vacancy = _managed_vacancy(request, pk)
    form = _vacancy_form(request, viewer, vacancy=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            actions.vacancy_update(actor=request.user, vacancy=vacancy, **_form_kwargs(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_vacancy_url(request, vacancy))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "volunteering/vacancy_form.html",
        {"form": form, "vacancy": vacancy},
        status=status,
    )


@neighbourhood_view(MEMBERS)
def vacancy_renew(request, pk):
    """The page the reminder e-mail links to: one button (GET never changes anything)."""
    vacancy = _managed_vacancy(request, pk)
    if request.method == "POST":
        try:
            actions.vacancy_renew(actor=request.user, vacancy=vacancy)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("Renewed: the vacancy is open until %(date)s.")
                % {"date": _date(vacancy.expires_at)},
            )
        return redirect(_vacancy_url(request, vacancy))
    return render(request, "volunteering/vacancy_renew.html", {"vacancy": vacancy})


STATE_MESSAGES = {
    State.FILLED: lambda: _("Marked as filled. Thank you for letting neighbours know."),
    State.CLOSED: lambda: _("The vacancy is closed."),
    State.OPEN: lambda: _("The vacancy is open again for %(days)s days.") % {"days": EXPIRY_DAYS},
}


@require_POST
@neighbourhood_view(MEMBERS)
def vacancy_status(request, pk):
    """Mark filled, close, or reopen (buttons on the vacancy page)."""
    vacancy = _managed_vacancy(request, pk)
    state = request.POST.get("state", "")
    try:
        actions.vacancy_set_state(actor=request.user, vacancy=vacancy, state=state)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, STATE_MESSAGES[state]())
    return redirect(_vacancy_url(request, vacancy))


@neighbourhood_view(MEMBERS)
def vacancy_remove(request, pk):
    """A buurtverbinder removes a vacancy (audit-logged)."""
    viewer = viewer_for(request)
    vacancy = selectors.access_vacancy(viewer, pk)
    if not can(viewer, "volunteering.vacancy.remove", vacancy):
        raise PermissionDenied
    if request.method == "POST":
        actions.vacancy_remove(actor=request.user, vacancy=vacancy)
        messages.success(request, _("The vacancy is removed."))
        return redirect(_url(request, "list"))
    return render(request, "volunteering/vacancy_remove.html", {"vacancy": vacancy})


@require_POST
@neighbourhood_view(MEMBERS)
def vacancy_respond(request, pk):
    viewer = viewer_for(request)
    vacancy = selectors.access_vacancy(viewer, pk)
    if not can(viewer, "volunteering.vacancy.respond", vacancy):
        raise PermissionDenied
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            response = actions.response_create(
                vacancy=vacancy, person=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your response is sent to %(name)s. You can talk further here; you find "
                    "the answer under “My responses”."
                )
                % {"name": vacancy.contact.display_name},
            )
            return redirect(
                nb_reverse(
                    "messaging:conversation",
                    request.neighbourhood,
                    request=request,
                    kwargs={"pk": response.conversation_id},
                )
            )
    return render(
        request,
        "volunteering/vacancy_detail.html",
        _detail_context(request, vacancy, response_form=form),
        status=400,
    )


@neighbourhood_view(MEMBERS)
def vacancy_responses(request, pk):
    """The responses to a vacancy, for its contact person and the organisation's staff."""
    vacancy = _managed_vacancy(request, pk)
    responses = selectors.vacancy_responses(vacancy)
    waiting = sum(response.state == ResponseState.NEW for response in responses)
    accepted = sum(response.state == ResponseState.ACCEPTED for response in responses)
    return render(
        request,
        "volunteering/responses.html",
        {
            "vacancy": vacancy,
            "responses": responses,
            "waiting": waiting,
            "accepted": accepted,
            "room": vacancy.people_wanted - accepted,
        },
    )


def _response_for_organisation(request, pk, perm="volunteering.response.answer"):
    viewer = viewer_for(request)
    response = selectors.access_response(viewer, pk)
    if not can(viewer, perm, response):
        raise PermissionDenied
    return response


def _responses_url(request, response):
    return _url(request, "responses", pk=response.vacancy_id) + f"#response-{response.pk}"


@require_POST
@neighbourhood_view(MEMBERS)
def response_accept(request, pk):
    response = _response_for_organisation(request, pk)
    try:
        actions.response_accept(actor=request.user, response=response)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        name = response.person.display_name
        if response.vacancy.state == State.FILLED:
            messages.success(
                request,
                _(
                    "%(name)s is accepted and hears it by e-mail. The vacancy is filled now: "
                    "it no longer shows in the list."
                )
                % {"name": name},
            )
        else:
            messages.success(
                request, _("%(name)s is accepted and hears it by e-mail.") % {"name": name}
            )
    return redirect(_responses_url(request, response))


@neighbourhood_view(MEMBERS)
def response_decline(request, pk):
    """GET shows the kind standard message the person gets; POST declines."""
    response = _response_for_organisation(request, pk)
    form = DeclineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.response_decline(
                actor=request.user, response=response, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s gets a kind message.") % {"name": response.person.display_name},
            )
            return redirect(_responses_url(request, response))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "volunteering/response_decline.html",
        {"response": response, "vacancy": response.vacancy, "form": form},
        status=status,
    )


@neighbourhood_view(MEMBERS)
def response_withdraw(request, pk):
    viewer = viewer_for(request)
    response = selectors.access_response(viewer, pk)
    if not can(viewer, "volunteering.response.withdraw", response):
        raise PermissionDenied
    if request.method == "POST":
        try:
            actions.response_withdraw(actor=request.user, response=response)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Your response is withdrawn. The organisation is told."))
        return redirect(_url(request, "mine"))
    return render(
        request,
        "volunteering/response_withdraw.html",
        {"response": response, "vacancy": response.vacancy},
    )


@neighbourhood_view(MEMBERS)
def follow_up(request, pk):
    """The page the e-mail a month after the acceptance links to. GET shows the one-tap form
    (the answer from the link chosen); only POST stores."""
    viewer = viewer_for(request)
    response = selectors.access_response(viewer, pk)
    if not can(viewer, "volunteering.response.follow_up", response):
        raise PermissionDenied
    side = side_of(viewer, response)
    current = getattr(response, f"{side}_answer")
    initial = {
        "answer": request.GET.get("answer") or current,
        "note": getattr(response, f"{side}_note"),
    }
    form = FollowUpForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.follow_up_answer(
                actor=request.user,
                response=response,
                side=side,
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(
                _url(request, "mine")
                if side == Side.VOLUNTEER
                else _url(request, "responses", pk=response.vacancy_id)
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "volunteering/follow_up.html",
        {
            "response": response,
            "vacancy": response.vacancy,
            "form": form,
            "side": side,
            "answered": bool(current),
        },
        status=status,
    )


@neighbourhood_view(MEMBERS)
def mine(request):
    """My responses: each with its state, the conversation, and the follow-up when it is due."""
    viewer = viewer_for(request)
    page = selectors.my_responses(viewer, after=request.GET.get("after"))
    follow_ups = [r for r in selectors.follow_ups_for(viewer) if r.person_id == request.user.pk]
    return render(
        request,
        "volunteering/mine.html",
        {"page": page, "follow_ups": follow_ups},
    )


@neighbourhood_view("volunteering.ours.view")
def ours(request):
    """Our vacancies: everything the viewer's organisations posted (and where they are the
    contact), with the responses waiting for an answer."""
    viewer = viewer_for(request)
    page = selectors.our_vacancies(viewer, after=request.GET.get("after"))
    follow_ups = [r for r in selectors.follow_ups_for(viewer) if r.person_id != request.user.pk]
    return render(
        request,
        "volunteering/ours.html",
        {"page": page, "follow_ups": follow_ups, "organisations": acting_organisations(viewer)},
    )


@neighbourhood_view(MEMBERS)
def vacancy_report(request, pk):
    """Report a vacancy to the buurtverbinders (moderation queue)."""
    viewer = viewer_for(request)
    vacancy = selectors.access_vacancy(viewer, pk)
    if not can(viewer, "volunteering.vacancy.report", vacancy):
        raise PermissionDenied
    summary = f"{vacancy.title} · {vacancy.organisation.name}"
    return report_page(request, vacancy, summary=summary, back_url=_vacancy_url(request, vacancy))
