"""A GIN index on the initiatives' Dutch full-text vector, on PostgreSQL only (the demo
runs on SQLite, which searches with a plain "contains"). The expression is exactly the
one `selectors.initiatives_matching` searches with; tests/initiatieven/test_search.py
proves the planner uses it."""

from django.db import migrations

SEARCH_INDEX = """
CREATE INDEX IF NOT EXISTS initiative_search ON initiatieven_initiative USING gin ((
    setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')), 'A')
    || setweight(to_tsvector('dutch'::regconfig, COALESCE(summary, '')), 'B')
))
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_search")


class Migration(migrations.Migration):
    dependencies = [("initiatieven", "0005_reference_data_in_basisgegevens")]

    operations = [migrations.RunPython(create, drop)]
