"""Pages of the clubs component. Input → forms, rules → permission chain, writes → actions.

A club's page gathers what the rest of the platform holds for its organisation: the blocks
other components declare (``Component.organisation_blocks``: the square's posts, the agenda's
activities, vraag & aanbod's requests for support, volunteering's vacancies), each rendered
with that component's template and read through its selectors, only when it is switched on
here (``core.organisation_blocks``). The board's links (each block's ``tool``) lead to those
components' own create pages with the club preselected; nothing of theirs is imported or
written here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.selectors import acting_organisations
from buurtplein.clubs import actions, selectors
from buurtplein.clubs.forms import (
    AnnouncementForm,
    AnswerForm,
    ClubForm,
    JoinForm,
    LeaveForm,
    MembershipForm,
    MembersTextForm,
    ModerateForm,
    RoleForm,
    club_initial,
)
from buurtplein.clubs.models import Audience, Kind, State
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, photos_to_remove, posted, uploaded
from buurtplein.core.organisation_blocks import blocks_version, page_blocks, page_tools
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation.views import report_page


def _url(request, name, **kwargs):
    return nb_reverse(f"clubs:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _club_url(request, club, anchor=""):
    return _url(request, "club", slug=club.slug) + anchor


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


def _filters(request) -> selectors.Filters:
    kind = request.GET.get("kind")
    return selectors.Filters(
        q=request.GET.get("q", "").strip()[:100],
        kind=kind if kind in Kind.values else None,
    )


def _board_club(request, slug):
    """A club the viewer sees and whose board they are on (403 otherwise)."""
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    if not can(viewer, "clubs.club.edit", club):
        raise PermissionDenied
    return club


def home_context(request) -> dict:
    """The block on the neighbourhood home: the viewer's own clubs and the newest clubs. Both
    are cached until a club of the neighbourhood changes (its members too), so a warm home
    asks the database nothing for the block."""
    viewer = viewer_for(request)
    version = selectors.home_version(request.neighbourhood.pk)
    return {
        "mine": selectors.home_mine(viewer, version),
        "clubs": selectors.home_clubs,
        "may_create": can(viewer, "clubs.club.create"),
        "version": version,
    }


# --- the list and a club's page -----------------------------------------------------------------


@neighbourhood_view("clubs.list.view")
def club_list(request):
    viewer = viewer_for(request)
    filters = _filters(request)
    found = selectors.club_list(viewer, filters, after=request.GET.get("after"))
    context = {
        "found": found,
        "page": found.page,
        "filters": filters,
        "kinds": selectors.kinds(),
        "memberships": selectors.my_club_memberships(viewer),
        "may_create": can(viewer, "clubs.club.create"),
    }
    if request.htmx and request.GET.get("after"):
        return render(request, "clubs/list.html#club_page", context)
    return render(request, "clubs/list.html", context)


def _linkable(viewer):
    """Organisations the viewer works for that could get a club page: clubs and initiatives
    of this neighbourhood without one."""
    return acting_organisations(viewer).filter(kind__in=actions.LINKABLE_KINDS, clubs__isnull=True)


@neighbourhood_view("clubs.club.create")
def club_create(request):
    viewer = viewer_for(request)
    form = ClubForm(posted(request), uploaded(request), organisations=_linkable(viewer))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            club = actions.club_create(
                creator=request.user,
                neighbourhood=request.neighbourhood,
                organisation=data.get("organisation"),
                name=data["name"],
                kind=data["kind"],
                pitch=data["pitch"],
                description=data["description"],
                meets_where=data["meets_where"],
                meets_when=data["meets_when"],
                join_policy=data["join_policy"],
                email=data["email"],
                phone=data["phone"],
                website=data["website"],
                contact_audience=data["contact_audience"],
                logo=data["logo"],
                photos=data["photos"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Your club has its page. You are on the board: you manage it.")
            )
            return redirect(_club_url(request, club))
    return render(request, "clubs/club_form.html", {"form": form}, status=_status(request))


VISITOR_BLOCKS_SECONDS = 60
"""A visitor's blocks are the same for every visitor: cached as HTML until one of the
organisation's posts, or an activity, offer or vacancy here, changes (each block's
``version``), and for a minute at most, so counts on the cards (comments, reactions, pledges)
are never older."""


@neighbourhood_view("clubs.list.view")
def club_detail(request, slug):
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    member = selectors.membership_in(viewer, club)
    may_edit = can(viewer, "clubs.club.edit", club)
    # What the other components hold for the club's organisation (those switched on here).
    blocks = page_blocks("club", club.organisation, request.neighbourhood, viewer)
    context = {
        "club": club,
        "organisation": club.organisation,
        "member": member,
        "photos": selectors.club_photos(club),
        "board": selectors.board_of(club),
        "may_edit": may_edit,
        "may_join": can(viewer, "clubs.club.join", club),
        "may_leave": can(viewer, "clubs.club.leave", club),
        "may_see_members": can(viewer, "clubs.members_area.view", club),
        "may_report": can(viewer, "clubs.club.report", club),
        "may_moderate": can(viewer, "clubs.club.moderate", club),
        "contact_visible": club.contact_audience == Audience.PUBLIC or viewer.is_member,
        "pending": selectors.pending_count(club) if may_edit else 0,
        "share_url": request.build_absolute_uri(_club_url(request, club)),
        "club_page": True,
        "blocks": blocks,
        "tools": page_tools(blocks, request) if may_edit else [],
        "blocks_version": None if viewer.is_authenticated else blocks_version(blocks),
        "blocks_seconds": VISITOR_BLOCKS_SECONDS,
    }
    if context["may_see_members"]:
        context["latest"] = next(iter(selectors.latest_announcements(club, limit=1)), None)
    return render(request, "clubs/club_detail.html", context)


@neighbourhood_view("clubs.club.create")
def club_edit(request, slug):
    club = _board_club(request, slug)
    photos = selectors.club_photos(club)
    remove = photos_to_remove(request, photos)
    form = ClubForm(
        posted(request),
        uploaded(request),
        editing=True,
        initial=club_initial(club),
        existing_photos=len(photos) - len(remove),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.club_update(
                actor=request.user,
                club=club,
                name=data["name"],
                kind=data["kind"],
                pitch=data["pitch"],
                description=data["description"],
                meets_where=data["meets_where"],
                meets_when=data["meets_when"],
                join_policy=data["join_policy"],
                email=data["email"],
                phone=data["phone"],
                website=data["website"],
                contact_audience=data["contact_audience"],
                logo=data["logo"],
                remove_logo=data["remove_logo"],
                remove_photo_ids=remove,
                photos=data["photos"],
                alt_text=data["alt_text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_club_url(request, club))
    return render(
        request,
        "clubs/club_form.html",
        {"form": form, "club": club, "photos": photos},
        status=_status(request),
    )


# --- joining and leaving -----------------------------------------------------------------------


@neighbourhood_view("clubs.club.create")
def join(request, slug):
    """Open club: one tap (the button on the club page posts here). On request: a note to the
    board (this page)."""
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    if not can(viewer, "clubs.club.join", club):
        if selectors.membership_in(viewer, club) is not None:
            messages.info(request, _("You are a member already, or you asked already."))
            return redirect(_club_url(request, club))
        raise PermissionDenied
    form = JoinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            member = actions.member_join(
                club=club, user=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if member.is_active:
                messages.success(
                    request,
                    _("Welcome to %(club)s! You now see the members' page.") % {"club": club},
                )
                return redirect(_url(request, "members", slug=club.slug))
            messages.success(
                request,
                _("Your request is sent. The board answers by e-mail."),
            )
            return redirect(_club_url(request, club))
    return render(request, "clubs/join.html", {"club": club, "form": form}, status=_status(request))


@neighbourhood_view("clubs.club.create")
def leave(request, slug):
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    member = selectors.membership_in(viewer, club)
    if member is None or not can(viewer, "clubs.club.leave", club):
        raise PermissionDenied
    last_board = member.is_board and not any(
        other.user_id != request.user.pk for other in selectors.board_of(club)
    )
    successors = selectors.successors(club, member) if last_board else None
    form = LeaveForm(posted(request), successors=successors)
    if request.method == "POST" and form.is_valid():
        try:
            actions.member_leave(member=member, successor=form.cleaned_data.get("successor"))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if member.is_pending:
                messages.success(request, _("Your request to join is taken back."))
            else:
                messages.success(
                    request, _("You left %(club)s. You are welcome back.") % {"club": club}
                )
            return redirect(_club_url(request, club))
    return render(
        request,
        "clubs/leave.html",
        {
            "club": club,
            "member": member,
            "form": form,
            "last_board": last_board,
            "nobody_to_take_over": last_board and not successors.exists(),
        },
        status=_status(request),
    )


# --- the members-only section ------------------------------------------------------------------


def _members_area(request, slug):
    """(club, None) for an active member (the board included), else (club, a 403 page that
    says the section exists and how to join)."""
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    if can(viewer, "clubs.members_area.view", club):
        return club, None
    context = {
        "club": club,
        "member": selectors.membership_in(viewer, club),
        "may_join": can(viewer, "clubs.club.join", club),
    }
    return club, render(request, "clubs/members_preview.html", context, status=403)


@neighbourhood_view("clubs.club.create")
def members(request, slug):
    club, teaser = _members_area(request, slug)
    if teaser is not None:
        return teaser
    viewer = viewer_for(request)
    page = selectors.members(club, after=request.GET.get("after"))
    context = {
        "club": club,
        "page": page,
        "member": selectors.membership_in(viewer, club),
        "announcements": selectors.latest_announcements(club, limit=3),
        "may_edit": can(viewer, "clubs.club.edit", club),
    }
    if request.htmx and request.GET.get("after"):
        return render(request, "clubs/members.html#member_page", context)
    return render(request, "clubs/members.html", context)


@neighbourhood_view("clubs.club.create")
def announcement_list(request, slug):
    club, teaser = _members_area(request, slug)
    if teaser is not None:
        return teaser
    viewer = viewer_for(request)
    page = selectors.announcements(club, after=request.GET.get("after"))
    context = {"club": club, "page": page, "may_edit": can(viewer, "clubs.club.edit", club)}
    if request.htmx and request.GET.get("after"):
        return render(request, "clubs/announcements.html#announcement_page", context)
    return render(request, "clubs/announcements.html", context)


@neighbourhood_view("clubs.club.create")
def announcement_detail(request, slug, pk):
    club, teaser = _members_area(request, slug)
    if teaser is not None:
        return teaser
    announcement = selectors.access_announcement(club, pk)
    return render(request, "clubs/announcement.html", {"club": club, "announcement": announcement})


@neighbourhood_view("clubs.club.create")
def announcement_create(request, slug):
    club = _board_club(request, slug)
    form = AnnouncementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            announcement = actions.announcement_create(
                author=request.user,
                club=club,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Sent. Every member gets it by e-mail."))
            return redirect(_url(request, "announcement", slug=club.slug, pk=announcement.pk))
    return render(
        request,
        "clubs/announcement_form.html",
        {"club": club, "form": form, "recipients": max(0, club.member_count - 1)},
        status=_status(request),
    )


@neighbourhood_view("clubs.club.create")
def members_text(request, slug):
    club = _board_club(request, slug)
    form = MembersTextForm(posted(request), initial={"text": club.members_text})
    if request.method == "POST" and form.is_valid():
        actions.members_text_update(actor=request.user, club=club, text=form.cleaned_data["text"])
        messages.success(request, _("The information for members is saved."))
        return redirect(_url(request, "members", slug=club.slug))
    return render(
        request, "clubs/members_text.html", {"club": club, "form": form}, status=_status(request)
    )


@neighbourhood_view("clubs.club.create")
def membership(request, slug):
    """What I show the other members (e-mail, phone)."""
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    member = selectors.membership_in(viewer, club)
    if member is None or not member.is_active:
        raise PermissionDenied
    form = MembershipForm(
        posted(request), initial={"show_email": member.show_email, "phone": member.phone}
    )
    if request.method == "POST" and form.is_valid():
        actions.membership_update(
            member=member,
            show_email=form.cleaned_data["show_email"],
            phone=form.cleaned_data["phone"],
        )
        messages.success(request, _("Saved. The other members see what you chose."))
        return redirect(_url(request, "members", slug=club.slug))
    return render(
        request,
        "clubs/membership.html",
        {"club": club, "member": member, "form": form},
        status=_status(request),
    )


# --- the board ---------------------------------------------------------------------------------


def _manage_context(request, club, **extra) -> dict:
    return {
        "club": club,
        "requests": selectors.pending_requests(club),
        "page": selectors.members(club, after=request.GET.get("after")),
        "roles": [("board", _("Board")), ("member", _("Member"))],
        **extra,
    }


@neighbourhood_view("clubs.club.create")
def manage(request, slug):
    club = _board_club(request, slug)
    context = _manage_context(request, club)
    if request.htmx and request.GET.get("after"):
        return render(request, "clubs/manage.html#manage_page", context)
    return render(request, "clubs/manage.html", context)


@require_POST
@neighbourhood_view("clubs.club.create")
def answer(request, slug, pk):
    """Yes or no to a request to join."""
    club = _board_club(request, slug)
    member = selectors.access_member(viewer_for(request), club, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "clubs/manage.html",
            _manage_context(request, club, error=_("Choose yes or no.")),
            status=400,
        )
    approve = form.cleaned_data["answer"] == "approve"
    try:
        actions.request_answer(actor=request.user, member=member, approve=approve)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        name = member.user.display_name
        messages.success(
            request,
            _("%(name)s is a member now and hears it by e-mail.") % {"name": name}
            if approve
            else _("The request of %(name)s is declined; they hear it by e-mail.") % {"name": name},
        )
    return redirect(_url(request, "manage", slug=club.slug))


@require_POST
@neighbourhood_view("clubs.club.create")
def member_role(request, slug, pk):
    club = _board_club(request, slug)
    member = selectors.access_member(viewer_for(request), club, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "clubs/manage.html",
            _manage_context(request, club, error=_("Choose board or member.")),
            status=400,
        )
    try:
        actions.member_set_role(actor=request.user, member=member, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is on the board now.") % {"name": member.user.display_name}
            if member.is_board
            else _("%(name)s is a member (not on the board) now.")
            % {"name": member.user.display_name},
        )
    return redirect(_url(request, "manage", slug=club.slug))


@neighbourhood_view("clubs.club.create")
def member_remove(request, slug, pk):
    club = _board_club(request, slug)
    member = selectors.access_member(viewer_for(request), club, pk)
    if request.method == "POST":
        try:
            actions.member_remove(actor=request.user, member=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is no longer a member.") % {"name": member.user.display_name},
            )
        return redirect(_url(request, "manage", slug=club.slug))
    return render(request, "clubs/member_remove.html", {"club": club, "member": member})


# --- reporting and moderation ------------------------------------------------------------------


@neighbourhood_view("clubs.club.create")
def report(request, slug):
    """Report a club to the buurtverbinders (moderation queue)."""
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    if not can(viewer, "clubs.club.report", club):
        raise PermissionDenied
    intro = _(
        "Is something not okay with this club page? A buurtverbinder looks at your report. "
        "The board does not see who reported it."
    )
    return report_page(
        request,
        club,
        summary=club.organisation.name,
        back_url=_club_url(request, club),
        intro=intro,
    )


@neighbourhood_view("clubs.club.moderate")
def moderate(request, slug):
    """A buurtverbinder hides, shows again or removes a club (audit-logged)."""
    viewer = viewer_for(request)
    club = selectors.access_club(viewer, slug)
    form = ModerateForm(posted(request), club=club)
    if request.method == "POST" and form.is_valid():
        state = form.cleaned_data["state"]
        try:
            actions.club_moderate(actor=request.user, club=club, state=state)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if state == State.REMOVED:
                messages.success(request, _("The club is removed."))
                return redirect(_url(request, "list"))
            messages.success(
                request,
                _("The club is hidden. Its board still sees it.")
                if state == State.HIDDEN
                else _("The club is shown again."),
            )
            return redirect(_club_url(request, club))
    return render(
        request, "clubs/moderate.html", {"club": club, "form": form}, status=_status(request)
    )
