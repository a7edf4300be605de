from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("werkplek/", views.werkplek_view, name="werkplek"),
    path("tweede-factor/", views.second_factor_start_view, name="second_factor_start"),
    path(
        "tweede-factor/instellen/<str:token>/",
        views.second_factor_enrol_view,
        name="second_factor_enrol",
    ),
    path("mijn-gegevens/", views.account_overview_view, name="overview"),
    path("mijn-gegevens/contact/", views.account_contact_view, name="contact"),
    path("mijn-gegevens/download/", views.account_export_view, name="export"),
    path("mijn-gegevens/bekijken/", views.account_data_view, name="data"),
    path("mijn-gegevens/verwijderen/", views.account_delete_view, name="delete"),
    path("beheer/gebruikers/", views.user_list_view, name="user_list"),
    path("beheer/gebruikers/<int:pk>/", views.user_detail_view, name="user_detail"),
    path("beheer/gebruikers/<int:pk>/rol-toekennen/", views.role_grant_view, name="role_grant"),
    path("beheer/gebruikers/<int:pk>/rol-intrekken/", views.role_revoke_view, name="role_revoke"),
    path(
        "beheer/gebruikers/<int:pk>/account-sluiten/",
        views.account_close_view,
        name="account_close",
    ),
]
