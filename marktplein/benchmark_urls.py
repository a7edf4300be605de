"""The site's URLs plus a bare view, for the load benchmark only (settings.benchmark)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns


@login_not_required
def bare_view(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare_view), *site_urlpatterns]
