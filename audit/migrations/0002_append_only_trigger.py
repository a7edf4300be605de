"""Make the audit log append-only in PostgreSQL itself, not only in Python.

Deletes are refused. Updates are refused too, except forgetting a person when
their account is deleted: actor_id to NULL and a replacement for the labels
that hold their name. The event stays, the name goes.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    IF NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    IF (NEW.id, NEW.created_at, NEW.action, NEW.content_type_id, NEW.object_id,
        NEW.reason, NEW.before, NEW.after)
       IS DISTINCT FROM
       (OLD.id, OLD.created_at, OLD.action, OLD.content_type_id, OLD.object_id,
        OLD.reason, OLD.before, OLD.after) THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only
BEFORE UPDATE OR DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
