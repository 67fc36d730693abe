"""Indexes for what the import reads, none for what nothing reads.

- Dropped: `work_author_year`, `work_isbn` and the title key's index. Dedup
  finds candidates through `WorkKey` and nothing looks works up by these
  columns, while every imported work wrote a page of each (the title key is
  a random 255-character key; PostgreSQL kept a text-pattern copy too).
- `person_name` (family, given) becomes `person_full_name` (family, given,
  literal): the import looks each name up exactly
  (`corpus_import.importer.existing_people`); it used to fetch everyone of
  the same family name, a number that grows with the library.

The title key's index is dropped with `DROP INDEX`, as in 0014: Django's
field alteration would rebuild the work table on SQLite (and with it its
search-index triggers).
"""

from django.db import migrations, models

TITLE_KEY_INDEX = "bibliography_work_title_key_328b1b91"


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0014_fewer_write_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_name"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["family", "given", "literal"], name="person_full_name"),
        ),
        migrations.RemoveIndex(model_name="work", name="work_author_year"),
        migrations.RemoveIndex(model_name="work", name="work_isbn"),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    [f'DROP INDEX IF EXISTS "{TITLE_KEY_INDEX}"', f'DROP INDEX IF EXISTS "{TITLE_KEY_INDEX}_like"'],
                    [f'CREATE INDEX IF NOT EXISTS "{TITLE_KEY_INDEX}" ON "bibliography_work" ("title_key")'],
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="work",
                    name="title_key",
                    field=models.CharField(blank=True, help_text="Latin skeleton of the title.", max_length=255),
                ),
            ],
        ),
    ]
