from django.contrib import admin

from buurtplein.moderation.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "neighbourhood", "reason", "status", "content_type", "object_id"]
    list_filter = ["status", "reason", "neighbourhood"]
