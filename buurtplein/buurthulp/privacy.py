"""What buurthulp holds about a person, for their data export (AVG/GDPR, article 15)."""

from django_scopes import scopes_disabled

from buurtplein.buurthulp.models import HelperProfile, HelpFollowUp, HelpMatch, HelpRequest


def export(user) -> dict:
    with scopes_disabled():
        helper_profiles = [
            {
                "neighbourhood": p.neighbourhood.name,
                "active": p.active,
                "skills": [s.name_nl for s in p.skills.all()],
                "interests": [i.name_nl for i in p.interests.all()],
                "likes_to_do": p.likes_to_do,
                "languages": p.languages,
                "availability": p.availability,
                "max_distance_km": p.max_distance_km,
            }
            for p in HelperProfile.objects.filter(user=user)
            .select_related("neighbourhood")
            .prefetch_related("skills", "interests")
        ]
        requests = [
            {
                "neighbourhood": r.neighbourhood.name,
                "title": r.title,
                "text": r.text,
                "topic": r.topic,
                "visibility": r.visibility,
                "state": r.state,
                "created_at": r.created_at.isoformat(),
                "posted_by_someone_else": r.created_by_id is not None,
                "consent_method": r.consent_method,
            }
            for r in HelpRequest.objects.filter(asker=user).select_related("neighbourhood")
        ]
        matches = [
            {
                "request": m.request.title,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
                "thanks": m.thanks_text,
            }
            for m in HelpMatch.objects.filter(helper=user).select_related("request")
        ]
        follow_ups = [
            {"request": f.request.title, "answer": f.answer}
            for f in HelpFollowUp.objects.filter(person=user).select_related("request")
        ]
    return {
        "helper_profiles": helper_profiles,
        "help_requests": requests,
        "asked_to_help": matches,
        "follow_ups": follow_ups,
    }
