"""`/api/v1/`: open data, for anyone, without signing in."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import api

app_name = "api"


def _open(view_class):
    return login_not_required(view_class.as_view())


urlpatterns = [
    path("", _open(api.ApiRootView), name="root"),
    path("figures/", _open(api.FigureListView), name="figures"),
    path("figures/<slug:key>/", _open(api.FigureDetailView), name="figure"),
    path("initiatives/", _open(api.InitiativeListView), name="initiatives"),
    path("initiatives/<int:pk>/", _open(api.InitiativeDetailView), name="initiative"),
    path("register/", _open(api.RegisterView), name="register"),
    path(
        "schema/",
        login_not_required(
            SpectacularAPIView.as_view(
                authentication_classes=[], throttle_classes=[api.OpenDataThrottle]
            )
        ),
        name="schema",
    ),
]
