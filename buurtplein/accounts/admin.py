from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtplein.accounts.actions import account_erase
from buurtplein.accounts.models import (
    Interest,
    InviteCode,
    Organisation,
    Profile,
    User,
    VerificationLog,
)
from buurtplein.core.search import organisation_renamed


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Rights"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    # Deleting a person here is erasing them (AVG/GDPR article 17), by the same path as "Delete
    # my account": every component's erase, the photo files, the admin log (a plain delete
    # kept their private message texts and their name in the log). The bulk action "Delete
    # selected" calls ``delete_queryset``.
    def delete_model(self, request, obj):
        account_erase(user=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in list(queryset):
            account_erase(user=user, actor=request.user)

    def response_delete(self, request, obj_display, obj_id):
        # Django's message names the person; it would be kept in the admin's session.
        self.message_user(request, _("The account was erased."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:accounts_user_changelist"))


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "kind", "slug"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "street", "updated_at"]
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["neighbourhoods", "staff"]

    def get_readonly_fields(self, request, obj=None):
        # A club's staff is its board, kept by the clubs component from the club's members
        # (clubs.actions._sync_board): changed here, the two would disagree. The board is
        # changed on the club's members page.
        if obj is not None and obj.clubs.exists():  # the admin runs unscoped
            return [*super().get_readonly_fields(request, obj), "staff"]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # Its club page, activities, vacancies and services are found by its name.
            organisation_renamed(obj)


@admin.register(InviteCode)
class InviteCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "neighbourhood", "note", "use_count", "max_uses", "is_active"]
    list_filter = ["neighbourhood", "is_active"]


@admin.register(VerificationLog)
class VerificationLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "neighbourhood", "membership", "method"]
    list_filter = ["method", "neighbourhood"]
