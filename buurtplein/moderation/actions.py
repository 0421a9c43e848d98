"""Reports of content. The moderation queue that handles them comes with capability 12."""

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
