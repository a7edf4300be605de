"""Seal the TOTP secrets and recovery-code seeds that were stored in the clear."""

from django.db import migrations

FIELDS = {"totp": "secret", "recovery_codes": "seed"}


def _convert(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=FIELDS):
        field = FIELDS[authenticator.type]
        value = authenticator.data.get(field)
        new = change(value) if value else value
        if new != value:
            authenticator.data = {**authenticator.data, field: new}
            authenticator.save(update_fields=["data"])


def seal_all(apps, schema_editor):
    from accounts.crypto import is_sealed, seal

    _convert(apps, lambda value: value if is_sealed(value) else seal(value))


def unseal_all(apps, schema_editor):
    from accounts.crypto import unseal

    _convert(apps, unseal)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_all, unseal_all)]
