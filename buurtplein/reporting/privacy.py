"""What the reports hold about a person (data export) and forgetting them (account deletion).

The count tables hold no people: only numbers per month. A person appears as whoever made a
share link (``ReportShare.created_by``: the link is the organisation's, sent to the
municipality, so it stays, without them) and whoever asked for a PDF (``ReportJob``: theirs,
deleted with its file)."""

from django_scopes import scopes_disabled

from buurtplein.reporting.models import ReportJob, ReportShare


def export(user) -> dict:
    with scopes_disabled():
        return {
            "share_links_made": [
                {
                    "neighbourhood": share.neighbourhood.name,
                    "report_of": share.kind,
                    "period": share.period,
                    "for_whom": share.recipient,
                    "works_until": share.expires_on.isoformat(),
                    "stopped_at": share.revoked_at.isoformat() if share.revoked_at else None,
                    "created_at": share.created_at.isoformat(),
                }
                for share in ReportShare.objects.filter(created_by=user).select_related(
                    "neighbourhood"
                )
            ],
            "pdfs_asked_for": [
                {
                    "neighbourhood": job.neighbourhood.name,
                    "report_of": job.kind,
                    "period": job.period,
                    "state": job.state,
                    "created_at": job.created_at.isoformat(),
                }
                for job in ReportJob.objects.filter(requested_by=user).select_related(
                    "neighbourhood"
                )
            ],
        }


def erase(user) -> None:
    with scopes_disabled():
        # Deleted row by row (signals), so each PDF's file goes too (``own_files``).
        ReportJob.objects.filter(requested_by=user).delete()
        ReportShare.objects.filter(created_by=user).update(created_by=None)
