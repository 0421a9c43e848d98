"""Writes about people: set-up, joining, verification, profiles."""

from buurtplein.accounts.models import Profile


def user_setup(*, user) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile
