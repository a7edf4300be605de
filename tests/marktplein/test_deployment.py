"""What goes into the production image and how production starts."""

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _ignored(name: str, patterns: list[str]) -> bool:
    """Docker's rule for a top-level path: the last pattern that matches decides."""
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        if fnmatch.fnmatch(name, pattern.lstrip("!")):
            ignored = not negated
    return ignored


@pytest.mark.parametrize(
    "path", [".env", ".env.production", ".git", "var", "media", ".venv", "staticfiles"]
)
def test_the_image_leaves_out_secrets_history_and_local_data(path):
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert _ignored(path, patterns)
    assert not _ignored(".env.example", patterns)
    assert not _ignored("marktplein", patterns)


def _start_production(
    secret_key: str | None, code: str = "import django; django.setup()", **extra_env
) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marktplein.settings.production",
        DJANGO_ALLOWED_HOSTS="marktplein.example",
        REDIS_URL="redis://127.0.0.1:1/0",
        MARKTPLEIN_MFA_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        MARKTPLEIN_BASE_URL="https://marktplein.example",
    )
    if secret_key is not None:
        env["DJANGO_SECRET_KEY"] = secret_key
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "secret_key",
    [
        None,
        "",
        "short-but-random-Zq8",
        "change-me-to-50-random-characters",
        "django-insecure-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
        "x" * 60,
    ],
    ids=["missing", "empty", "short", "env-example", "django-template", "one-letter"],
)
def test_production_refuses_to_start_with_a_weak_or_known_secret_key(secret_key):
    result = _start_production(secret_key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_random_secret_key():
    import secrets

    result = _start_production(secrets.token_urlsafe(64))
    assert result.returncode == 0, result.stderr


def test_the_env_example_key_is_refused_as_written():
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    result = _start_production(example["DJANGO_SECRET_KEY"])
    assert result.returncode != 0


def test_gunicorn_is_published_on_the_loopback_interface_only():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    published = [
        port for service in compose["services"].values() for port in service.get("ports", [])
    ]
    assert published, "the web service publishes a port for the reverse proxy"
    assert all(str(port).startswith("127.0.0.1:") for port in published)


def test_uploaded_photos_live_on_a_volume():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "media:/app/media" in compose["services"]["web"]["volumes"]
    assert "media" in compose["volumes"]


def test_production_finds_the_client_behind_one_trusted_proxy():
    import secrets

    result = _start_production(
        secrets.token_urlsafe(64),
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
    )
    assert result.stdout.strip() == "1", result.stderr


def test_web_and_workers_connect_as_the_role_that_owns_no_table():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["DATABASE_USER"] == "marktplein_app"
    migrate = services["migrate"]
    assert (
        migrate["environment"]["DATABASE_USER"] == services["db"]["environment"]["POSTGRES_USER"]
    )
    assert "grant_database_role marktplein_app" in " ".join(migrate["command"])
    init = (ROOT / "deploy/postgres/10-app-role.sh").read_text()
    assert "CREATE ROLE marktplein_app LOGIN" in init


@pytest.mark.parametrize("keys", ["", "change-me", "not-a-fernet-key-at-all"])
def test_production_refuses_to_start_without_keys_for_the_second_factor(keys):
    import secrets

    result = _start_production(secrets.token_urlsafe(64), MARKTPLEIN_MFA_ENCRYPTION_KEYS=keys)
    assert result.returncode != 0
    assert "MARKTPLEIN_MFA_ENCRYPTION_KEYS" in result.stderr


def test_photos_can_go_to_object_storage_with_a_private_bucket():
    import secrets

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'], "
        "settings.STORAGES['default']['OPTIONS']['default_acl'])"
    )
    result = _start_production(
        secrets.token_urlsafe(64),
        code,
        MARKTPLEIN_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="marktplein-photos",
    )
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "private"], result.stderr
    missing = _start_production(secrets.token_urlsafe(64), MARKTPLEIN_MEDIA_STORAGE="s3")
    assert "AWS_STORAGE_BUCKET_NAME" in missing.stderr
