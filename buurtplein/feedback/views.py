"""Pages of feedback: the question "Zou je ons aanbevelen?" (rendered into other components'
pages through ``{% feedback_prompt %}``, answered here), its thanks (with the offer to become
an ambassador after a 9 or 10), the answers an organisation reads, and the complaints
procedure: the form, the person's status page, the owners' list and a complaint's page."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core import ratelimit
from buurtplein.core.components import component_on
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.feedback import actions, selectors
from buurtplein.feedback.forms import (
    AcknowledgeForm,
    AnswerForm,
    CloseForm,
    ComplaintForm,
    DeadlineForm,
    NoteForm,
)
from buurtplein.feedback.models import PROMOTER_FROM

PROMPT_SALT = "feedback.prompt"
THANKS_SALT = "feedback.thanks"
COOKIE = "buurtplein_feedback_{pk}"
COOKIE_SALT = "feedback.answered"
COOKIE_AGE = 40 * 24 * 3600
ANSWER_IDS = "feedback-%s"
"""The question's fields get ids of their own: it sits on other components' pages, next to
their forms (a ``text`` field of their own)."""


def _to(request, name, **kwargs):
    return redirect(nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs))


def _this_month() -> str:
    return timezone.localdate().strftime("%Y-%m")


def _cookie_month(request) -> str:
    return request.get_signed_cookie(
        COOKIE.format(pk=request.neighbourhood.pk), default="", salt=COOKIE_SALT, max_age=COOKIE_AGE
    )


def may_be_asked(request) -> bool:
    """Once a month per person: a member by their account (one query, kept for the request);
    anyone else by a signed cookie of this neighbourhood (never their address)."""
    cached = getattr(request, "_feedback_asked", None)
    if cached is not None:
        return cached
    viewer = viewer_for(request)
    if viewer.is_member:
        ask = not actions.answered_this_month(request.neighbourhood, viewer.user)
    else:
        ask = _cookie_month(request) != _this_month()
    request._feedback_asked = ask
    return ask


def prompt(request, moment: str, organisation) -> str:
    """The question after ``moment`` (``Component.feedback_prompt``): a small form that posts to
    ``feedback:answer`` with the moment and the organisation signed, so nobody answers about
    another organisation than the page asked about."""
    if request is None or not may_be_asked(request):
        return ""
    organisation_id = getattr(organisation, "pk", None)
    token = signing.dumps([request.neighbourhood.pk, moment, organisation_id], salt=PROMPT_SALT)
    form = AnswerForm(initial={"token": token, "next": request.get_full_path()}, auto_id=ANSWER_IDS)
    return render_to_string(
        "feedback/_prompt.html",
        {
            "form": form,
            "organisation": organisation,
            "member": viewer_for(request).is_member,
        },
        request=request,
    )


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return nb_reverse("nb:home", request.neighbourhood, request=request)


@require_POST
@neighbourhood_view("feedback.answer.give")
def answer(request):
    """An answer to the question. Shown again on its own page when something is missing (the
    page it came from is another component's)."""
    viewer = viewer_for(request)
    form = AnswerForm(posted(request), auto_id=ANSWER_IDS)
    moment = organisation_id = None
    if form.is_valid():
        try:
            nb_pk, moment, organisation_id = signing.loads(
                form.cleaned_data["token"], salt=PROMPT_SALT
            )
        except (signing.BadSignature, ValueError):
            form.add_error(None, _("This question has expired. Open the page again."))
        else:
            if nb_pk != request.neighbourhood.pk:
                form.add_error(None, _("This question has expired. Open the page again."))
    if form.is_valid() and not may_be_asked(request):
        form.add_error(None, _("You already answered this month. Thank you!"))
    if form.is_valid():
        try:
            given = actions.answer_give(
                neighbourhood=request.neighbourhood,
                moment=moment,
                organisation_id=organisation_id,
                score=form.cleaned_data["score"],
                text=form.cleaned_data["text"],
                person=viewer.user if viewer.is_member else None,
                anonymous=form.cleaned_data["anonymous"] or not viewer.is_member,
                ip=ratelimit.client_ip(request),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            back = _safe_next(request, form.cleaned_data["next"])
            thanks = signing.dumps(
                [given.organisation_id, given.score >= PROMOTER_FROM, back], salt=THANKS_SALT
            )
            response = redirect(
                nb_reverse("feedback:thanks", request.neighbourhood, request=request)
                + "?t="
                + thanks
            )
            if not viewer.is_member:
                response.set_signed_cookie(
                    COOKIE.format(pk=request.neighbourhood.pk),
                    _this_month(),
                    salt=COOKIE_SALT,
                    max_age=COOKIE_AGE,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
            return response
    return render(
        request,
        "feedback/answer.html",
        {"form": form, "member": viewer.is_member},
        status=400,
    )


def ambassador_url(request, organisation_id) -> str:
    """The stories component's page to become an ambassador for the organisation, when it is
    there and switched on ("" otherwise)."""
    if organisation_id is None or not component_on(request.neighbourhood, "stories"):
        return ""
    try:
        url = nb_reverse("stories:testimonial_new", request.neighbourhood, request=request)
    except NoReverseMatch:
        return ""
    return f"{url}?organisation={organisation_id}"


@neighbourhood_view("feedback.answer.give")
def thanks(request):
    try:
        organisation_id, promoter, back = signing.loads(
            request.GET.get("t", ""), salt=THANKS_SALT, max_age=24 * 3600
        )
    except (signing.BadSignature, ValueError):
        return _to(request, "nb:home")
    return render(
        request,
        "feedback/thanks.html",
        {
            "back": _safe_next(request, back),
            "ambassador_url": ambassador_url(request, organisation_id) if promoter else "",
        },
    )


@neighbourhood_view("feedback.answers.view")
def answers(request):
    """What people answered about the viewer's organisations (and, for an admin, about the
    platform): the score and the sentences, one organisation at a time."""
    viewer = viewer_for(request)
    scopes = selectors.answer_scopes(viewer)
    organisations = {o.pk: o for o in request.neighbourhood.organisations.filter(pk__in=scopes)}
    wanted = request.GET.get("organisation", "")
    chosen = scopes[0] if scopes else None
    if wanted == "platform" and None in scopes:
        chosen = None
    elif wanted.isdigit() and int(wanted) in scopes:
        chosen = int(wanted)
    return render(
        request,
        "feedback/answers.html",
        {
            "choices": [(pk, organisations.get(pk)) for pk in scopes],
            "chosen": chosen,
            "chosen_organisation": organisations.get(chosen),
            "summary": selectors.answers_summary(viewer, chosen),
            "page": selectors.answers_page(viewer, chosen, request.GET.get("after")),
        },
    )


# --- Complaints -------------------------------------------------------------------------------


def _complaint_form(request, viewer, data=None):
    return ComplaintForm(
        data,
        organisations=list(request.neighbourhood.organisations.order_by("name")),
        member=viewer.is_member,
        initial={"organisation": request.GET.get("organisation", "")},
    )


@neighbourhood_view("feedback.complaint.create")
def complaint_new(request):
    viewer = viewer_for(request)
    form = _complaint_form(request, viewer, posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = actions.complaint_submit(
                neighbourhood=request.neighbourhood,
                organisation=form.chosen_organisation(),
                person=viewer.user if viewer.is_member else None,
                name=data.get("name", ""),
                email=data.get("email", ""),
                text=data["text"],
                wish=data["wish"],
                ip=ratelimit.client_ip(request),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("We received your complaint. You will get a receipt by e-mail."),
            )
            if complaint.person_id is not None:
                return _to(request, "feedback:complaint", pk=complaint.pk)
            return _to(request, "feedback:status", token=complaint.token)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "feedback/complaint_new.html", {"form": form, "member": viewer.is_member},
        status=status,
    )  # fmt: skip


@neighbourhood_view("feedback.complaints.view")
def complaints(request):
    viewer = viewer_for(request)
    return render(
        request,
        "feedback/complaints.html",
        {
            "mine": selectors.my_complaints(viewer),
            "to_handle": selectors.complaints_to_handle(viewer),
            "now": timezone.now(),
        },
    )


def _complaint_page(request, complaint, *, status=200, **forms):
    viewer = viewer_for(request)
    handle = can(viewer, "feedback.complaint.handle", complaint)
    context = {
        "complaint": complaint,
        "handle": handle,
        "now": timezone.now(),
        "by_token": False,
    }
    if handle:
        context.update(
            notes=selectors.complaint_notes(complaint),
            acknowledge_form=forms.get("acknowledge_form")
            or AcknowledgeForm(initial={"deadline": timezone.localdate(complaint.deadline)}),
            deadline_form=forms.get("deadline_form")
            or DeadlineForm(initial={"deadline": timezone.localdate(complaint.deadline)}),
            note_form=forms.get("note_form") or NoteForm(),
            close_form=forms.get("close_form") or CloseForm(),
        )
    return render(request, "feedback/complaint.html", context, status=status)


@neighbourhood_view("feedback.complaints.view")
def complaint_detail(request, pk):
    complaint = selectors.access_complaint(viewer_for(request), pk)
    return _complaint_page(request, complaint)


@neighbourhood_view("feedback.complaint.create")
def status(request, token):
    """The person's status page without an account (the link in their e-mails)."""
    complaint = selectors.access_complaint_by_token(request.neighbourhood, token)
    response = render(
        request,
        "feedback/complaint.html",
        {"complaint": complaint, "handle": False, "by_token": True, "now": timezone.now()},
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


def _handled(request, pk):
    viewer = viewer_for(request)
    complaint = selectors.access_complaint(viewer, pk)
    if not can(viewer, "feedback.complaint.handle", complaint):
        raise PermissionDenied
    return viewer, complaint


def _owner_step(request, pk, form_class, form_name, step, success):
    viewer, complaint = _handled(request, pk)
    form = form_class(posted(request))
    if form.is_valid():
        try:
            step(viewer, complaint, form.cleaned_data)
        except ValidationError as error:
            if not form.fields.keys() & set(getattr(error, "error_dict", {})):
                messages.error(request, error_text(error))
                return _to(request, "feedback:complaint", pk=pk)
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return _to(request, "feedback:complaint", pk=pk)
    return _complaint_page(request, complaint, status=400, **{form_name: form})


@require_POST
@neighbourhood_view("feedback.complaints.view")
def acknowledge(request, pk):
    return _owner_step(
        request,
        pk,
        AcknowledgeForm,
        "acknowledge_form",
        lambda viewer, complaint, data: actions.complaint_acknowledge(
            complaint=complaint, actor=viewer.user, deadline=data["deadline"]
        ),
        _("Acknowledged. The person is told that you handle it."),
    )


@require_POST
@neighbourhood_view("feedback.complaints.view")
def deadline(request, pk):
    return _owner_step(
        request,
        pk,
        DeadlineForm,
        "deadline_form",
        lambda viewer, complaint, data: actions.complaint_set_deadline(
            complaint=complaint, actor=viewer.user, deadline=data["deadline"]
        ),
        _("The deadline is changed. The person is told."),
    )


@require_POST
@neighbourhood_view("feedback.complaints.view")
def note(request, pk):
    return _owner_step(
        request,
        pk,
        NoteForm,
        "note_form",
        lambda viewer, complaint, data: actions.complaint_note(
            complaint=complaint, actor=viewer.user, text=data["text"]
        ),
        _("Note added."),
    )


@require_POST
@neighbourhood_view("feedback.complaints.view")
def close(request, pk):
    return _owner_step(
        request,
        pk,
        CloseForm,
        "close_form",
        lambda viewer, complaint, data: actions.complaint_close(
            complaint=complaint,
            actor=viewer.user,
            outcome=data["outcome"],
            outcome_text=data["outcome_text"],
        ),
        _("The complaint is handled. The outcome is sent to the person."),
    )
