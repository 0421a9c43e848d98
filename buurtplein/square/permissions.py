"""Rules of the square, registered with the one permission chain."""

from buurtplein.core.permissions import rule


@rule("square.feed.view")
def _view_feed(viewer, obj):
    return True
