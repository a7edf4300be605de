from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home_view, name="home"),
    path("privacy/", views.privacy_view, name="privacy"),
    path("toegankelijkheid/", views.accessibility_view, name="accessibility"),
    path("health/", views.health_view, name="health"),
    path("i18n/setlang/", views.set_language_view, name="set_language"),
    # Our stricter rules for the pages that change credentials, before allauth's own.
    path("accounts/", include("accounts.allauth_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("audit.urls")),
    path("", include("initiatieven.urls")),
    path("", include("ambtenaren.urls")),
    path("", include("subsidies.urls")),
    path("", include("herinneringen.urls")),
    path("", include("gesprekken.urls")),
    path("", include("dashboard.urls")),
    path("api/v1/", include("dashboard.api_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
