from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.permissions import second_factor_redirect


class MarktpleinAdminSite(admin.AdminSite):
    """The Django admin, for administrators only, behind the second factor."""

    site_header = _("Marktplein administration")
    site_title = _("Marktplein administration")

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated and request.user.is_staff:
                response = second_factor_redirect(request)
                if response is not None:
                    return response
            return inner(request, *args, **kwargs)

        wrapped.admin_site = self
        wrapped.__wrapped__ = inner
        for attr in ("csrf_exempt", "login_required"):
            if hasattr(inner, attr):
                setattr(wrapped, attr, getattr(inner, attr))
        return wrapped
