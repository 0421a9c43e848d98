"""Background work about people. Tasks take ids, reload, and re-enter the scope."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership


@task
def send_membership_decision(membership_id: int) -> None:
    """Tell a person, in their own language, whether they were let in."""
    with scopes_disabled():
        membership = (
            Membership.objects.select_related("user", "neighbourhood")
            .filter(pk=membership_id)
            .first()
        )
    if membership is None:
        return
    user = membership.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "membership": membership,
            "user": user,
            "site_name": settings.BUURTPLEIN_SITE_NAME,
            "base_url": settings.BUURTPLEIN_BASE_URL,
        }
        subject = render_to_string("accounts/email/decision_subject.txt", context).strip()
        body = render_to_string("accounts/email/decision_body.txt", context)
    send_mail(subject, body, None, [user.email])
