"""What feedback holds about a person (data export) and forgetting them (account deletion).

An anonymous answer holds no person, so it is not in the export and stays as it is (nobody can
tell whose it is). Answers with a name lose the name and the sentence. Complaints the person
made lose every personal detail (as after the retention period); the row stays for the figures,
which therefore do not change. Notes they wrote as an owner lose their name.
"""

from django_scopes import scopes_disabled

from buurtplein.feedback.models import Answer, AnsweredMonth, Complaint, ComplaintNote
from buurtplein.feedback.retention import COMPLAINT_CLEARED


def clear_complaints(queryset) -> int:
    """Remove everything personal from these complaints and delete their notes."""
    with scopes_disabled():
        pks = list(queryset.values_list("pk", flat=True))
        ComplaintNote.objects.filter(complaint_id__in=pks).delete()
        return Complaint.objects.filter(pk__in=pks).update(**COMPLAINT_CLEARED)


def export(user) -> dict:
    with scopes_disabled():
        answers = [
            {
                "neighbourhood": a.neighbourhood.name,
                "about": a.organisation.name if a.organisation else "",
                "score": a.score,
                "sentence": a.text,
                "answered_at": a.created_at.isoformat(),
            }
            for a in Answer.objects.filter(person=user)
            .select_related("neighbourhood", "organisation")
            .order_by("created_at")
        ]
        complaints = [
            {
                "neighbourhood": c.neighbourhood.name,
                "about": c.organisation.name if c.organisation else "",
                "complaint": c.text,
                "wish": c.wish,
                "state": c.state,
                "received_at": c.received_at.isoformat(),
                "outcome": c.outcome,
                "outcome_text": c.outcome_text,
            }
            for c in Complaint.objects.filter(person=user)
            .select_related("neighbourhood", "organisation")
            .order_by("received_at")
        ]
    return {"recommendations": answers, "complaints": complaints}


def erase(user) -> None:
    with scopes_disabled():
        Answer.objects.filter(person=user).update(person=None, text="")
        AnsweredMonth.objects.filter(user=user).delete()
        clear_complaints(Complaint.objects.filter(person=user))
        Complaint.objects.filter(owner=user).update(owner=None)
        ComplaintNote.objects.filter(author=user).update(author=None)
