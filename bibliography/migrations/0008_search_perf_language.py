"""Web search: canonical works of one language in "most cited" order, read from an index.

Without it SQLite (no ANALYZE statistics) filters a language through the
single-column language index and sorts tens of thousands of works.
"""

from django.db import migrations, models

import bibliography.models


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0007_dedup_perf"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="work",
            index=models.Index(
                models.F("merged_into"),
                models.F("language"),
                models.OrderBy(models.F("citation_count"), descending=True),
                bibliography.models.TitleSortKey(models.F("title")),
                models.F("id"),
                name="work_canonical_language_cited",
            ),
        ),
    ]
