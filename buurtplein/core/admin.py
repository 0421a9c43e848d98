from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from buurtplein.core.components import switchable_components
from buurtplein.core.images import process_image
from buurtplein.core.models import (
    AuditEntry,
    Membership,
    Neighbourhood,
    NeighbourhoodDomain,
    Postcode,
    Region,
)
from buurtplein.core.tasks import retry_failed


class NeighbourhoodForm(forms.ModelForm):
    components = forms.MultipleChoiceField(
        label=_("Components"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Switch parts of Buurtplein on or off for this neighbourhood."),
    )

    class Meta:
        model = Neighbourhood
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["components"].choices = [(c.label, c.name) for c in switchable_components()]

    def clean_logo(self):
        """A new logo goes through the photo pipeline like every upload (metadata stripped)."""
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            return process_image(logo, {"logo": 256})["logo"].file
        return logo


class DomainInline(admin.TabularInline):
    model = NeighbourhoodDomain
    extra = 0


class PostcodeInline(admin.TabularInline):
    model = Postcode
    extra = 1


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    form = NeighbourhoodForm
    list_display = ["name", "slug", "kind", "municipality", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DomainInline, PostcodeInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "municipality", "is_active"]}),
        (_("Texts"), {"fields": ["tagline_nl", "tagline_en", "intro_nl", "intro_en"]}),
        (_("Look"), {"fields": ["colour_primary", "colour_accent", "logo"]}),
        (_("Components"), {"fields": ["components"]}),
        (
            _("Contact person for privacy"),
            {
                "fields": [
                    "privacy_contact_name",
                    "privacy_contact_email",
                    "privacy_contact_phone",
                    "privacy_contact_organisation",
                ],
                "description": _(
                    "Shown on the page 'Privacy in your neighbourhood'. The neighbourhood's admins "
                    "can also change it there. Empty: the platform's contact is shown."
                ),
            },
        ),
    ]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["neighbourhoods"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "neighbourhood", "role", "status", "joined_at"]
    list_filter = ["role", "status", "neighbourhood"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]
    list_select_related = ["user", "neighbourhood"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "neighbourhood", "actor", "action", "object_id"]
    list_filter = ["action", "neighbourhood"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Background tasks: failed ones visible, and retryable ------------------------------------


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's read-only view of the task queue, with the number of runs, the last
    error, and "Retry" for failed tasks (docs/operations.md)."""

    list_display = [
        "id",
        "task_name",
        "status",
        "attempts",
        "error",
        "enqueued_at",
        "started_at",
        "finished_at",
        "display_run_after",
    ]
    list_filter = ["status", "task_path", "queue_name"]
    actions = ["retry"]

    @admin.display(description=_("runs"))
    def attempts(self, obj: DBTaskResult) -> int:
        return len(obj.worker_ids)

    @admin.display(description=_("last error"))
    def error(self, obj: DBTaskResult) -> str:
        return obj.exception_class_path.rsplit(".", 1)[-1]

    def has_retry_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(description=_("Retry the selected failed tasks"), permissions=["retry"])
    def retry(self, request, queryset):
        count = retry_failed(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d failed task is queued again.",
                "%(count)d failed tasks are queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
