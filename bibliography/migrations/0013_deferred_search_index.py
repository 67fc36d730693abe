"""Cheaper index upkeep on imports (bibliography/search.py).

SQLite: re-create the FTS5 triggers so that their insert triggers can be
deferred. Inside `search.search_index_deferred` the insert triggers on
works, contributors and citations only note the work id, and each noted
work is indexed once at the end of the block; the `cited` column keeps
only the skeleton words its printed text lacks. The pre_migrate handler has
dropped the old triggers by the time this runs; dropping again makes the
migration safe on its own, and the post_migrate handler creates the new
ones and rebuilds the index.

PostgreSQL: re-create the citation trigger functions, whose refresh now
probes the works by primary key instead of letting the planner scan them.
"""

from django.db import migrations

from bibliography import search


def renew_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        search.uninstall_sqlite_triggers(connection)
    elif connection.vendor == "postgresql":
        search.install_postgres_count_functions(connection)


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0012_doi_match_names"),
    ]

    operations = [
        migrations.RunPython(renew_triggers, migrations.RunPython.noop),
    ]
