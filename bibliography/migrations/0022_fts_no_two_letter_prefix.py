"""SQLite: rebuild the FTS5 table without the two-letter prefix index (bibliography/search.py).

No query is a two-letter prefix (`PREFIX_MIN_CHARS`), and that index cost a
third of every insert. The table is re-created empty here; the post_migrate
handler of bibliography/search.py re-creates its triggers and fills it.
"""

from django.db import migrations

from bibliography import search


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0021_cited_order_by_id"),
    ]

    operations = [
        migrations.RunPython(search.recreate_sqlite_table_in_migration, search.recreate_sqlite_table_in_migration),
    ]
