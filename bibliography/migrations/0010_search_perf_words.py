"""PostgreSQL: the vocabulary table of the typo fallback (bibliography/search.py).

When no work matches exactly, the search looks for the indexed words most
similar to each query word (a trigram index over short, distinct words) and
searches those: about a millisecond, where comparing the query with the full
text of every candidate work (the trigram index on `search_text`, dropped
here) took fifty to a hundred.
"""

from django.db import migrations

from bibliography import search


def install_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        search.install_postgres_words(schema_editor.connection)


def uninstall_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        search.uninstall_postgres_words(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0009_search_perf_prefix"),
    ]

    operations = [
        migrations.RunPython(install_words, uninstall_words),
    ]
