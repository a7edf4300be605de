from django.contrib import admin

from .models import Initiative, Offer


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for support and audits; changes go through the pages and their services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["title", "neighbourhood", "status", "stage", "submitted_at", "is_hidden"]
    list_filter = ["status", "stage", "is_hidden", "neighbourhood"]
    search_fields = ["title", "summary"]


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["title", "partner", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "description"]
