from django.urls import path

from . import views

app_name = "initiatieven"

urlpatterns = [
    path("initiatieven/", views.initiative_list_view, name="list"),
    path("initiatieven/mijn/", views.initiative_mine_view, name="mine"),
    path("initiatieven/nieuw/", views.initiative_create_view, name="create"),
    path("initiatieven/<int:pk>/", views.initiative_detail_view, name="detail"),
    path("initiatieven/<int:pk>/bewerken/", views.initiative_edit_view, name="edit"),
    path("initiatieven/<int:pk>/behoeften/", views.need_list_view, name="needs"),
    path(
        "initiatieven/<int:pk>/behoeften/<int:need_pk>/",
        views.need_status_view,
        name="need_status",
    ),
    path(
        "initiatieven/<int:pk>/behoeften/<int:need_pk>/aanbod/",
        views.need_link_offer_view,
        name="need_link_offer",
    ),
    path("initiatieven/<int:pk>/indienen/", views.initiative_submit_view, name="submit"),
    path("initiatieven/<int:pk>/fase/", views.initiative_stage_view, name="stage"),
    path("initiatieven/<int:pk>/afsluiten/", views.initiative_close_view, name="close"),
    path("initiatieven/<int:pk>/leden/", views.member_list_view, name="members"),
    path(
        "initiatieven/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        views.membership_remove_view,
        name="membership_remove",
    ),
    path(
        "initiatieven/<int:pk>/leden/<int:membership_pk>/rol/",
        views.membership_set_role_view,
        name="membership_set_role",
    ),
    path(
        "initiatieven/<int:pk>/leden/<int:membership_pk>/trekker-worden/",
        views.membership_hand_over_lead_view,
        name="membership_hand_over_lead",
    ),
    path(
        "initiatieven/<int:pk>/leden/<int:membership_pk>/contactpersoon/",
        views.membership_set_contact_view,
        name="membership_set_contact",
    ),
    path(
        "initiatieven/<int:pk>/leden/<int:membership_pk>/penvoerder/",
        views.membership_set_treasurer_view,
        name="membership_set_treasurer",
    ),
    path(
        "initiatieven/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/",
        views.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("initiatieven/<int:pk>/nieuws/", views.update_create_view, name="update_create"),
    path(
        "initiatieven/<int:pk>/nieuws/<int:update_pk>/bewerken/",
        views.update_edit_view,
        name="update_edit",
    ),
    path(
        "initiatieven/<int:pk>/nieuws/<int:update_pk>/verwijderen/",
        views.update_delete_view,
        name="update_delete",
    ),
    path("initiatieven/<int:pk>/steunen/", views.support_view, name="support"),
    path("initiatieven/<int:pk>/moderatie/", views.moderation_view, name="moderate"),
    path("uitnodiging/<str:token>/", views.invitation_view, name="invitation"),
    path("foto/<int:pk>/", views.photo_view, name="photo"),
    path("aanbod/", views.offer_list_view, name="offers"),
    path("aanbod/nieuw/", views.offer_create_view, name="offer_create"),
    path("aanbod/mijn/", views.offer_mine_view, name="offers_mine"),
    path("aanbod/controleren/", views.offer_review_list_view, name="offer_review_list"),
    path("aanbod/<int:pk>/", views.offer_detail_view, name="offer_detail"),
    path("aanbod/<int:pk>/controleren/", views.offer_review_view, name="offer_review"),
]
