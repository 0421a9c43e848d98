"""What moderation holds about a person, for their data export (AVG/GDPR article 15): the
reports they made (what kind of thing, why, their explanation, what became of it). Not the
reported content itself, and never who reported the person."""

from django_scopes import scopes_disabled

from buurtplein.moderation.models import Report


def export(user) -> dict:
    with scopes_disabled():
        reports = [
            {
                "neighbourhood": report.neighbourhood.name,
                "what": report.content_type.model,
                "reason": report.reason,
                "explanation": report.note,
                "status": report.status,
                "reported_at": report.created_at.isoformat(),
            }
            for report in Report.objects.filter(reporter=user)
            .select_related("neighbourhood", "content_type")
            .order_by("created_at", "pk")
        ]
    return {"reports_you_made": reports}
