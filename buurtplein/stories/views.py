"""Pages of stories: the list (published, and the viewer's own and looked-after ones), a
story with its consent register, telling and editing, adding a person; "Toestemmingen over
mij" and the withdrawal link; an ambassador's recommendation, and one given on paper."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts import selectors as accounts_selectors
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import (
    apply_errors,
    error_text,
    photos_to_remove,
    posted,
    uploaded,
)
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.stories import actions, selectors
from buurtplein.stories.forms import PersonForm, StoryForm, TestimonialForm, TestimonialPaperForm

MEMBER_RESULTS = 10


def _to(request, name, **kwargs):
    return redirect(nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs))


def _organisations(request):
    return request.neighbourhood.organisations.order_by("name")


def home_context(request) -> dict:
    """The home's block: a recommendation or two of the neighbourhood's organisations (read
    at every request, so a withdrawn one is gone at once)."""
    return {"testimonials": selectors.home_testimonials(request.neighbourhood)}


@neighbourhood_view("stories.list.view")
def story_list(request):
    viewer = viewer_for(request)
    mine = request.GET.get("show") == "mine"
    after = request.GET.get("after")
    return render(
        request,
        "stories/list.html",
        {
            "mine": mine,
            "page": selectors.looked_after(viewer, after=after)
            if mine
            else selectors.published(viewer, after=after),
            "to_review": selectors.to_review_count(viewer),
            "pending": selectors.my_pending_count(viewer),
        },
    )


def _story_form_page(request, form, story=None, *, status=200):
    return render(
        request,
        "stories/form.html",
        {"form": form, "story": story, "photos": list(story.photos.all()) if story else []},
        status=status,
    )


@neighbourhood_view("stories.story.create")
def story_new(request):
    viewer = viewer_for(request)
    initial = {}
    chosen = request.GET.get("organisation", "")
    if chosen.isdigit():
        initial["organisation"] = int(chosen)
    form = StoryForm(
        posted(request), uploaded(request), organisations=_organisations(request), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = actions.story_create(
                viewer=viewer,
                title=data["title"],
                text=data["text"],
                happened_on=data["happened_on"],
                happened_until=data["happened_until"],
                organisation=data["organisation"],
                photos=data["photos"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Your story is saved. Now add the people who appear in it.")
                if story.state == "approved"
                else _(
                    "Your story is saved. A professional reads it before it is published. "
                    "Add the people who appear in it."
                ),
            )
            return _to(request, "stories:story", pk=story.pk)
    return _story_form_page(request, form, status=400 if request.method == "POST" else 200)


def _story(request, pk, perm):
    viewer = viewer_for(request)
    story = selectors.access_story(viewer, pk)
    if not can(viewer, perm, story):
        raise PermissionDenied
    return viewer, story


@neighbourhood_view("stories.list.view")
def story_detail(request, pk):
    viewer, story = _story(request, pk, "stories.story.view")
    return render(
        request,
        "stories/detail.html",
        {
            "story": story,
            "consents": list(story.consents.all()),
            "photos": list(story.photos.all()),
            "register": can(viewer, "stories.story.register", story),
            "secret": request.session.pop(f"stories:secret:{story.pk}", None),
        },
    )


@neighbourhood_view("stories.list.view")
def story_edit(request, pk):
    viewer, story = _story(request, pk, "stories.story.edit")
    photos = list(story.photos.all())
    remove = photos_to_remove(request, photos)
    initial = {
        "title": story.title,
        "text": story.text,
        "happened_on": story.happened_on,
        "happened_until": story.happened_until,
    }
    form = StoryForm(
        posted(request),
        uploaded(request),
        initial=initial,
        existing_photos=len(photos) - len(remove),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.story_edit(
                viewer=viewer,
                story=story,
                title=data["title"],
                text=data["text"],
                happened_on=data["happened_on"],
                happened_until=data["happened_until"],
                photos=data["photos"],
                alt_text=data["alt_text"],
                remove_photo_ids=remove,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The story is saved."))
            return _to(request, "stories:story", pk=story.pk)
    return _story_form_page(request, form, story, status=400 if request.method == "POST" else 200)


@require_POST
@neighbourhood_view("stories.list.view")
def story_delete(request, pk):
    _viewer, story = _story(request, pk, "stories.story.delete")
    actions.story_delete(story=story, actor=request.user)
    messages.success(request, _("The story is deleted, with its photos and consents."))
    return _to(request, "stories:list")


@require_POST
@neighbourhood_view("stories.list.view")
def story_review(request, pk):
    _viewer, story = _story(request, pk, "stories.story.review")
    try:
        actions.story_approve(story=story, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The story is approved."))
    return _to(request, "stories:story", pk=story.pk)


@neighbourhood_view("stories.list.view")
def person_add(request, pk):
    """Add a person to a story: find a member (asked in the app), or register consent given on
    paper (professionals, admins and the organisation's staff)."""
    viewer, story = _story(request, pk, "stories.story.edit")
    paper = can(viewer, "stories.consent.paper", story)
    query = request.GET.get("q", "").strip()
    found = list(accounts_selectors.find_members(viewer, query)[:MEMBER_RESULTS]) if query else []
    chosen = None
    member_id = request.POST.get("member") or request.GET.get("member") or ""
    if member_id.isdigit():
        chosen = accounts_selectors.access_member(viewer, int(member_id)).user
    form = PersonForm(
        posted(request),
        initial={
            "member": chosen.pk if chosen else None,
            "until": timezone.localdate().replace(year=timezone.localdate().year + 1, day=1),
            "uses": ["report"],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if chosen is not None:
                actions.consent_ask(
                    story=story,
                    person=chosen,
                    registered_by=request.user,
                    uses=data["uses"],
                    until=data["until"],
                    by_name=data["by_name"],
                    in_photo=data["in_photo"],
                    quote=data["quote"],
                )
                messages.success(
                    request,
                    _("%(name)s is asked for consent in the app.") % {"name": chosen.display_name},
                )
                return _to(request, "stories:story", pk=story.pk)
            if not paper:
                raise ValidationError(
                    {"paper": _("Only a professional registers consent given on paper.")}
                )
            _consent, secret = actions.consent_register_paper(
                actor=request.user,
                story=story,
                name=data["name"],
                uses=data["uses"],
                until=data["until"],
                by_name=data["by_name"],
                in_photo=data["in_photo"],
                quote=data["quote"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            request.session[f"stories:secret:{story.pk}"] = nb_reverse(
                "stories:withdraw_link",
                request.neighbourhood,
                request=request,
                kwargs={"token": secret},
            )
            messages.success(request, _("The consent is registered."))
            return _to(request, "stories:story", pk=story.pk)
    return render(
        request,
        "stories/person_add.html",
        {
            "story": story,
            "form": form,
            "query": query,
            "found": found,
            "chosen": chosen,
            "paper": paper,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@neighbourhood_view("stories.list.view")
def consent_withdraw(request, pk):
    viewer = viewer_for(request)
    consent = selectors.access_consent(viewer, pk)
    if not can(viewer, "stories.consent.withdraw", consent):
        raise PermissionDenied
    actions.consent_withdraw(consent=consent, actor=request.user)
    messages.success(
        request, _("The consent is withdrawn. It is no longer shown anywhere, nor in reports.")
    )
    if request.POST.get("back") == "story" and consent.story_id:
        return _to(request, "stories:story", pk=consent.story_id)
    return _to(request, "stories:mine")


@require_POST
@neighbourhood_view("stories.list.view")
def consent_confirm(request, pk):
    viewer = viewer_for(request)
    consent = selectors.access_consent(viewer, pk)
    if not can(viewer, "stories.consent.confirm", consent):
        raise PermissionDenied
    try:
        actions.consent_confirm(consent=consent, person=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you. You agreed."))
    return _to(request, "stories:mine")


@neighbourhood_view("stories.mine.view")
def mine(request):
    return render(
        request, "stories/mine.html", {"consents": selectors.my_consents(viewer_for(request))}
    )


@neighbourhood_view("stories.link.use")
def withdraw_link(request, token):
    """The secret link of a person without an account: see what they agreed to, withdraw."""
    consent = selectors.consent_by_secret(request.neighbourhood, token)
    if request.method == "POST" and consent.withdrawn_at is None:
        actions.consent_withdraw(consent=consent, actor=None)
        return render(request, "stories/withdraw_link.html", {"consent": consent, "done": True})
    return render(request, "stories/withdraw_link.html", {"consent": consent, "done": False})


def _organisation_from(request):
    chosen = request.GET.get("organisation", "")
    if not chosen.isdigit():
        raise Http404
    organisation = _organisations(request).filter(pk=int(chosen)).first()
    if organisation is None:
        raise Http404
    return organisation


def _organisation_url(request, organisation):
    return nb_reverse(
        "nb:organisation",
        request.neighbourhood,
        request=request,
        kwargs={"slug": organisation.slug},
    )


@neighbourhood_view("stories.testimonial.create")
def testimonial_new(request):
    """An ambassador's recommendation of ``?organisation=<id>`` (the feedback question leads a
    high score here)."""
    viewer = viewer_for(request)
    organisation = _organisation_from(request)
    form = TestimonialForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            testimonial = actions.testimonial_create(
                viewer=viewer,
                organisation=organisation,
                text=data["text"],
                shown_as=data["shown_as"],
                social=data["social"],
                photo=data["photo"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you! Your recommendation is on the page.")
                if testimonial.approved_at
                else _(
                    "Thank you! The organisation shows your recommendation once they have "
                    "read it. You can withdraw it on the page about your consents."
                ),
            )
            return redirect(_organisation_url(request, organisation))
    return render(
        request,
        "stories/testimonial_form.html",
        {"form": form, "organisation": organisation, "paper": False},
        status=400 if request.method == "POST" else 200,
    )


@neighbourhood_view("stories.testimonial.manage")
def testimonial_paper(request):
    viewer = viewer_for(request)
    organisation = _organisation_from(request)
    if not can(viewer, "stories.testimonial.manage", organisation.pk):
        raise PermissionDenied
    form = TestimonialPaperForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _testimonial, secret = actions.testimonial_register_paper(
                actor=request.user,
                neighbourhood=request.neighbourhood,
                organisation=organisation,
                name=data["name"],
                text=data["text"],
                shown_as=data["shown_as"],
                until=data["until"],
                social=data["social"],
                photo=data["photo"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            link = nb_reverse(
                "stories:withdraw_link",
                request.neighbourhood,
                request=request,
                kwargs={"token": secret},
            )
            return render(
                request,
                "stories/testimonial_registered.html",
                {"organisation": organisation, "link": request.build_absolute_uri(link)},
            )
    return render(
        request,
        "stories/testimonial_form.html",
        {"form": form, "organisation": organisation, "paper": True},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@neighbourhood_view("stories.testimonial.manage")
def testimonial_approve(request, pk):
    viewer = viewer_for(request)
    testimonial = selectors.access_testimonial(viewer, pk)
    if not can(viewer, "stories.testimonial.manage", testimonial):
        raise PermissionDenied
    try:
        actions.testimonial_approve(testimonial=testimonial, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The recommendation is on the page."))
    return redirect(_organisation_url(request, testimonial.organisation))
