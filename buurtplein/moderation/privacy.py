"""What moderation holds about a person, for their data export (AVG/GDPR article 15): the
reports they made (what kind of thing, why, their explanation, what became of it) and the
decisions of buurtverbinders about their things (with their objection). Not the reported
content itself, and never who reported the person or which buurtverbinder decided."""

from django_scopes import scopes_disabled

from buurtplein.moderation.models import Decision, Report


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
        decisions = [
            {
                "neighbourhood": decision.neighbourhood.name,
                "about": decision.summary,
                "decision": decision.action,
                "message": decision.message,
                "decided_at": decision.created_at.isoformat(),
                "suspended_until": decision.suspended_until.isoformat()
                if decision.suspended_until
                else None,
                "your_objection": decision.appeal_text,
                "objection_outcome": decision.appeal,
            }
            for decision in Decision.objects.filter(author=user)
            .select_related("neighbourhood")
            .order_by("created_at", "pk")
        ]
    return {"reports_you_made": reports, "decisions_about_you": decisions}
