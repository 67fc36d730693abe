"""Full-text search indexes: FTS5 table + triggers on SQLite; GIN and trigram indexes on PostgreSQL.

Each step runs only on its own database (see bibliography/search.py for why
triggers rather than a refresh helper).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from bibliography import search


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        search.install_sqlite_index(schema_editor.connection)
    elif vendor == "postgresql":
        search.install_postgres_indexes(schema_editor.connection)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        search.uninstall_sqlite_index(schema_editor.connection)
    elif vendor == "postgresql":
        search.uninstall_postgres_indexes(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0003_crossref"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
