"""Pages of the square. Input → forms, rules → permission chain, writes → actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.selectors import acting_organisations
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, photos_to_remove
from buurtplein.core.paging import Page
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation.views import report_page
from buurtplein.square import actions, selectors
from buurtplein.square.forms import CommentForm, PostForm, ReactionForm, post_initial
from buurtplein.square.models import Category, ReactionKind


def _post_url(request, post, anchor=""):
    return (
        nb_reverse("square:post", request.neighbourhood, request=request, kwargs={"pk": post.pk})
        + anchor
    )


def _reaction_kinds() -> list[tuple[str, str]]:
    """Reaction kinds with their labels translated once per request, not once per card."""
    return [(value, str(label)) for value, label in ReactionKind.choices]


def _back(request, post):
    """Where to go after a plain (non-htmx) form: the page it came from, if it is ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(_post_url(request, post))


def _organisation_filter(request):
    """The organisation of this neighbourhood named by ``?organisation=<id>`` (its own posts),
    else None."""
    try:
        pk = int(request.GET.get("organisation", ""))
    except ValueError:
        return None
    return request.neighbourhood.organisations.filter(pk=pk).first()


def feed_context(request, *, filters: bool = False) -> dict:
    """Context of the feed; also the square's block on the neighbourhood home (which ignores
    the ``organisation`` filter of the feed page)."""
    viewer = viewer_for(request)
    category = request.GET.get("category")
    if category not in Category.values:
        category = None
    organisation = _organisation_filter(request) if filters else None
    pinned, page = selectors.feed(
        viewer, category=category, organisation=organisation, after=request.GET.get("after")
    )
    return {
        "pinned": pinned,
        "page": page,
        "category": category,
        "organisation": organisation,
        "categories": Category.choices,
        "reaction_kinds": _reaction_kinds(),
        "post_form": PostForm() if can(viewer, "square.post.create") else None,
    }


def home_context(request) -> dict:
    """The square's block on the neighbourhood home: a short first page (``home_feed``) and a
    link to the square when there is more, instead of loading more posts into the home."""
    viewer = viewer_for(request)
    pinned, found = selectors.home_feed(viewer)
    return {
        "pinned": pinned,
        "page": Page(found.items, None),
        "more": found.next_cursor is not None,
        "category": None,
        "categories": Category.choices,
        "reaction_kinds": _reaction_kinds(),
        "post_form": PostForm() if can(viewer, "square.post.create") else None,
    }


@neighbourhood_view("square.feed.view")
def feed(request):
    context = feed_context(request, filters=True)
    if request.htmx and request.GET.get("after"):
        return render(request, "square/feed.html#feed_page", context)
    return render(request, "square/feed.html", context)


def _preselected(request, organisations):
    """ "Post on the square for the club" links here with ``?organisation=<id>``: that
    organisation is preselected when the author acts for it."""
    pk = request.GET.get("organisation", "")
    if pk.isdigit() and organisations.filter(pk=int(pk)).exists():
        return int(pk)
    return None


