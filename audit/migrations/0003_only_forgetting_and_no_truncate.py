"""Tighten the append-only trigger: only forgetting a deleted person changes a row.

The earlier trigger let anyone set any actor label on any row (and set the
actor to NULL), and did not see TRUNCATE. Now an UPDATE may only:
- set actor_id from a person to NULL together with actor_label = 'deleted-account';
- set object_label to 'deleted-account';
and nothing else. TRUNCATE and DELETE are refused.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    IF (NEW.id, NEW.created_at, NEW.action, NEW.content_type_id, NEW.object_id,
        NEW.reason, NEW.before, NEW.after)
       IS DISTINCT FROM
       (OLD.id, OLD.created_at, OLD.action, OLD.content_type_id, OLD.object_id,
        OLD.reason, OLD.before, OLD.after) THEN
        RAISE EXCEPTION 'audit events are append-only';
    END IF;
    IF (NEW.actor_id, NEW.actor_label) IS DISTINCT FROM (OLD.actor_id, OLD.actor_label)
       AND NOT (OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
                AND NEW.actor_label = 'deleted-account') THEN
        RAISE EXCEPTION 'audit events are append-only: only a deleted person may be forgotten';
    END IF;
    IF NEW.object_label IS DISTINCT FROM OLD.object_label
       AND NEW.object_label <> 'deleted-account' THEN
        RAISE EXCEPTION 'audit events are append-only: only a deleted person may be forgotten';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
CREATE TRIGGER audit_event_no_truncate
BEFORE TRUNCATE ON audit_auditevent
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
"""

# Back to the function of 0002; the TRUNCATE trigger goes.
PREVIOUS = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
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
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [migrations.RunPython(forwards, backwards)]
