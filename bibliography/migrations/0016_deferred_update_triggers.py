"""SQLite: re-create the FTS5 triggers so that their update triggers can be deferred too.

Inside `search.search_index_deferred` the update triggers on works,
contributors and citations now only note the work ids, like the insert
triggers since 0013: the import runs dedup inside the article's block, and
each merge's updates rewrote the search-index rows the import had written a
moment before. The pre_migrate handler drops the old triggers and the
post_migrate handler creates the new ones; dropping here makes the migration
safe on its own. PostgreSQL: nothing changes.
"""

from django.db import migrations

from bibliography import search


def renew_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search.uninstall_sqlite_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0015_import_indexes"),
    ]

    operations = [
        migrations.RunPython(renew_triggers, migrations.RunPython.noop),
    ]
