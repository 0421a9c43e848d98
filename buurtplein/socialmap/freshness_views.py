"""Pages that keep the sociale kaart current: "klopt dit nog?" (from the e-mail's signed link,
or the button on a service's page), "dit klopt niet meer", and marking a correction handled.
Writes and reads in ``freshness``; a GET never changes anything."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap import freshness
from buurtplein.socialmap.models import MAX_FEEDBACK
from buurtplein.socialmap.tasks import service_url


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What is no longer right?"),
        help_text=gettext_lazy(
            "One sentence is enough, e.g. “The walk-in hour is now on Thursday.”"
        ),
        max_length=MAX_FEEDBACK,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise forms.ValidationError(_("Say what is no longer right."))
        return text


def _back(service) -> str:
    return service_url(service, "socialmap:service")


def _thanks(request, service) -> None:
    messages.success(
        request,
        _("Thank you! Checked today. We ask again on %(date)s.")
        % {"date": formats.date_format(freshness.next_check(service), "j F Y")},
    )


@neighbourhood_view(component="socialmap")
def check(request, token):
    """The link of the "klopt dit nog?" e-mail: GET shows the service and one button (for the
    person the link was sent to, logged in or not); the button POSTs and confirms."""
    data = freshness.read_token(token)
    if data is None or data["n"] != request.neighbourhood.pk:
        return render(request, "socialmap/freshness/link_expired.html", status=410)
    service = freshness.access_service(viewer_for(request), data["s"])
    person = get_user_model().objects.filter(pk=data["u"]).first()
    if not freshness.user_keeps(person, service):
        return render(request, "socialmap/freshness/link_expired.html", status=410)
    if request.method == "POST":
        freshness.service_confirm(actor=person, service=service)
        _thanks(request, service)
        return redirect(_back(service))
    return render(
        request,
        "socialmap/freshness/confirm.html",
        {"service": service, "edit_url": service_url(service, "socialmap:edit")},
    )


@neighbourhood_view(component="socialmap")
def check_all(request, token):
    """The "alles klopt nog" link of a "klopt dit nog?" e-mail that lists several services: GET
    shows them and one button; the POST confirms each of them that the person still keeps (an
    ended service, or one of an organisation they left, is left out). Only the services of
    that e-mail: they are named in the signed link."""
    data = freshness.read_all_token(token)
    if data is None or data["n"] != request.neighbourhood.pk:
        return render(request, "socialmap/freshness/link_expired.html", status=410)
    person = get_user_model().objects.filter(pk=data["u"]).first()
    services = freshness.kept_by(person, request.neighbourhood.pk, data["s"])
    if not services:
        return render(request, "socialmap/freshness/link_expired.html", status=410)
    if request.method == "POST":
        for service in services:
            freshness.service_confirm(actor=person, service=service)
        messages.success(
            request,
            ngettext(
                "Thank you! %(count)d service checked today. We ask again on %(date)s.",
                "Thank you! %(count)d services checked today. We ask again on %(date)s.",
                len(services),
            )
            % {
                "count": len(services),
                "date": formats.date_format(freshness.next_check(services[0]), "j F Y"),
            },
        )
        # Logged in: back to "Onze diensten"; the link alone (not logged in): the list.
        back = "socialmap:ours" if request.user.is_authenticated else "socialmap:list"
        return redirect(nb_reverse(back, request.neighbourhood))
    return render(request, "socialmap/freshness/confirm_all.html", {"services": services})


@neighbourhood_view(component="socialmap")
def confirm(request, pk):
    """The same for a logged-in owner (the button on the service's page posts here)."""
    viewer = viewer_for(request)
    service = freshness.access_service(viewer, pk)
    if not can(viewer, "socialmap.service.confirm", service):
        if not viewer.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    if request.method == "POST":
        freshness.service_confirm(actor=request.user, service=service)
        _thanks(request, service)
        return redirect(_back(service))
    return render(
        request,
        "socialmap/freshness/confirm.html",
        {"service": service, "edit_url": service_url(service, "socialmap:edit")},
    )


@neighbourhood_view("socialmap.correction.create")
def correct(request, pk):
    """ "Dit klopt niet meer": one sentence for the people who keep the service."""
    service = freshness.access_service(viewer_for(request), pk)
    form = CorrectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            freshness.feedback_create(
                author=request.user, service=service, text=form.cleaned_data["text"]
            )
        except forms.ValidationError as error:  # the rate limit's refusal included
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. The people who keep this service up to date are told.")
            )
            return redirect(_back(service))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "socialmap/freshness/correct.html",
        {"service": service, "form": form, "back_url": _back(service)},
        status=status,
    )


@require_POST
@neighbourhood_view(component="socialmap")
def handle(request, pk):
    """Mark a correction handled (the button next to it on the service's page)."""
    viewer = viewer_for(request)
    feedback = freshness.access_feedback(viewer, pk)
    if not can(viewer, "socialmap.correction.handle", feedback):
        if not viewer.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    if freshness.feedback_handle(actor=request.user, feedback=feedback):
        messages.success(request, _("Marked as handled."))
    return redirect(_back(feedback.service))
