"""SQLite: rebuild the FTS5 table with prefix indexes for 2 to 12 characters (bibliography/search.py).

Every query word is a prefix query; without an index for its length FTS5
merges the doclists of all the terms it starts on each query. The table is
re-created empty here; the post_migrate handler of bibliography/search.py
re-creates its triggers and fills it.
"""

from django.db import migrations

from bibliography import search


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0008_search_perf_language"),
    ]

    operations = [
        migrations.RunPython(search.recreate_sqlite_table_in_migration, search.recreate_sqlite_table_in_migration),
    ]
