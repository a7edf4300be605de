from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def base_url_is_https(app_configs, **kwargs):
    """Links in e-mails (written by a worker, without a request) point at this address."""
    if not settings.MARKTPLEIN_BASE_URL.startswith("https://"):
        return [
            Warning(
                "MARKTPLEIN_BASE_URL is not an https address: links in e-mails would "
                "point elsewhere.",
                hint="Set MARKTPLEIN_BASE_URL to the site's address, e.g. https://marktplein.gemeente.nl.",
                id="herinneringen.W001",
            )
        ]
    return []
