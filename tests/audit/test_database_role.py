"""The web and worker processes connect as a role that owns no table.

`grant_database_role` gives that role what the platform needs; on the audit
log it may insert, read and forget a deleted person, and nothing else, and it
cannot switch the trigger off.
"""

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from audit.models import FORGOTTEN_PERSON

WEB_ROLE = "marktplein_web_test"


@pytest.fixture
def web(transactional_db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [WEB_ROLE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {WEB_ROLE} LOGIN")
    call_command("grant_database_role", WEB_ROLE)
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        dbname=settings["NAME"],
        user=WEB_ROLE,
        autocommit=True,
    ) as conn:
        yield conn


def _insert_event(web, actor_id=None) -> int:
    content_type = ContentType.objects.get_for_model(User).pk
    row = web.execute(
        "INSERT INTO audit_auditevent (created_at, actor_id, actor_label, action,"
        " content_type_id, object_id, object_label, reason, before, after)"
        " VALUES (now(), %s, 'anna@example.org', 'test.done', %s, '1', 'Anna', 'Why.',"
        " '{}', '{}') RETURNING id",
        [actor_id, content_type],
    ).fetchone()
    return row[0]


@pytest.mark.parametrize(
    ("statement", "error"),
    [
        ("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only", "owner"),
        ("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL", "owner"),
        ("DROP TRIGGER audit_event_append_only ON audit_auditevent", "owner"),
        ("SET session_replication_role = replica", "permission denied"),
        ("TRUNCATE audit_auditevent", "permission denied"),
        ("DELETE FROM audit_auditevent", "permission denied"),
        ("UPDATE audit_auditevent SET reason = 'Another reason.'", "permission denied"),
        ("INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())", "denied"),
    ],
)
def test_the_web_role_cannot_undo_the_log(web, statement, error):
    _insert_event(web)
    with pytest.raises(psycopg.Error, match=error):
        web.execute(statement)
    count = web.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
    assert count == 1


def test_the_web_role_writes_and_forgets_but_never_rewrites(web):
    person = web.execute(
        "INSERT INTO accounts_user (password, is_superuser, email, first_name, last_name,"
        " is_staff, is_active, date_joined)"
        " VALUES ('', false, 'anna@example.org', 'Anna', '', false, true, now())"
        " RETURNING id"
    ).fetchone()[0]
    event = _insert_event(web, actor_id=person)
    with pytest.raises(psycopg.Error, match="append-only"):
        web.execute(
            "UPDATE audit_auditevent SET actor_label = 'bert@example.org' WHERE id = %s", [event]
        )
    web.execute(
        "UPDATE audit_auditevent SET actor_id = NULL, actor_label = %s, object_label = %s"
        " WHERE id = %s",
        [FORGOTTEN_PERSON, FORGOTTEN_PERSON, event],
    )
    row = web.execute(
        "SELECT actor_id, actor_label, reason FROM audit_auditevent WHERE id = %s", [event]
    ).fetchone()
    assert row == (None, FORGOTTEN_PERSON, "Why.")
    # Everything else of the platform is the web role's to read and write.
    web.execute("UPDATE accounts_user SET first_name = 'Anne' WHERE id = %s", [person])
