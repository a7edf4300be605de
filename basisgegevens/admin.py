from django.contrib import admin

from .models import ClosedDay, ExpertiseArea, Neighbourhood, Theme


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "population", "population_year"]
    search_fields = ["name", "cbs_code"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    """The days the municipality is closed: they do not count as working days."""

    list_display = ["date", "description"]
    date_hierarchy = "date"
