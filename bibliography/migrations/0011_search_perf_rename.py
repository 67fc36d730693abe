"""`Work.citation_count` becomes `cited_by_count`: the admin annotates its work lists with a
`citation_count` (citations, not articles), and an annotation may not share a field's name.

PostgreSQL: the count triggers (and the fill of the column and of the
vectors, which now hold the citing references' text) are installed here,
under the final name; SQLite's come from the post_migrate handler of
bibliography/search.py.
"""

from django.db import migrations, models

import bibliography.models
from bibliography import search


def install_postgres_counts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        search.install_citation_counts(schema_editor.connection)


def uninstall_postgres_counts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        search.uninstall_citation_counts(schema_editor.connection)


def cited_index(name, *leading, count="cited_by_count"):
    return models.Index(
        models.F("merged_into"),
        *leading,
        models.OrderBy(models.F(count), descending=True),
        bibliography.models.TitleSortKey(models.F("title")),
        models.F("id"),
        name=name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0010_search_perf_words"),
    ]

    operations = [
        migrations.RunPython(uninstall_postgres_counts, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="work", name="work_canonical_cited"),
        migrations.RemoveIndex(model_name="work", name="work_canonical_language_cited"),
        migrations.RenameField(model_name="work", old_name="citation_count", new_name="cited_by_count"),
        migrations.AddIndex(model_name="work", index=cited_index("work_canonical_cited")),
        migrations.AddIndex(
            model_name="work", index=cited_index("work_canonical_language_cited", models.F("language"))
        ),
        migrations.RunPython(install_postgres_counts, uninstall_postgres_counts),
    ]
