from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


class UserLanguageMiddleware:
    """A logged-in person sees the language they chose, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = cookie if cookie in dict(settings.LANGUAGES) else user.language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequireMFAMiddleware:
    """Professionals and admins must set up two-step log-in before they go on (when required)."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF
            and request.user.is_authenticated
            and not request.path_info.startswith(self.ALLOWED_PREFIXES)
        ):
            from buurtplein.accounts.selectors import needs_mfa_setup

            if needs_mfa_setup(request.user):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