@neighbourhood_view("square.post.create")
def post_create(request):
    viewer = viewer_for(request)
    organisations = acting_organisations(viewer)
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        initial={"organisation": _preselected(request, organisations)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = actions.post_create(
                author=request.user,
                neighbourhood=request.neighbourhood,
                category=data["category"],
                title=data["title"],
                text=data["text"],
                visibility=data["visibility"],
                photos=data["photos"],
                alt_texts=[data["alt_text"]] * len(data["photos"]),
                organisation=data.get("organisation"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your message is on the square."))
            return redirect(_post_url(request, post))
    status = 400 if request.method == "POST" else 200
    return render(request, "square/post_form.html", {"form": form, "viewer": viewer}, status=status)


@neighbourhood_view("square.feed.view")
def post_detail(request, pk):
    viewer = viewer_for(request)
    post = selectors.find_post(pk, viewer)
    if not can(viewer, "square.post.view", post):
        # Outsiders get a neutral preview: the post exists, its content is for neighbours.
        return render(request, "square/post_preview.html", {"post": post})
    comments_after = request.GET.get("comments_after")
    return render(
        request, "square/post_detail.html", _detail_context(request, post, after=comments_after)
    )


def _detail_context(request, post, *, form=None, after=None) -> dict:
    selectors.attach_viewer_state(viewer_for(request), [post])
    return {
        "post": post,
        "comments": selectors.post_comments(post, after=after, viewer=viewer_for(request)),
        "comment_form": form or CommentForm(),
        "reaction_kinds": _reaction_kinds(),
        "share_url": request.build_absolute_uri(_post_url(request, post)),
    }


@neighbourhood_view("square.post.create")
def post_edit(request, pk):
    viewer = viewer_for(request)
    post = selectors.access_post(viewer, pk)
    if not can(viewer, "square.post.edit", post):
        raise PermissionDenied
    photos = list(post.photos.all())
    remove = photos_to_remove(request, photos)
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        initial=post_initial(post),
        existing_photos=len(photos) - len(remove),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.post_update(
            post=post,
            category=data["category"],
            title=data["title"],
            text=data["text"],
            visibility=data["visibility"],
            remove_photo_ids=remove,
            photos=data["photos"],
            alt_texts=[data["alt_text"]] * len(data["photos"]),
        )
        messages.success(request, _("Your changes are saved."))
        return redirect(_post_url(request, post))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "square/post_form.html",
        {"form": form, "post": post, "photos": photos},
        status=status,
    )


@neighbourhood_view("square.post.create")
def post_delete(request, pk):
    viewer = viewer_for(request)
    post = selectors.access_post(viewer, pk)
    if not can(viewer, "square.post.delete", post):
        raise PermissionDenied
    if request.method == "POST":
        actions.post_delete(actor=request.user, post=post)
        messages.success(request, _("The message is removed."))
        return redirect(nb_reverse("nb:home", request.neighbourhood, request=request))
    return render(request, "square/post_confirm_delete.html", {"post": post})


@require_POST
@neighbourhood_view("square.post.pin")
def post_pin(request, pk):
    viewer = viewer_for(request)
    post = selectors.access_post(viewer, pk)
    if post.pinned_at:
        actions.post_unpin(actor=request.user, post=post)
        messages.success(request, _("The message is no longer pinned."))
    else:
        actions.post_pin(actor=request.user, post=post)
        messages.success(request, _("The message is pinned to the top of the square."))
    return redirect(_post_url(request, post))


@require_POST
@neighbourhood_view("square.post.interact")
def comment_create(request, pk):
    viewer = viewer_for(request)
    post = selectors.access_post(viewer, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            actions.comment_create(author=request.user, post=post, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)  # next to the comment, which is kept
        else:
            form = CommentForm()
            post.comment_count += 1
    if form.errors and not request.htmx:
        return render(
            request,
            "square/post_detail.html",
            _detail_context(request, post, form=form),
            status=400,
        )
    if request.htmx:
        context = {
            "post": post,
            "comments": selectors.post_comments(post, viewer=viewer_for(request)),
            "comment_form": form,
            "just_posted": form.is_bound is False,
        }
        return render(request, "square/post_detail.html#comments", context)
    return redirect(_post_url(request, post, "#comments"))


@require_POST
@neighbourhood_view("square.post.interact")
def comment_delete(request, pk):
    viewer = viewer_for(request)
    comment = selectors.access_comment(viewer, pk)
    if not can(viewer, "square.comment.delete", comment):
        raise PermissionDenied
    actions.comment_delete(actor=request.user, comment=comment)
    messages.success(request, _("The comment is removed."))
    return redirect(_post_url(request, comment.post, "#comments"))


@require_POST
@neighbourhood_view("square.post.interact")
def react(request, pk):
    viewer = viewer_for(request)
    post = selectors.access_post(viewer, pk)
    form = ReactionForm(request.POST)
    if form.is_valid():
        actions.reaction_set(user=request.user, post=post, kind=form.cleaned_data["kind"])
    if request.htmx:
        post = selectors.access_post(viewer, pk)
        selectors.attach_viewer_state(viewer, [post])
        return render(
            request,
            "square/_post_actions.html",
            {"post": post, "reaction_kinds": _reaction_kinds()},
        )
    return _back(request, post)


@require_POST
@neighbourhood_view("square.post.interact")
def save(request, pk):
    viewer = viewer_for(request)
    post = selectors.access_post(viewer, pk)
    saved = actions.save_toggle(user=request.user, post=post)
    if request.htmx:
        selectors.attach_viewer_state(viewer, [post])
        return render(
            request,
            "square/_post_actions.html",
            {"post": post, "reaction_kinds": _reaction_kinds()},
        )
    messages.success(
        request, _("Saved. You find it under “Saved”.") if saved else _("No longer saved.")
    )
    return _back(request, post)


def _report(request, target, back_url):
    return report_page(request, target, summary=target.text, back_url=back_url)


@neighbourhood_view("square.post.interact")
def post_report(request, pk):
    post = selectors.access_post(viewer_for(request), pk)
    return _report(request, post, _post_url(request, post))


@neighbourhood_view("square.post.interact")
def comment_report(request, pk):
    comment = selectors.access_comment(viewer_for(request), pk)
    return _report(request, comment, _post_url(request, comment.post, "#comments"))


@neighbourhood_view("square.post.interact")
def saved(request):
    page = selectors.saved_posts(viewer_for(request), after=request.GET.get("after"))
    context = {"page": page, "reaction_kinds": _reaction_kinds()}
    if request.htmx and request.GET.get("after"):
        return render(request, "square/saved.html#saved_page", context)
    return render(request, "square/saved.html", context)


@neighbourhood_view("square.feed.view")
def search(request):
    query = request.GET.get("q", "").strip()
    results = selectors.search_posts(viewer_for(request), query) if query else []
    return render(
        request,
        "square/search.html",
        {"query": query, "results": results, "reaction_kinds": _reaction_kinds()},
    )
