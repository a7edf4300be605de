"""Indexes for the search's tiers (`selectors._SearchOrder`), on PostgreSQL only: the
exact title (as `title__iexact` writes it) and the Dutch words of the title alone (as
`SearchVector("title", config="dutch")` writes it; also gives the planner statistics on
how many titles hold a word). The SQLite demo searches with a plain "contains"."""

from django.db import migrations

ADD = """
CREATE INDEX IF NOT EXISTS initiative_title_upper
    ON initiatieven_initiative (UPPER(title::text));
CREATE INDEX IF NOT EXISTS initiative_title_words
    ON initiatieven_initiative USING gin (to_tsvector('dutch'::regconfig, COALESCE(title, '')));
"""

DROP = """
DROP INDEX IF EXISTS initiative_title_upper;
DROP INDEX IF EXISTS initiative_title_words;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("initiatieven", "0012_matching_fields")]

    operations = [migrations.RunPython(add, drop)]
