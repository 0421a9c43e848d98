"""Background work about people. Tasks take ids, reload, and re-enter the scope."""

from django.tasks import task
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership
from buurtplein.core.tasks import enqueue_later, send_to


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
    send_to(membership.user, "accounts/email/decision", {"membership": membership})


@task
def build_data_export(export_id: int) -> None:
    """Make a person's "Download je gegevens" zip, then tell them once, by e-mail, that it is
    ready. Running it twice makes nothing twice and sends nothing twice."""
    from buurtplein.accounts import data_export

    export = data_export.build(export_id)
    if export is None:
        from buurtplein.accounts.models import DataExport

        export = DataExport.objects.select_related("user").filter(pk=export_id).first()
        if export is None or export.state != DataExport.State.READY:
            return
    if data_export.claim_email(export):
        try:
            send_to(export.user, "accounts/email/data_export", {"export": export})
        except Exception:
            data_export.release_email(export)
            raise
    enqueue_later(remove_expired_data_exports, export.expires_at)


@task
def remove_expired_data_exports() -> dict:
    """Delete the files of data exports past their 7 days (``data_export.remove_expired``);
    planned by each export for the moment it expires, and called by the retention round."""
    from buurtplein.accounts.data_export import remove_expired

    return remove_expired()
