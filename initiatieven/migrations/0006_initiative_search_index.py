"""The initiatives' Dutch full-text vector as a stored, generated column with a GIN index,
on PostgreSQL only. Ranking reads the stored vector instead of computing it again for
every match. The SQLite demo searches with a plain "contains" and has no such column.
`selectors.initiatives_matching` searches it; tests/initiatieven/test_search.py proves
the planner uses the index."""

from django.db import migrations

ADD = """
ALTER TABLE initiatieven_initiative ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(summary, '')), 'B')
    ) STORED;
CREATE INDEX IF NOT EXISTS initiative_search_vector
    ON initiatieven_initiative USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS initiative_search_vector;
ALTER TABLE initiatieven_initiative DROP COLUMN IF EXISTS search_vector;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("initiatieven", "0005_reference_data_in_basisgegevens")]

    operations = [migrations.RunPython(add, drop)]
