from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up creates the profile and remembers the language the person signed up in."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = (translation.get_language() or "nl").split("-")[0]
        if commit:
            from buurtplein.accounts.actions import user_setup

            user.save()
            user_setup(user=user)
        return user
