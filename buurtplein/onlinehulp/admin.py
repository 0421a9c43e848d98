from django.contrib import admin

from buurtplein.onlinehulp.models import ConsultationHour, Desk, DeskOrganisation


class HourInline(admin.TabularInline):
    model = ConsultationHour
    extra = 1


class ParticipantInline(admin.TabularInline):
    model = DeskOrganisation
    extra = 1
    filter_horizontal = ["coordinators"]
    raw_id_fields = ["organisation"]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    """A region's online help: its hours and the organisations that staff it. Chats and
    questions are not in the admin: only their workers read them, in the console."""

    list_display = ["name", "region", "is_active"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HourInline, ParticipantInline]
