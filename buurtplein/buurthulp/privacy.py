"""What buurthulp holds about a person, for their data export (AVG/GDPR, article 15)."""

from django.db.models import Q
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
                "when": r.when,
                "best_time_of_day": r.dayparts,
                "postcode": r.postcode,
                "posted_by_someone_else": r.created_by_id is not None,
                "consent_method": r.consent_method,
                # Asked for a resident without an account: their first name, how they are
                # reached and until when they agreed (they have no export of their own).
                "for_resident_without_account": r.resident_name,
                "resident_contact": r.resident_contact,
                "resident_phone": r.resident_phone,
                "resident_consent_until": r.resident_consent_until.isoformat()
                if r.resident_consent_until
                else None,
                "closed_at": r.closed_at.isoformat() if r.closed_at else None,
            }
            for r in HelpRequest.objects.filter(asker=user).select_related("neighbourhood")
        ]
        # As a buurtverbinder or professional: what they did for others' requests (the
        # request's title, never the asker's name or text).
        for_others = [
            {
                "neighbourhood": r.neighbourhood.name,
                "request": r.title,
                "you_posted_it_for_someone": r.created_by_id == user.pk,
                "consent_method": r.consent_method if r.created_by_id == user.pk else None,
                "you_picked_it_up": r.picked_up_by_id == user.pk,
                "picked_up_at": r.picked_up_at.isoformat()
                if r.picked_up_by_id == user.pk and r.picked_up_at
                else None,
                "created_at": r.created_at.isoformat(),
            }
            for r in HelpRequest.objects.filter(Q(created_by=user) | Q(picked_up_by=user))
            .exclude(asker=user)
            .select_related("neighbourhood")
            .order_by("created_at", "pk")
        ]
        suggested = [
            {
                "request": m.request.title,
                "note_to_the_asker": m.note,
                "created_at": m.created_at.isoformat(),
            }
            for m in HelpMatch.objects.filter(suggested_by=user)
            .exclude(helper=user)
            .select_related("request")
            .order_by("created_at", "pk")
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
        "requests_you_handled_for_others": for_others,
        "helpers_you_suggested": suggested,
    }
