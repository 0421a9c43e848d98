"""The person's name in the header of every page."""

from django.utils.functional import SimpleLazyObject


def _header_name(request) -> str:
    user = request.user
    membership = getattr(request, "membership", None)
    full = getattr(membership, "shows_full_name", None)
    if full is not None and membership.user_id == user.pk:
        # Read with the membership (``accounts.selectors.shows_full_name``): no profile loaded.
        return user.name_shown(full=full)
    return user.display_name


def accounts(request) -> dict:
    """``header_name``: the logged-in person's name as it shows (``User.display_name``), read
    when the template shows it; on a neighbourhood page from the membership's
    ``shows_full_name``, so the header costs no query of its own."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"header_name": SimpleLazyObject(lambda: _header_name(request))}
