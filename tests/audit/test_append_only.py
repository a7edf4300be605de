import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from audit.models import FORGOTTEN_PERSON, AuditEvent
from audit.services import audit_forget_person, audit_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _event():
    actor = UserFactory()
    subject = UserFactory()
    return actor, audit_record(
        subject=subject, action="role.granted", actor=actor, reason="Because.", after={"x": 1}
    )


def test_an_event_records_who_what_why_and_about_what():
    actor, event = _event()
    event.refresh_from_db()
    assert (event.actor, event.action, event.reason, event.after) == (
        actor,
        "role.granted",
        "Because.",
        {"x": 1},
    )
    assert event.object_label.startswith("Person")


@pytest.mark.parametrize(
    "change",
    [
        lambda qs: qs.update(reason="Something else."),
        lambda qs: qs.update(after={"x": 2}),
        lambda qs: qs.update(action="other"),
        lambda qs: qs.delete(),
    ],
    ids=["reason", "after", "action", "delete"],
)
def test_the_database_refuses_to_change_or_delete_an_event(change):
    _actor, event = _event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change(AuditEvent.objects.filter(pk=event.pk))
    event.refresh_from_db()
    assert event.reason == "Because."


def test_the_database_refuses_to_move_an_event_to_another_actor():
    _actor, event = _event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor=UserFactory())


def test_a_deleted_persons_name_is_replaced_and_the_event_stays():
    actor, event = _event()
    assert audit_forget_person(person=actor) == 1
    actor.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_label == FORGOTTEN_PERSON
    assert event.reason == "Because."
    with translation.override("nl"):
        assert event.actor_display == "Verwijderd account"


@pytest.mark.parametrize(
    "change",
    [
        # Rewrite who did it, on a row whose actor is still there.
        lambda qs: qs.update(actor_label="someone-else@example.org"),
        # Drop the actor but keep a made-up name.
        lambda qs: qs.update(actor=None, actor_label="someone-else@example.org"),
        # Drop the actor and keep the name: not forgetting either.
        lambda qs: qs.update(actor=None),
        # Rename what it was about.
        lambda qs: qs.update(object_label="Something else"),
    ],
    ids=["relabel", "null-and-relabel", "null-only", "object"],
)
def test_only_forgetting_a_person_may_change_who_or_about_whom(change):
    _actor, event = _event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change(AuditEvent.objects.filter(pk=event.pk))


def test_a_person_cannot_be_deleted_without_being_forgotten():
    actor, _event_row = _event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        actor.delete()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_truncate_the_log():
    _event()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.exists()


def test_an_unregistered_action_is_refused_and_every_action_has_a_label():
    from audit.actions import registered

    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_record(subject=UserFactory(), action="role.grantd", actor=None)
    assert "role.granted" in registered()
    with translation.override("nl"):
        assert AuditEvent(action="advisorship.proposed").action_label == (
            "Coördinator stelde een ambtenaar voor"
        )


def test_the_log_shows_labels_and_changes_as_people_read_them(client):
    from tests.factories import login_with_second_factor

    administrator = UserFactory(administrator=True)
    audit_record(
        subject=UserFactory(),
        action="role.granted",
        actor=administrator,
        reason="Team loket.",
        before={"roles": []},
        after={"roles": ["civil_servant", "coordinator"]},
    )
    login_with_second_factor(client, administrator)
    page = client.get("/beheer/logboek/").content.decode()
    assert "Rol gegeven" in page
    assert "roles: civil_servant, coordinator" in page
    assert "{" not in page.split("<main")[1]
