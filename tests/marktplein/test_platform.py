"""Production settings, health, security headers and the project's own checks."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _production_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="marktplein.settings.production",
        DJANGO_SECRET_KEY="p" * 20 + "roduction-secret-key-" + "x7Q!" * 10,
        DJANGO_ALLOWED_HOSTS="marktplein.example",
        REDIS_URL="redis://127.0.0.1:6379/0",
        MARKTPLEIN_MFA_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        MARKTPLEIN_BASE_URL="https://marktplein.example",
    )
    return env


def test_production_settings_pass_check_deploy_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_links_in_e_mails_would_not_be_https():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**_production_env(), "MARKTPLEIN_BASE_URL": "http://marktplein.example"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "herinneringen.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_unsafe_inline(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_health_reports_database_and_redis(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok"}


@pytest.mark.django_db
def test_health_checks_reuse_one_redis_connection(client, settings):
    import redis

    watcher = redis.Redis.from_url(settings.REDIS_URL)
    client.get("/health/")  # the first check may connect
    before = watcher.info("stats")["total_connections_received"]
    for _ in range(5):
        assert client.get("/health/").status_code == 200
    after = watcher.info("stats")["total_connections_received"]
    assert after == before


@pytest.mark.django_db
def test_health_reports_a_redis_that_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "redis": "error"}


@pytest.mark.django_db
def test_no_model_changes_without_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_dutch_translation_is_complete():
    po = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    assert shutil.which("msgfmt"), "msgfmt (gettext) is needed"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "translated" in result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_the_demo_command_runs_twice_on_sqlite_and_changes_nothing(tmp_path):
    """The one test on SQLite: the README's demo set-up."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="marktplein.settings.dev",
        MARKTPLEIN_SQLITE_PATH=str(tmp_path / "demo.sqlite3"),
    )

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "--verbosity", "0")
    first = manage("seed_demo")
    counts = manage("shell", "--no-imports", "-c", COUNT_SCRIPT)
    second = manage("seed_demo")
    assert manage("shell", "--no-imports", "-c", COUNT_SCRIPT) == counts
    assert f"Added {_demo_counts()[0]} neighbourhoods" in first
    assert (
        "Added 0 neighbourhoods, 0 themes, 0 expertise areas, 0 initiatives, 0 conversations,"
        " 0 advisor profiles, 0 subsidy schemes, 0 budget lines." in second
    )
    for email in ("inwoner@marktplein.example", "beheer@gemeente.example"):
        assert email in first
    # The suggestions for a civil servant are one SQL statement with a SQLite form.
    assert manage("shell", "--no-imports", "-c", RANKING_SCRIPT).startswith("Same ranking for ")
    # So are the public list's cards.
    assert manage("shell", "--no-imports", "-c", CARDS_SCRIPT).startswith("Same cards for ")
    numbers, statuses, stages, subsidies = counts.splitlines()
    assert [int(number) for number in numbers.split()] == _demo_counts()
    # Every status and every stage is in the demo, and every state of a subsidy.
    assert statuses == "active,completed,draft,stopped,submitted"
    assert stages == "idea,institution,light_community,public_cause"
    assert subsidies == (
        "draft,granted,refused,submitted,withdrawn|granted,reclaimed,reporting,settled"
        "|accepted,conversation,draft,submitted"
        "|accepted,conditions_adjusted,conversation,reclaim_proposed|1"
    )


def _demo_counts() -> list[int]:
    """What the demo should hold, from the demo's own definitions, not its output."""
    import csv

    from accounts.demo import DEMO_ACCOUNTS
    from accounts.models import MUNICIPAL_ROLES
    from basisgegevens.demo import EXPERTISE_AREAS, NEIGHBOURHOODS_CSV, THEMES
    from initiatieven.demo import DEMO_INITIATIVES, DEMO_OFFERS, DEMO_RESIDENTS
    from subsidies.demo import DEMO_SCHEMES

    with NEIGHBOURHOODS_CSV.open(encoding="utf-8") as handle:
        neighbourhoods = len(list(csv.DictReader(handle)))
    return [
        neighbourhoods,
        len(THEMES),
        len(EXPERTISE_AREAS),
        len(DEMO_ACCOUNTS) + len(DEMO_RESIDENTS),
        sum(len(account.roles) for account in DEMO_ACCOUNTS),
        sum(1 for account in DEMO_ACCOUNTS if set(account.roles) & MUNICIPAL_ROLES),
        len(DEMO_INITIATIVES),
        len(DEMO_OFFERS),
        len(DEMO_SCHEMES),
    ]


COUNT_SCRIPT = """
from accounts.models import User, RoleAssignment
from basisgegevens.models import ExpertiseArea, Neighbourhood, Theme
from allauth.mfa.models import Authenticator
from initiatieven.models import Initiative, Offer
from subsidies.models import Application, Grant, Report, ReportReview, SubsidyScheme
print(Neighbourhood.objects.count(), Theme.objects.count(), ExpertiseArea.objects.count(),
      User.objects.count(), RoleAssignment.objects.count(),
      Authenticator.objects.filter(type="totp").count(), Initiative.objects.count(),
      Offer.objects.count(), SubsidyScheme.objects.count())
print(",".join(sorted(set(Initiative.objects.values_list("status", flat=True)))))
print(",".join(sorted(set(Initiative.objects.values_list("stage", flat=True)))))
states = [
    sorted(set(Application.objects.values_list("status", flat=True))),
    sorted(set(Grant.objects.values_list("status", flat=True))),
    sorted(set(Report.objects.values_list("status", flat=True))),
    sorted(set(ReportReview.objects.values_list("outcome", flat=True))),
]
print("|".join([",".join(s) for s in states] + [str(Grant.objects.filter(is_directly_settled=True).count())]))
"""

