from django.urls import path

from . import views

app_name = "subsidies"

urlpatterns = [
    path("subsidies/", views.register_view, name="register"),
    path("subsidies/register.csv", views.register_csv_view, name="register_csv"),
    path("subsidies/regelingen/", views.scheme_list_view, name="schemes"),
    path("werkplek/subsidies/", views.grant_officer_view, name="grant_officer"),
    path("werkplek/subsidies/regelingen/nieuw/", views.scheme_create_view, name="scheme_create"),
    path("werkplek/subsidies/regelingen/<int:pk>/", views.scheme_edit_view, name="scheme_edit"),
    path("werkplek/subsidies/aanvragen/", views.application_queue_view, name="application_queue"),
    path("werkplek/subsidies/verantwoordingen/", views.review_queue_view, name="review_queue"),
    path(
        "initiatieven/<int:pk>/subsidie-aanvragen/",
        views.application_create_view,
        name="application_create",
    ),
    path(
        "initiatieven/<int:pk>/subsidies/",
        views.initiative_subsidies_view,
        name="initiative_subsidies",
    ),
    path(
        "initiatieven/<int:pk>/subsidie-vastleggen/",
        views.grant_record_view,
        name="grant_record",
    ),
    path("aanvragen/<int:pk>/", views.application_view, name="application"),
    path("aanvragen/<int:pk>/bewerken/", views.application_edit_view, name="application_edit"),
    path("aanvragen/<int:pk>/indienen/", views.application_submit_view, name="application_submit"),
    path(
        "aanvragen/<int:pk>/intrekken/",
        views.application_withdraw_view,
        name="application_withdraw",
    ),
    path(
        "aanvragen/<int:pk>/besluiten/", views.application_decide_view, name="application_decide"
    ),
    path("toekenningen/<int:pk>/", views.grant_view, name="grant"),
    path("toekenningen/<int:pk>/vaststellen/", views.grant_settle_view, name="grant_settle"),
    path("toekenningen/<int:pk>/terugvordering/", views.grant_reclaim_view, name="grant_reclaim"),
    path("verantwoordingen/<int:pk>/", views.report_view, name="report"),
    path("verantwoordingen/<int:pk>/schrijven/", views.report_edit_view, name="report_edit"),
    path("verantwoordingen/<int:pk>/bijlagen/", views.attachment_add_view, name="attachment_add"),
    path("verantwoordingen/<int:pk>/beoordelen/", views.report_review_view, name="report_review"),
    path("beoordelingen/<int:pk>/antwoorden/", views.review_answer_view, name="review_answer"),
    path("bijlagen/<int:pk>/", views.attachment_view, name="attachment"),
    path("bijlagen/<int:pk>/verwijderen/", views.attachment_remove_view, name="attachment_remove"),
]
