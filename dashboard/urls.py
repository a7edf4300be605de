from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/<slug:key>.csv", views.figure_csv_view, name="figure_csv"),
    path("cijfers/", views.public_figures_view, name="public"),
    path("cijfers/<slug:key>.csv", views.public_figure_csv_view, name="public_csv"),
    path("beheer/begroting/", views.budget_lines_view, name="budget_lines"),
    path("beheer/begroting/<int:pk>/", views.budget_line_edit_view, name="budget_line_edit"),
    path(
        "beheer/begroting/<int:pk>/verwijderen/",
        views.budget_line_delete_view,
        name="budget_line_delete",
    ),
]
