import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters and the like live in the real Redis, kept HTML in each
    process: start each test with both empty."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def deliver(mailoutbox):
    """Send what the outbox holds now, as the dispatcher would; returns the sent mail."""
    from herinneringen.dispatch import dispatch_due

    def send():
        dispatch_due()
        return mailoutbox

    return send


@pytest.fixture
def mail_dir(tmp_path):
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def workers(mail_dir):
    """Start real Celery workers on the test Redis and PostgreSQL (separate processes)."""
    started = []

    def start(name: str, **env) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marktplein.settings.test",
            "DATABASE_NAME": connection.settings_dict["NAME"],
            "MARKTPLEIN_TEST_MAIL_DIR": str(mail_dir),
            **{key: str(value) for key, value in env.items()},
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "marktplein",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "--hostname",
                f"{name}@%h",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
