"""SQLite's search index: canonical works only, capped citing text, fewer merges of its segments.

- Merged works have no FTS5 row (searches list canonical works only); the
  update trigger on works now also fires on `merged_into`, so that a merge
  drops the row and its undo brings it back. The triggers are dropped here;
  the post_migrate handler re-creates them and re-indexes every work.
- A work's row holds the words of its first `search.MAX_CITED_TEXTS` citing
  references (in the triggers' SQL, and so from the next re-index on).
- FTS5 merges segments 16 at a time instead of 4 (`search.FTS_AUTOMERGE`),
  a setting stored in the table's own configuration.

Like the triggers, all of this follows the code, not the migration state:
going back leaves it. PostgreSQL: the search vector is capped alike; its
functions are re-created and the vectors of works cited more often re-computed.
"""

from django.db import migrations

from bibliography import search


def renew_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        search.install_postgres_vector_trigger(connection)
        search.install_postgres_count_functions(connection)
        often_cited = (
            f"SELECT work_id FROM {search.CITATION_TABLE} GROUP BY work_id HAVING COUNT(*) > {search.MAX_CITED_TEXTS}"
        )
        with connection.cursor() as cursor:
            cursor.execute(search.pg_refresh_sql(often_cited))
        return
    if connection.vendor != "sqlite":
        return
    search.configure_sqlite_merging(connection)
    search.uninstall_sqlite_triggers(connection)  # the post_migrate handler re-creates them and re-indexes


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0016_deferred_update_triggers"),
    ]

    operations = [
        migrations.RunPython(renew_index, migrations.RunPython.noop),
    ]