CARDS_SCRIPT = """
from initiatieven.models import Initiative, Need
from initiatieven.selectors import _cards
initiatives = Initiative.objects.select_related("neighbourhood")
cards = {card.pk: card for card in _cards([i.pk for i in initiatives])}
assert len(cards) == initiatives.count()
for i in initiatives:
    card = cards[i.pk]
    themes = tuple((t.name_nl, t.name_en) for t in i.themes.order_by("name_nl", "pk"))
    needs = tuple(i.needs.exclude(status=Need.Status.WITHDRAWN).order_by("pk").values_list(
        "kind", flat=True))
    assert (card.title, card.neighbourhood, card.supporters, card.themes, card.needs) == (
        i.title, i.neighbourhood.name, i.supports.count(), themes, needs), (card, i.pk)
assert any(len(card.themes) > 1 for card in cards.values())
assert any(len(card.needs) > 1 for card in cards.values())
assert any(card.supporters for card in cards.values())
print(f"Same cards for {len(cards)} initiatives")
"""

RANKING_SCRIPT = """
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from ambtenaren import matching as m
from ambtenaren.models import AdvisorProfile, Advisorship
from basisgegevens.models import ExpertiseArea
from initiatieven.models import Initiative, Membership
now = timezone.now()

def check(profile):
    keys = {str(pk) for pk in profile.expertise_areas.values_list("pk", flat=True)}
    places = set(profile.neighbourhoods.values_list("pk", flat=True))
    own = set(Membership.objects.filter(user=profile.user).values_list("initiative", flat=True))
    own |= set(Advisorship.objects.filter(advisor=profile, status__in=m.OPEN).values_list(
        "initiative", flat=True))
    scored = []
    for i in Initiative.objects.filter(status__in=["submitted", "active"], is_hidden=False):
        if i.pk in own or i.advisor_count >= i.max_advisors:
            continue
        score = (m.EXPERTISE_MATCH * len(keys & set(i.open_expertise_areas))
                 + m.KNOWS_NEIGHBOURHOOD * (i.neighbourhood_id in places)
                 + m.NO_ADVISOR_YET * (i.advisor_count == 0)
                 + m.WAITING * sum(i.submitted_at <= now - timedelta(days=d) for d in m.WAITING_STEPS))
        scored.append((-score, i.submitted_at, i.pk))
    for limit in (20, 2, 1):  # short pages can settle on those asking for every field
        expected = [pk for _s, _at, pk in sorted(scored)[:limit]]
        got = [s.obj.pk for s in m.initiatives_ranked_for(profile, limit=limit, now=now)]
        assert got == expected, (profile.pk, limit, got, expected)

profiles = list(AdvisorProfile.objects.all())
for profile in profiles:
    check(profile)
# Two fields, and two open initiatives that ask for both (undone afterwards).
with transaction.atomic():
    profile = profiles[0]
    areas = list(ExpertiseArea.objects.order_by("pk")[:2])
    profile.expertise_areas.set(areas)
    both = {str(area.pk): True for area in areas}
    open_ones = Initiative.objects.filter(status="submitted", is_hidden=False).order_by("pk")
    Initiative.objects.filter(pk__in=list(open_ones.values_list("pk", flat=True)[:2])).update(
        open_expertise_areas=both)
    check(profile)
    transaction.set_rollback(True)
print(f"Same ranking for {len(profiles)} civil servants")
"""


def test_the_demo_sends_reminders_in_process_to_the_console(tmp_path):
    """`make demo` has no Redis and no worker: the web process dispatches on a schedule."""
    import signal
    import socket
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="marktplein.settings.dev",
        MARKTPLEIN_SQLITE_PATH=str(tmp_path / "demo.sqlite3"),
        MARKTPLEIN_DISPATCH_IN_PROCESS="1",
        PYTHONUNBUFFERED="1",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*manage, "shell", "--no-imports", "-c", DEMO_REMINDER_SCRIPT],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "runserver.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and b"Demo-herinnering" not in log.read_bytes():
                time.sleep(0.3)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
    output = log.read_text()
    assert "Demo-herinnering" in output  # the e-mail, printed by the console backend
    assert "To: inwoner@marktplein.example" in output
    # The demo's seeded history is shown in the app, not mailed.
    assert "Subject: Je aanvraag" not in output


DEMO_REMINDER_SCRIPT = """
from accounts.models import User
from herinneringen.services import reminder_schedule
reminder_schedule(
    kind="municipality_answered",
    recipients=[User.objects.get(email="inwoner@marktplein.example")],
    key="demo-test",
    params={"initiative": "Demo-herinnering", "text": "Hallo!"},
)
"""
