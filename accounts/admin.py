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


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "is_active", "date_joined"]
    search_fields = ["email", "first_name"]
    list_filter = ["is_active", "role_assignments__role"]
    readonly_fields = ["is_staff", "is_superuser", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal data"), {"fields": ["first_name", "last_name"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "first_name", "password1", "password2"]})]
    inlines = [RoleAssignmentInline]
    filter_horizontal = []

    def has_add_permission(self, request):
        # People sign up themselves and verify their own address.
        return False


# Roles, not Django groups, say what someone may do.
admin.site.unregister(Group)
