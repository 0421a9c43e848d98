"""Platform admins bring deleted information pages back (with their history) in /admin/.
Pages are never removed for good here: the history must stay, and editing goes through the
neighbourhood's own pages (which make versions)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from buurtplein.infopages import actions
from buurtplein.infopages.models import CheckState, InfoPage, InfoPageVersion


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", _("Deleted")), ("no", _("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


class VersionInline(admin.TabularInline):
    model = InfoPageVersion
    fields = ["number", "title", "note", "author", "restored_from", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "neighbourhood",
        "slug",
        "version",
        "checked_at",
        "check_state_label",
        "deleted_at",
    ]
    list_filter = [DeletedFilter, "neighbourhood", "visibility"]
    search_fields = ["title", "slug"]
    list_select_related = ["neighbourhood"]
    readonly_fields = [f.name for f in InfoPage._meta.fields]
    inlines = [VersionInline]
    actions = ["restore_deleted"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("check"))
    def check_state_label(self, obj):
        return CheckState(obj.check_state()).label

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Bring the chosen deleted pages back"))
    def restore_deleted(self, request, queryset):
        restored = 0
        for page in queryset.filter(deleted_at__isnull=False).select_related(
            "neighbourhood", "parent"
        ):
            actions.page_undelete(actor=request.user, page=page)
            restored += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d page is back, with its history.",
                "%(count)d pages are back, with their history.",
                restored,
            )
            % {"count": restored},
            messages.SUCCESS,
        )
