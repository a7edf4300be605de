from django.urls import path

from . import views

app_name = "ambtenaren"

urlpatterns = [
    path("werkplek/profiel/", views.profile_edit_view, name="profile"),
    path("werkplek/mijn-advies/", views.my_advice_view, name="my_advice"),
    path("werkplek/suggesties/", views.suggestions_view, name="suggestions"),
    path("werkplek/adviseren/<int:pk>/", views.claim_view, name="claim"),
    path("werkplek/loket/", views.loket_view, name="loket"),
    path("werkplek/loket/<int:pk>/", views.loket_detail_view, name="loket_detail"),
    path(
        "werkplek/loket/<int:pk>/voorstellen/",
        views.advisorship_propose_view,
        name="advisorship_propose",
    ),
    path(
        "initiatieven/<int:pk>/adviseurs/",
        views.advisors_for_initiative_view,
        name="advisors_for_initiative",
    ),
    path("advies/<int:pk>/", views.advisorship_view, name="advisorship"),
    path("advies/<int:pk>/accepteren/", views.advisorship_accept_view, name="advisorship_accept"),
    path("advies/<int:pk>/beeindigen/", views.advisorship_end_view, name="advisorship_end"),
    path("advies/<int:pk>/contact/", views.contact_create_view, name="contact_create"),
]
