"""Rules of stories and testimonials, registered with the one permission chain.

* **Who tells.** Every verified member may tell a story; professionals, admins and the staff
  of an organisation (for stories about it) too. A resident's story waits for review: a
  professional or admin of the neighbourhood (a story without organisation) or the
  organisation's staff (a story about it) approve it before it is published or goes into a
  report. Their own stories are approved at once.
* **Who sees.** Members see the published stories (approved, every person in them consents to
  the website today). The author sees their own; who looks after a story (above) sees it in
  every state, with its consent register. An organisation never sees another's unpublished
  stories, nor its register; another neighbourhood sees nothing.
* **Consent.** The author and who looks after the story add people: a member is asked in the
  app (they confirm with one click on "Toestemmingen over mij"); consent given on paper is
  registered only by a professional, an admin or the organisation's staff, who are recorded.
  The person withdraws (their page, or the secret link on paper), and so may the author and
  who looks after the story, "through the professional".
* **Testimonials.** Any verified member recommends an organisation active here; its staff
  approve it, register one given on paper, and withdraw its consent for the person.
"""

from buurtplein.core.permissions import rule
from buurtplein.stories.models import State
from buurtplein.stories.selectors import manages, manages_testimonials


def _is_author(viewer, story) -> bool:
    return story.author_id is not None and viewer.is_self(story.author)


@rule("stories.list.view")
def _view_list(viewer, obj):
    return viewer.is_member


@rule("stories.list.nav")
def _list_in_navigation(viewer, obj):
    """ "Verhalen" in the navigation: for who tells and looks after stories for their work
    (professionals and admins). The staff of an organisation find its stories on the
    organisation's page; residents through the home and an organisation's page, and their
    consents through the e-mail that asks them. Asks nothing of the database: the navigation
    is on every page of every member."""
    return viewer.is_member and (viewer.is_professional or viewer.is_admin)


@rule("stories.story.create")
def _create(viewer, obj):
    return viewer.is_member


@rule("stories.story.view")
def _view(viewer, obj):
    """``obj`` comes from ``selectors.access_story`` (annotated with ``shown``)."""
    return (
        obj is not None
        and viewer.is_member
        and (
            getattr(obj, "shown", False)
            or _is_author(viewer, obj)
            or manages(viewer, obj.organisation_id)
        )
    )


@rule("stories.story.register")
def _register(viewer, obj):
    """See the story's consent register (who is in it, what they allowed, how, by whom)."""
    return (
        obj is not None
        and viewer.is_member
        and (_is_author(viewer, obj) or manages(viewer, obj.organisation_id))
    )


@rule("stories.story.edit")
def _edit(viewer, obj):
    """Edit the story and add people to it."""
    return (
        obj is not None
        and viewer.is_member
        and (_is_author(viewer, obj) or manages(viewer, obj.organisation_id))
    )


@rule("stories.story.delete")
def _delete(viewer, obj):
    return _edit(viewer, obj)


@rule("stories.story.review")
def _review(viewer, obj):
    return obj is not None and obj.state == State.REVIEW and manages(viewer, obj.organisation_id)


@rule("stories.consent.paper")
def _paper(viewer, obj):
    """Register consent given on paper: professionals and admins, and the organisation's
    staff for its stories and testimonials (``obj``: the story, or the organisation's id)."""
    if not viewer.is_member:
        return False
    if viewer.is_professional or viewer.is_admin:
        return True
    organisation_id = obj if isinstance(obj, int) else getattr(obj, "organisation_id", None)
    return organisation_id is not None and manages(viewer, organisation_id)


@rule("stories.consent.confirm")
def _confirm(viewer, obj):
    return (
        obj is not None
        and obj.is_pending
        and obj.person_id is not None
        and viewer.is_self(obj.person)
    )


@rule("stories.consent.withdraw")
def _withdraw(viewer, obj):
    """``obj`` comes from ``selectors.access_consent``: the person, the author, or who looks
    after the story or the organisation."""
    return obj is not None and viewer.is_member and obj.withdrawn_at is None


@rule("stories.mine.view")
def _view_mine(viewer, obj):
    return viewer.is_member


@rule("stories.link.use")
def _use_link(viewer, obj):
    """The withdrawal page of a secret link: anyone who has the link."""
    return True


@rule("stories.testimonial.create")
def _testimonial_create(viewer, obj):
    return viewer.is_member


@rule("stories.testimonial.manage")
def _testimonial_manage(viewer, obj):
    """``obj``: an organisation's id (or a testimonial); without, staff of any here."""
    if not viewer.is_member:
        return False
    if obj is None:
        from buurtplein.accounts.selectors import staff_org_ids

        return bool(staff_org_ids(viewer))
    organisation_id = obj if isinstance(obj, int) else obj.organisation_id
    return manages_testimonials(viewer, organisation_id)
