"""Drop indexes that every import wrote and nothing read.

Each index costs an import one page write per row it indexes, and a random
key (a title skeleton, a name) one page per row. These are either covered by
a composite index whose first column they are (a work's author key by
`work_author_year`, a citation's article and work by `unique_citation_position` and
`citation_work_article`, a contributor's work by
`unique_contributor_position`), or copies in the history tables of the
model's keys, where only the row id and the date are ever looked up.

Dropped with `DROP INDEX` rather than by Django's field alterations, which
on SQLite rebuild each table and on PostgreSQL re-validate foreign keys.
"""

import django.db.models.deletion
from django.db import migrations, models

DROPPED = {
    "bibliography_citation_article_id_68dee728": ("bibliography_citation", "article_id"),
    "bibliography_citation_work_id_50adc946": ("bibliography_citation", "work_id"),
    "bibliography_contributor_work_id_33a4c5b6": ("bibliography_contributor", "work_id"),
    "bibliography_historicalcitation_article_id_307c937c": ("bibliography_historicalcitation", "article_id"),
    "bibliography_historicalcitation_work_id_7453cfd1": ("bibliography_historicalcitation", "work_id"),
    "bibliography_historicalcontributor_person_id_cd555895": ("bibliography_historicalcontributor", "person_id"),
    "bibliography_historicalcontributor_work_id_bd7f469a": ("bibliography_historicalcontributor", "work_id"),
    "bibliography_historicalperson_name_key_b3ab1185": ("bibliography_historicalperson", "name_key"),
    "bibliography_historicalwork_author_key_f19904b3": ("bibliography_historicalwork", "author_key"),
    "bibliography_historicalwork_issued_year_032b5fa2": ("bibliography_historicalwork", "issued_year"),
    "bibliography_historicalwork_language_19ce2489": ("bibliography_historicalwork", "language"),
    "bibliography_historicalwork_merged_into_id_237fb03e": ("bibliography_historicalwork", "merged_into_id"),
    "bibliography_historicalwork_title_key_f2750913": ("bibliography_historicalwork", "title_key"),
    "bibliography_work_author_key_42ba2f3d": ("bibliography_work", "author_key"),
}
# PostgreSQL's text-pattern companions of indexed character columns.
PATTERN_COMPANIONS = [
    "bibliography_historicalperson_name_key_b3ab1185",
    "bibliography_historicalwork_author_key_f19904b3",
    "bibliography_historicalwork_language_19ce2489",
    "bibliography_historicalwork_title_key_f2750913",
    "bibliography_work_author_key_42ba2f3d",
]


def drop_statements():
    names = [*DROPPED, *(f"{name}_like" for name in PATTERN_COMPANIONS)]
    return [f'DROP INDEX IF EXISTS "{name}"' for name in names]


def create_statements():
    return [
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")' for name, (table, column) in DROPPED.items()
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0013_deferred_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(drop_statements(), create_statements())],
            state_operations=[
                migrations.AlterField(
                    model_name="citation",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="bibliography.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="citation",
                    name="work",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="citations",
                        to="bibliography.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="contributor",
                    name="work",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contributors",
                        to="bibliography.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcitation",
                    name="article",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="bibliography.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcitation",
                    name="work",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="bibliography.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontributor",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="bibliography.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontributor",
                    name="work",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="bibliography.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalperson",
                    name="name_key",
                    field=models.CharField(blank=True, help_text="Latin skeleton of the family name.", max_length=64),
                ),
                migrations.AlterField(
                    model_name="historicalwork",
                    name="author_key",
                    field=models.CharField(blank=True, help_text="Skeleton of the first family name.", max_length=64),
                ),
                migrations.AlterField(
                    model_name="historicalwork",
                    name="issued_year",
                    field=models.PositiveSmallIntegerField(blank=True, null=True),
                ),
                migrations.AlterField(
                    model_name="historicalwork",
                    name="language",
                    field=models.CharField(blank=True, max_length=16),
                ),
                migrations.AlterField(
                    model_name="historicalwork",
                    name="merged_into",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="bibliography.work",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalwork",
                    name="title_key",
                    field=models.CharField(blank=True, help_text="Latin skeleton of the title.", max_length=255),
                ),
                migrations.AlterField(
                    model_name="work",
                    name="author_key",
                    field=models.CharField(blank=True, help_text="Skeleton of the first family name.", max_length=64),
                ),
            ],
        ),
    ]
