from django.urls import path

from . import views

app_name = "gesprekken"

urlpatterns = [
    path("gesprekken/", views.conversation_list_view, name="list"),
    path(
        "initiatieven/<int:pk>/gesprek/",
        views.conversation_with_municipality_view,
        name="with_municipality",
    ),
    path(
        "aanbod/verzoeken/<int:pk>/gesprek/",
        views.conversation_with_partner_view,
        name="with_partner",
    ),
]
