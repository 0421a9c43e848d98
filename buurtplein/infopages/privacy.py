"""What the information pages hold about a person (data export, AVG/GDPR article 15), forgetting
them (account deletion), and the figures the component contributes to reporting.

Erasing a person keeps the text and forgets the person: the pages and every version of them
belong to the neighbourhood's information and stay (with their "what did you change" notes),
but nothing points to the person any more — versions show "a former member", pages they kept up
to date have no owner (their check reminders go to the buurtverbinders), and the "checked by",
"changed by", "made by" and "deleted by" links are cleared.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.infopages.models import InfoPage, InfoPageVersion
from buurtplein.infopages.selectors import home_changed


def export(user) -> dict:
    with scopes_disabled():
        versions = [
            {
                "neighbourhood": version.neighbourhood.name,
                "page": version.page.title,
                "version": version.number,
                "title": version.title,
                "text": version.body,
                "quick_facts": version.facts,
                "note": version.note,
                "restored_from": version.restored_from,
                "created_at": version.created_at.isoformat(),
            }
            for version in InfoPageVersion.objects.filter(author=user)
            .select_related("neighbourhood", "page")
            .order_by("created_at", "pk")
        ]
        kept = [
            {"neighbourhood": page.neighbourhood.name, "page": page.title, "slug": page.slug}
            for page in InfoPage.objects.filter(owner=user, deleted_at__isnull=True)
            .select_related("neighbourhood")
            .order_by("pk")
        ]
        checked = [
            {"page": page.title, "checked_at": page.checked_at.isoformat()}
            for page in InfoPage.objects.filter(checked_by=user).order_by("pk")
        ]
        made_or_deleted = [
            {
                "neighbourhood": page.neighbourhood.name,
                "page": page.title,
                "you_made_it": page.created_by_id == user.pk,
                "you_changed_it_last": page.updated_by_id == user.pk,
                "you_deleted_it": page.deleted_by_id == user.pk,
                "deleted_at": page.deleted_at.isoformat() if page.deleted_at else None,
            }
            for page in InfoPage.objects.filter(
                Q(created_by=user) | Q(updated_by=user) | Q(deleted_by=user)
            )
            .select_related("neighbourhood")
            .order_by("pk")
        ]
    return {
        "information_pages_you_made_changed_or_deleted": made_or_deleted,
        "information_page_versions": versions,
        "information_pages_you_keep_up_to_date": kept,
        "information_pages_you_checked_last": checked,
    }


def erase(user) -> None:
    """Forget a person: the texts stay, every link to the person goes."""
    with scopes_disabled(), transaction.atomic():
        InfoPageVersion.objects.filter(author=user).update(author=None)
        owned_in = set(
            InfoPage.objects.filter(owner=user).values_list("neighbourhood_id", flat=True)
        )
        InfoPage.objects.filter(owner=user).update(owner=None)
        InfoPage.objects.filter(checked_by=user).update(checked_by=None)
        InfoPage.objects.filter(updated_by=user).update(updated_by=None)
        InfoPage.objects.filter(created_by=user).update(created_by=None)
        InfoPage.objects.filter(deleted_by=user).update(deleted_by=None)
        for neighbourhood_id in owned_in:
            home_changed(neighbourhood_id)


def stats(neighbourhood) -> dict:
    """Figures for reporting (two aggregate queries)."""
    now = timezone.now()
    with scope(neighbourhood=neighbourhood):
        pages = InfoPage.objects.filter(
            neighbourhood=neighbourhood, deleted_at__isnull=True
        ).aggregate(
            total=Count("id"),
            public=Count("id", filter=Q(visibility="public")),
            checked=Count("id", filter=Q(check_due_at__gt=now)),
            stale=Count("id", filter=Q(check_due_at__lte=now)),
        )
        versions = InfoPageVersion.objects.filter(neighbourhood=neighbourhood).count()
    return {
        "infopages_pages": pages["total"],
        "infopages_public": pages["public"],
        "infopages_checked_in_time": pages["checked"],
        "infopages_needing_a_check": pages["stale"],
        "infopages_versions": versions,
    }
