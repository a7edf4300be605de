from django.urls import path

from . import views

app_name = "herinneringen"

urlpatterns = [
    path("meldingen/", views.notification_list_view, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", views.notification_read_view, name="notification_read"),
    path("meldingen/alles-gelezen/", views.notifications_read_all_view, name="read_all"),
    path("meldingen/instellingen/", views.preferences_view, name="preferences"),
    path("afmelden/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("beheer/herinneringen/", views.failed_list_view, name="failed"),
    path(
        "beheer/herinneringen/<int:pk>/opnieuw/", views.reminder_retry_view, name="reminder_retry"
    ),
]
