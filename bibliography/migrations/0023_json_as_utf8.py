"""JSON columns written as UTF-8 text (`bibliography.lib.json_text`): the columns are unchanged.

The encoder only changes what Python writes; rows written before stay valid
JSON and read back the same. State only: SQLite would otherwise copy each
table whole to "alter" a column whose type did not change.
"""

from typing import Any

from django.db import migrations, models

from bibliography.lib.json_text import Utf8JSONEncoder

PARSED = {"blank": True, "default": dict, "help_text": "The parser's CSL-JSON item."}
CURATED = {"blank": True, "default": list, "help_text": "Fields a person edited: never overwritten."}
RECORD = {"blank": True, "default": dict, "help_text": "The Crossref work record."}
SNAPSHOT = {"default": dict, "help_text": "Fields, moved rows and conflicts before the merge."}
DICT, LIST = {"blank": True, "default": dict}, {"blank": True, "default": list}

# (model, field): the field's options besides the encoder, as models.py declares them.
JSON_FIELDS: dict[tuple[str, str], dict[str, Any]] = {
    ("article", "import_report"): DICT,
    ("article", "languages"): LIST,
    ("citation", "parsed"): PARSED,
    ("doimatch", "evidence"): DICT,
    ("doimatch", "record"): RECORD,
    ("duplicatecandidate", "evidence"): DICT,
    ("historicalarticle", "import_report"): DICT,
    ("historicalarticle", "languages"): LIST,
    ("historicalcitation", "parsed"): PARSED,
    ("historicaldoimatch", "evidence"): DICT,
    ("historicalduplicatecandidate", "evidence"): DICT,
    ("historicalwork", "curated_fields"): CURATED,
    ("mergerecord", "snapshot"): SNAPSHOT,
    ("work", "curated_fields"): CURATED,
}


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0022_fts_no_two_letter_prefix"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name=model, name=name, field=models.JSONField(encoder=Utf8JSONEncoder, **options)
                )
                for (model, name), options in JSON_FIELDS.items()
            ],
        ),
    ]
