"""Rules of the square, registered with the one permission chain."""

from buurtplein.core.permissions import rule


@rule("square.feed.view")
def _view_feed(viewer, obj):
    return True


@rule("square.members_posts.view")
def _view_members_posts(viewer, obj):
    """Members-only posts are for verified neighbours."""
    return viewer.is_member


@rule("square.post.view")
def _view_post(viewer, obj):
    return obj is not None and (obj.is_public or viewer.is_member)


@rule("square.post.create")
def _create_post(viewer, obj):
    return viewer.is_member


@rule("square.post.edit")
def _edit_post(viewer, obj):
    return viewer.is_member and obj is not None and viewer.is_self(obj.author)


@rule("square.post.delete")
def _delete_post(viewer, obj):
    return viewer.is_member and (viewer.is_connector or viewer.is_self(obj.author))


@rule("square.post.pin")
def _pin_post(viewer, obj):
    return viewer.is_connector


@rule("square.post.interact")
def _interact(viewer, obj):
    """Comment, react, save and report."""
    return viewer.is_member


@rule("square.comment.delete")
def _delete_comment(viewer, obj):
    return viewer.is_member and (viewer.is_connector or viewer.is_self(obj.author))
