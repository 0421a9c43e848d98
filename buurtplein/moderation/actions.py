"""Reports of content. The moderation queue that handles them comes with capability 12."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.moderation.models import Report


def report_create(*, reporter, target, reason: str, note: str = "") -> Report:
    """Store a report of a post or comment. One report per person per item."""
    ratelimit.check("report", user=reporter)
    content_type = ContentType.objects.get_for_model(target)
    if Report.objects.filter(
        reporter=reporter, content_type=content_type, object_id=target.pk
    ).exists():
        raise ValidationError(
            _("You already reported this. A buurtverbinder will look at it."), code="duplicate"
        )
    return Report.objects.create(
        neighbourhood_id=target.neighbourhood_id,
        reporter=reporter,
        content_type=content_type,
        object_id=target.pk,
        reason=reason,
        note=note.strip(),
    )


def erase_person(user) -> None:
    """Account deletion: reports the person made go, reports about them (their account,
    profile or a membership) go, and so do reports about content that is gone now (erased with
    its author: nothing is left to judge). Moderation's ``Component.erase``, run after every
    other component's."""
    from django.db.models import Q
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Profile
    from buurtplein.core.models import Membership

    def about(model, pks):
        return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=list(pks))

    with scopes_disabled():
        Report.objects.filter(reporter=user).delete()
        Report.objects.filter(
            about(get_user_model(), [user.pk])
            | about(Profile, Profile.objects.filter(user=user).values_list("pk", flat=True))
            | about(Membership, Membership.objects.filter(user=user).values_list("pk", flat=True))
        ).delete()
        for content_type_id in set(Report.objects.values_list("content_type_id", flat=True)):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            Report.objects.filter(content_type_id=content_type_id).exclude(
                object_id__in=model._base_manager.values("pk")
            ).delete()
