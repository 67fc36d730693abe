"""The "most cited" sort indexes order equally cited works by id, not title: a new work is appended, not placed at random."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0020_work_stamp_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="work",
            name="work_canonical_cited",
        ),
        migrations.RemoveIndex(
            model_name="work",
            name="work_canonical_language_cited",
        ),
        migrations.AddIndex(
            model_name="work",
            index=models.Index(
                models.F("merged_into"),
                models.OrderBy(models.F("cited_by_count"), descending=True),
                models.F("id"),
                name="work_canonical_cited",
            ),
        ),
        migrations.AddIndex(
            model_name="work",
            index=models.Index(
                models.F("merged_into"),
                models.F("language"),
                models.OrderBy(models.F("cited_by_count"), descending=True),
                models.F("id"),
                name="work_canonical_language_cited",
            ),
        ),
    ]
