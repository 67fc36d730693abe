"""Blocking keys: one covering (key, work) index instead of an index on each column.

Dedup reads a block as the works holding a key: with the key alone indexed,
each row was a second lookup into the table (3x slower on 200,000 keys). The
work column's own index duplicated the unique (work, key) constraint's, and
cost every new key an extra write. The old indexes are dropped with
`DROP INDEX` so that SQLite does not rebuild the table.
"""

from django.db import migrations, models

KEY_INDEX = "bibliography_workkey_key_524f5add"
WORK_INDEX = "bibliography_workkey_work_id_c14ab23b"
TABLE = "bibliography_workkey"


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0017_fts_canonical_rows"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    [
                        f'DROP INDEX IF EXISTS "{KEY_INDEX}"',
                        f'DROP INDEX IF EXISTS "{KEY_INDEX}_like"',
                        f'DROP INDEX IF EXISTS "{WORK_INDEX}"',
                    ],
                    [
                        f'CREATE INDEX IF NOT EXISTS "{KEY_INDEX}" ON "{TABLE}" ("key")',
                        f'CREATE INDEX IF NOT EXISTS "{WORK_INDEX}" ON "{TABLE}" ("work_id")',
                    ],
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="workkey",
                    name="key",
                    field=models.CharField(max_length=120),
                ),
                migrations.AlterField(
                    model_name="workkey",
                    name="work",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="match_keys",
                        to="bibliography.work",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="workkey",
            index=models.Index(fields=["key", "work"], name="workkey_block"),
        ),
    ]
