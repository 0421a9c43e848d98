from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


class UserLanguageMiddleware:
    """Dutch unless the person chose otherwise.

    The language switch sets a cookie (and, for a logged-in person, ``User.language``, so the
    choice follows them to every device). The browser's Accept-Language is not used: many
    Dutch residents have an English browser and expect their neighbourhood in Dutch.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request):
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = cookie if cookie in self.languages else None
        user = getattr(request, "user", None)
        if language is None and user is not None and user.is_authenticated:
            language = user.language if user.language in self.languages else None
        language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequireMFAMiddleware:
    """Buurtverbinders, professionals and admins must set up two-step log-in before they go on
    (when required: ``accounts.selectors.must_set_up_mfa``, the websocket uses it too)."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path_info.startswith(
            self.ALLOWED_PREFIXES
        ):
            from buurtplein.accounts.selectors import must_set_up_mfa

            if must_set_up_mfa(request.user, membership=getattr(request, "membership", None)):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
