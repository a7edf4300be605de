from django.contrib import admin

from .models import Initiative, Neighbourhood, Offer, Theme


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "population", "population_year"]
    search_fields = ["name", "cbs_code"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


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
