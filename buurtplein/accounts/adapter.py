import re

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from buurtplein.core import ratelimit
from buurtplein.core.models import Membership, Neighbourhood
from buurtplein.core.selectors import user_memberships
from buurtplein.core.urls import nb_reverse

NEIGHBOURHOOD_PATH_RE = re.compile(r"^/b/(?P<slug>[-a-zA-Z0-9_]+)/")


def _signup_next(request) -> str:
    """The page a sign-up came from and goes back to (``next``: an invite's join page), when
    it is a page of this site."""
    if request is None:
        return ""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _neighbourhood_of(request) -> Neighbourhood | None:
    """The neighbourhood an account e-mail is about: the page's, or the one the sign-up was
    for (its ``next`` is the neighbourhood's join page)."""
    neighbourhood = getattr(request, "neighbourhood", None)
    if neighbourhood is not None or request is None:
        return neighbourhood
    match = NEIGHBOURHOOD_PATH_RE.match(_signup_next(request))
    return Neighbourhood.objects.filter(slug=match["slug"]).first() if match else None


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up creates the profile and keeps the language; log-in lands in your neighbourhood;
    the account e-mails are ours (``templates/account/email/``, ``templates/mfa/email/``)."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = (translation.get_language() or "nl").split("-")[0]
        if commit:
            from buurtplein.accounts.actions import user_setup

            user.save()
            user_setup(user=user)
        return user

    def pre_authenticate(self, request, **credentials):
        """A log-in locked out by too many failed tries (allauth's ``login_failed`` limit) shows
        the same friendly message on the form, answered with 429 like every rate limit."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            rates = (account_settings.RATE_LIMITS.get("login_failed") or "").split(",")
            ratelimit.refused(max(ratelimit.Rate.parse(rate).seconds for rate in rates))
            raise

    def get_login_redirect_url(self, request):
        """Without a ``next``: the person's neighbourhood if they have exactly one."""
        memberships = [
            m for m in user_memberships(request.user) if m.status != Membership.Status.REJECTED
        ]
        if len(memberships) == 1:
            return nb_reverse("nb:home", memberships[0].neighbourhood, request=request)
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails name the platform and the neighbourhood, never the host."""
        request = allauth_context.request
        context = {
            **context,
            "site_name": settings.BUURTPLEIN_SITE_NAME,
            "neighbourhood": _neighbourhood_of(request),
        }
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        """Plain text by the "text" template engine, like every other e-mail (nothing is
        HTML-escaped); no HTML part. The subject gets no "[site]" prefix."""
        context = {key: value for key, value in context.items() if key != "request"}
        subject = render_to_string(f"{template_prefix}_subject.txt", context, using="text")
        body = render_to_string(f"{template_prefix}_message.txt", context, using="text")
        to = [email] if isinstance(email, str) else email
        return EmailMessage(
            " ".join(subject.split()),
            body.strip() + "\n",
            self.get_from_email(),
            to,
            headers=headers,
        )

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link in the sign-up e-mail goes on to where the sign-up came from (an invite's
        join page). In the same browser, confirming logs the person in and goes there
        (``ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION``); opened elsewhere (the mail app of a phone),
        it asks to log in first and then goes there."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        after = _signup_next(request)
        if not after:
            return url
        log_in = f"{reverse('account_login')}?{urlencode({'next': after})}"
        return f"{url}?{urlencode({'next': log_in})}"
