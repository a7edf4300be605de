from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    """Read-only here: roles change on the role management page, with a reason."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_by", "granted_at", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed: credentials change only through their owner or a service."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UserNameForm(forms.ModelForm):
    """Only the names: Django's own user form would carry the password field."""

    class Meta:
        model = User
        fields = ["first_name", "last_name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People's names and status, read here. Their credentials are theirs: no password
    form, no address change, no deleting (an administrator closes an account on the
    page People and roles, through `account_close`, with a reason)."""

    ordering = ["email"]
    list_display = ["email", "first_name", "is_active", "date_joined"]
    search_fields = ["email", "first_name"]
    list_filter = ["is_active", "role_assignments__role"]
    readonly_fields = [
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Personal data"), {"fields": ["first_name", "last_name"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    form = UserNameForm
    inlines = [RoleAssignmentInline]
    filter_horizontal = []
    actions = None

    def get_urls(self):
        # Django's "change this person's password" page is not offered at all.
        return [url for url in super().get_urls() if url.name != "auth_user_password_change"]

    def has_add_permission(self, request):
        # People sign up themselves and verify their own address.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# allauth registers these as editable; here they are read-only and the TOTP secret
# (the `data` field) is not shown at all.
admin.site.unregister(Authenticator)
admin.site.unregister(EmailAddress)


@admin.register(Authenticator)
class AuthenticatorAdmin(ReadOnlyAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    fields = ["user", "type", "created_at", "last_used_at"]


@admin.register(EmailAddress)
class EmailAddressAdmin(ReadOnlyAdmin):
    list_display = ["email", "user", "primary", "verified"]
    list_filter = ["primary", "verified"]
    search_fields = ["email"]
    fields = ["email", "user", "primary", "verified"]


# Roles, not Django groups, say what someone may do.
admin.site.unregister(Group)
