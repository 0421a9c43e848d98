"""Pages of the neighbourhood information. Input → forms, rules → permission chain, writes →
actions, reads → selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.text import render_document
from buurtplein.core.urls import nb_reverse
from buurtplein.infopages import actions, selectors
from buurtplein.infopages.diff import diff_texts
from buurtplein.infopages.facts import parse_facts
from buurtplein.infopages.forms import PageCreateForm, PageEditForm, PageSettingsForm
from buurtplein.infopages.models import MAX_DEPTH


def _url(request, name, **kwargs):
    return nb_reverse(f"infopages:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _page_url(request, page, anchor=""):
    return _url(request, "page", slug=page.slug) + anchor


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


def home_context(request) -> dict:
    """The "Good to know" block on the neighbourhood home: the main pages. Cached per
    neighbourhood, audience and language until the tree changes (``selectors.home_version``):
    a warm home asks the database nothing for it, a cold one one query."""
    viewer = viewer_for(request)
    return {
        "pages": lambda: selectors.home_pages(viewer),
        "members": can(viewer, "infopages.members_pages.view"),
        "version": selectors.home_version(request.neighbourhood.pk),
    }


def _editable_page(request, slug):
    viewer = viewer_for(request)
    page = selectors.access_page(viewer, slug)
    if not can(viewer, "infopages.page.edit", page):
        raise PermissionDenied
    return page


# --- reading ------------------------------------------------------------------------------------


@neighbourhood_view("infopages.index.view")
def index(request):
    viewer = viewer_for(request)
    may_see_stale = can(viewer, "infopages.stale.view")
    return render(
        request,
        "infopages/index.html",
        {
            "tree": selectors.page_tree(viewer),
            "stale": selectors.stale_pages(request.neighbourhood) if may_see_stale else [],
            "may_see_stale": may_see_stale,
            "may_create": can(viewer, "infopages.page.create"),
        },
    )


@neighbourhood_view("infopages.index.view")
def page_detail(request, slug):
    viewer = viewer_for(request)
    try:
        page = selectors.access_page(viewer, slug)
    except Http404:
        # A page for neighbours only: outsiders see that it exists, nothing of it.
        page = selectors.find_page(slug)
        return render(request, "infopages/page_preview.html", {"page": page})
    return render(
        request,
        "infopages/page.html",
        {
            "page": page,
            "sub_pages": selectors.children(viewer, page),
            "may_edit": can(viewer, "infopages.page.edit", page),
            "may_delete": can(viewer, "infopages.page.delete", page),
            "may_see_history": can(viewer, "infopages.history.view", page),
            "may_see_stale": can(viewer, "infopages.stale.view"),
            "may_add_sub_page": page.depth < MAX_DEPTH,
            "share_url": request.build_absolute_uri(_page_url(request, page)),
        },
    )


# --- writing ------------------------------------------------------------------------------------


def _preview(form):
    """The text as it will look, for the "Preview" button (nothing is saved)."""
    data = form.data
    return {
        "title": (data.get("title") or "").strip(),
        "body_html": render_document(data.get("body") or ""),
        "facts": parse_facts(data.get("facts") or ""),
    }


@neighbourhood_view("infopages.page.create")
def page_create(request):
    choices = selectors.parent_choices(request.neighbourhood)
    initial = {}
    wanted = request.GET.get("parent")
    for choice, _depth in choices:
        if choice.slug == wanted:
            initial["parent"] = choice.pk
    form = PageCreateForm(posted(request), parent_choices=choices, initial=initial)
    context = {"form": form}
    if request.method == "POST" and "preview" in request.POST:
        return render(request, "infopages/page_form.html", {**context, "preview": _preview(form)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page = actions.page_create(
                actor=request.user,
                neighbourhood=request.neighbourhood,
                title=data["title"],
                body=data["body"],
                facts=data["facts"],
                parent=data["parent"],
                visibility=data["visibility"],
                slug=data["slug"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The page is online. You keep it up to date: in six months we ask you to "
                    "check it."
                ),
            )
            return redirect(_page_url(request, page))
    status = 400 if request.method == "POST" else 200
    return render(request, "infopages/page_form.html", context, status=status)


def _conflict_context(page, base_version: int) -> dict:
    """What the editor needs to merge: what the other person changed since the editor's
    version, and the text as it is saved now."""
    base = selectors.find_version(page, base_version)
    current = selectors.find_version(page, page.version)
    return {
        "conflict": current,
        "conflict_diff": diff_texts(base.body if base else "", page.body),
        "conflict_title_changed": base is not None and base.title != page.title,
        "conflict_base": base,
    }


@neighbourhood_view("infopages.page.edit")
def page_edit(request, slug):
    page = _editable_page(request, slug)
    initial = {
        "title": page.title,
        "body": page.body,
        "facts": page.facts,
        "base_version": page.version,
    }
    form = PageEditForm(posted(request), initial=initial)
    context = {"form": form, "page": page}
    if request.method == "POST" and "preview" in request.POST:
        return render(request, "infopages/page_form.html", {**context, "preview": _preview(form)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = actions.page_update(
                actor=request.user,
                page=page,
                base_version=data["base_version"],
                title=data["title"],
                body=data["body"],
                facts=data["facts"],
                note=data["note"],
            )
        except actions.EditConflict as conflict:
            # Nothing is lost: the editor's text stays in the form, the other text is saved.
            # The form now starts from the newest version, so saving again is a choice.
            current = conflict.page
            refilled = request.POST.copy()
            refilled["base_version"] = str(current.version)
            form = PageEditForm(refilled, initial=initial)
            form.is_valid()
            context = {
                "form": form,
                "page": current,
                **_conflict_context(current, data["base_version"]),
            }
            return render(request, "infopages/page_form.html", context, status=409)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if version is None:
                messages.success(
                    request, _("Nothing was changed. The page counts as checked today.")
                )
            else:
                messages.success(
                    request,
                    _("Saved as version %(number)d. The page counts as checked today.")
                    % {"number": version.number},
                )
            return redirect(_page_url(request, page))
    status = 400 if request.method == "POST" else 200
    return render(request, "infopages/page_form.html", context, status=status)


@neighbourhood_view("infopages.page.edit")
def page_check(request, slug):
    """ "Still correct": the page's button posts here; the reminder e-mail links here (GET
    shows one button and changes nothing)."""
    page = _editable_page(request, slug)
    if request.method == "POST":
        actions.page_check(actor=request.user, page=page)
        messages.success(
            request,
            _("Thank you! Checked today. We ask again on %(date)s.")
            % {"date": _date(page.check_due_at)},
        )
        return redirect(_page_url(request, page))
    return render(request, "infopages/check.html", {"page": page})


# --- history ------------------------------------------------------------------------------------


@neighbourhood_view("infopages.history.view")
def page_history(request, slug):
    viewer = viewer_for(request)
    page = selectors.access_page(viewer, slug)
    listing = selectors.history(page, after=request.GET.get("after"))
    return render(
        request,
        "infopages/history.html",
        {
            "page": page,
            "listing": listing,
            "may_restore": can(viewer, "infopages.page.edit", page),
        },
    )


@neighbourhood_view("infopages.history.view")
def version_detail(request, slug, number):
    viewer = viewer_for(request)
    page = selectors.access_page(viewer, slug)
    version = selectors.access_version(page, number)
    previous = selectors.previous_version(version)
    return render(
        request,
        "infopages/version.html",
        {
            "page": page,
            "version": version,
            "previous": previous,
            "diff": diff_texts(previous.body if previous else "", version.body),
            "facts_diff": diff_texts(previous.facts if previous else "", version.facts),
            "title_changed": previous is not None and previous.title != version.title,
            "may_restore": can(viewer, "infopages.page.edit", page)
            and version.number != page.version,
        },
    )


@require_POST
@neighbourhood_view("infopages.page.edit")
def version_restore(request, slug, number):
    page = _editable_page(request, slug)
    version = selectors.access_version(page, number)
    try:
        new = actions.page_restore(actor=request.user, page=page, version=version)
    except actions.EditConflict:
        messages.error(
            request,
            _("Someone saved this page just now. Look at the history again before you restore."),
        )
        return redirect(_url(request, "history", slug=page.slug))
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect(_url(request, "version", slug=page.slug, number=version.number))
    messages.success(
        request,
        _(
            "Version %(old)d is back, saved as version %(new)d. Nothing is lost: the history "
            "has all versions."
        )
        % {"old": version.number, "new": new.number},
    )
    return redirect(_page_url(request, page))


# --- settings, order, delete --------------------------------------------------------------------


@neighbourhood_view("infopages.page.edit")
def page_settings(request, slug):
    page = _editable_page(request, slug)
    owners = selectors.editors(request.neighbourhood)
    owner_is_editor = page.owner_id in {person.pk for person in owners}
    form = PageSettingsForm(
        posted(request),
        parent_choices=selectors.parent_choices(request.neighbourhood, page),
        owners=owners,
        initial={
            "parent": page.parent_id,
            "visibility": page.visibility,
            # A former editor is not offered: someone else must be chosen.
            "owner": str(page.owner_id) if owner_is_editor else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = actions.page_settings(
                actor=request.user,
                page=page,
                parent=data["parent"],
                visibility=data["visibility"],
                owner=form.chosen_owner(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The settings are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(_page_url(request, page))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "infopages/settings.html",
        {
            "page": page,
            "form": form,
            "siblings": selectors.siblings(page),
            "owner_is_editor": owner_is_editor,
        },
        status=status,
    )


@require_POST
@neighbourhood_view("infopages.page.edit")
def page_reorder(request, slug):
    page = _editable_page(request, slug)
    direction = request.POST.get("direction", "")
    try:
        moved = actions.page_reorder(actor=request.user, page=page, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if moved:
            messages.success(request, _("The order is changed."))
        elif direction == "up":
            messages.info(request, _("The page is at the top of the list already."))
        else:
            messages.info(request, _("The page is at the bottom of the list already."))
    return redirect(_url(request, "settings", slug=page.slug) + "#order")


@neighbourhood_view("infopages.page.delete")
def page_delete(request, slug):
    viewer = viewer_for(request)
    page = selectors.access_page(viewer, slug)
    if not can(viewer, "infopages.page.delete", page):
        raise PermissionDenied
    sub_pages = selectors.children(viewer, page)
    if request.method == "POST":
        try:
            actions.page_delete(actor=request.user, page=page)
        except ValidationError as error:
            return render(
                request,
                "infopages/delete.html",
                {"page": page, "sub_pages": sub_pages, "error": " ".join(error.messages)},
                status=400,
            )
        messages.success(
            request,
            _("“%(title)s” is deleted. A platform admin can bring it back, with its history.")
            % {"title": page.title},
        )
        return redirect(_url(request, "index"))
    return render(request, "infopages/delete.html", {"page": page, "sub_pages": sub_pages})
