from django.contrib import admin

from .models import ExpertiseArea


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}
