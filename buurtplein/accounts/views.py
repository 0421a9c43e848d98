"""Pages about people in a neighbourhood: joining, neighbours, profiles, invites, organisations."""

import io
from datetime import datetime, time

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts import actions, selectors
from buurtplein.accounts.forms import InviteForm, JoinForm, ProfileForm, RoleForm, profile_initial
from buurtplein.accounts.models import LANGUAGE_CHOICES
from buurtplein.core import ratelimit
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.organisation_blocks import contact_visible, page_blocks
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.profile_blocks import profile_blocks
from buurtplein.core.urls import nb_reverse


def _nb_url(request, name, **kwargs):
    return nb_reverse(name, request.neighbourhood, request=request, kwargs=kwargs)


@neighbourhood_view()
def join(request):
    viewer = viewer_for(request)
    if not viewer.is_authenticated:
        # Invite links are handed out on paper: a newcomer first makes an account.
        return redirect(
            f"{reverse('account_signup')}?{urlencode({'next': request.get_full_path()})}"
        )
    if viewer.is_member or viewer.is_pending:
        return redirect(_nb_url(request, "nb:home"))
    if not can(viewer, "members.join"):
        raise PermissionDenied
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.membership_join(
                user=request.user,
                neighbourhood=request.neighbourhood,
                postcode=form.cleaned_data["postcode"],
                code=form.cleaned_data["code"],
                ip=ratelimit.client_ip(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for message in errors:
                        form.add_error(field, message)
            else:
                form.add_error(None, error)
        else:
            if membership.is_verified:
                messages.success(
                    request,
                    _("Welcome to %(name)s! You can now see everything your neighbours share.")
                    % {"name": request.neighbourhood.name},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! A buurtverbinder will check your request soon. "
                        "We will e-mail you."
                    ),
                )
            return redirect(_nb_url(request, "nb:home"))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/join.html", {"form": form}, status=status)


@neighbourhood_view("members.directory.view")
def neighbour_list(request):
    viewer = viewer_for(request)
    query = request.GET.get("q", "").strip()[:60]
    page = selectors.neighbours(viewer, after=request.GET.get("after"), query=query)
    return render(
        request,
        "accounts/neighbours.html",
        {
            "page": page,
            "query": query,
            "figures": selectors.join_figures(request.neighbourhood),
            "pending_count": (
                len(selectors.pending_members(viewer)) if can(viewer, "members.approve") else 0
            ),
        },
    )


@neighbourhood_view()
def neighbour_profile(request, user_id):
    viewer = viewer_for(request)
    membership = selectors.access_member(viewer, user_id)
    profile = membership.user.profile
    return render(
        request,
        "accounts/profile.html",
        {
            "member": membership,
            "person": membership.user,
            "profile": profile,
            "show": selectors.visible_profile(viewer, profile),
            "languages": [label for code, label in LANGUAGE_CHOICES if code in profile.languages],
            "blocks": profile_blocks(membership.user, request.neighbourhood, viewer),
            "role_form": (
                RoleForm(
                    neighbourhood=request.neighbourhood,
                    initial={"role": membership.role, "organisation": membership.organisation},
                )
                if can(viewer, "members.role.change") and not viewer.is_self(membership.user)
                else None
            ),
        },
    )


@require_POST
@neighbourhood_view("members.role.change")
def member_role(request, pk):
    viewer = viewer_for(request)
    membership = selectors.access_membership(viewer, pk)
    form = RoleForm(request.POST, neighbourhood=request.neighbourhood)
    if form.is_valid() and not viewer.is_self(membership.user):
        actions.membership_set_role(
            actor=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
            organisation=form.cleaned_data["organisation"],
        )
        messages.success(request, _("The role is changed."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_nb_url(request, "nb:member", user_id=membership.user_id))


@neighbourhood_view("members.approve")
def pending(request):
    viewer = viewer_for(request)
    return render(request, "accounts/pending.html", {"pending": selectors.pending_members(viewer)})


@require_POST
@neighbourhood_view("members.approve")
def approve(request, pk):
    membership = selectors.access_pending(viewer_for(request), pk)
    actions.membership_approve(actor=request.user, membership=membership)
    messages.success(
        request, _("%(name)s is welcome now.") % {"name": membership.user.display_name}
    )
    return redirect(_nb_url(request, "nb:pending"))


@require_POST
@neighbourhood_view("members.approve")
def reject(request, pk):
    membership = selectors.access_pending(viewer_for(request), pk)
    actions.membership_reject(actor=request.user, membership=membership)
    messages.success(
        request, _("The request of %(name)s is declined.") % {"name": membership.user.display_name}
    )
    return redirect(_nb_url(request, "nb:pending"))


@neighbourhood_view("members.invites.manage")
def invites(request):
    viewer = viewer_for(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data["expires_at"]
        invite = actions.invite_create(
            actor=request.user,
            neighbourhood=request.neighbourhood,
            note=form.cleaned_data["note"],
            max_uses=form.cleaned_data["max_uses"],
            expires_at=(
                timezone.make_aware(datetime.combine(expires, time.max)) if expires else None
            ),
        )
        messages.success(request, _("New invite code: %(code)s") % {"code": invite.code})
        return redirect(_nb_url(request, "nb:invites"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/invites.html",
        {"form": form, "invites": selectors.invites(viewer)},
        status=status,
    )


def _join_link(request, invite):
    path = _nb_url(request, "nb:join") + "?" + urlencode({"code": invite.code})
    return request.build_absolute_uri(path)


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


@neighbourhood_view("members.invites.manage")
def invite_card(request, pk):
    invite = selectors.access_invite(viewer_for(request), pk)
    link = _join_link(request, invite)
    return render(
        request,
        "accounts/invite_card.html",
        {"invite": invite, "link": link, "qr": mark_safe(_qr_svg(link))},  # noqa: S308 - generated
    )


@require_POST
@neighbourhood_view("members.invites.manage")
def invite_deactivate(request, pk):
    invite = selectors.access_invite(viewer_for(request), pk)
    actions.invite_deactivate(actor=request.user, invite=invite)
    messages.success(request, _("The code %(code)s no longer works.") % {"code": invite.code})
    return redirect(_nb_url(request, "nb:invites"))


@neighbourhood_view("members.organisations.view")
def organisation_list(request):
    return render(
        request,
        "accounts/organisations.html",
        {"organisations": selectors.organisations_here(request.neighbourhood)},
    )


@neighbourhood_view("members.organisations.view")
def organisation_detail(request, slug):
    """An organisation's page: what it is, how to reach it, who works here for it, and the
    blocks the components switched on here add (``Component.organisation_blocks``: its club
    page, activities, posts, requests for support, vacancies)."""
    organisation = selectors.access_organisation(request.neighbourhood, slug)
    viewer = viewer_for(request)
    neighbourhood = request.neighbourhood
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "professionals": selectors.organisation_professionals(organisation),
            "blocks": page_blocks("organisation", organisation, neighbourhood, viewer),
            "may_edit": organisation.pk in selectors.staff_org_ids(viewer),
            "contact_visible": contact_visible(organisation, neighbourhood, viewer),
        },
    )


@login_required
def profile_edit(request):
    user = request.user
    actions.user_setup(user=user)
    form = ProfileForm(request.POST or None, request.FILES or None, initial=profile_initial(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.profile_update(
            user=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            show_full_name=data["show_full_name"],
            intro=data["intro"],
            interests=data["interests"],
            skills=data["skills"],
            tags=data["tags"],
            languages=data["languages"],
            street=data["street"],
            visibility=form.visibility(),
            photo=data["photo"] or None,
            remove_photo=data["remove_photo"],
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("me:profile")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "profile": user.profile},
        status=status,
    )


HOME_MATCHES = 3  # a few on the home, to keep it short on a phone


def home_context(request) -> dict:
    """The members block on the neighbourhood home: neighbours who share your interests."""
    viewer = viewer_for(request)
    return {"matches": selectors.neighbours_sharing_interests(viewer, limit=HOME_MATCHES)}
