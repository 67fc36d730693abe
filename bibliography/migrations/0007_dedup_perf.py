"""Blocking keys live on canonical works only (bibliography.dedup.blocking).

Before, a merged work kept its `WorkKey` rows, so a work cited N times had N
rows per key and its keys became stop keys. This hands every merged work's
keys to the canonical work at the end of its merge chain (each key once).
"""

from django.db import migrations

CHUNK = 500
MAX_CHAIN = 20


def root(links: dict[int, int], work_id: int) -> int:
    """The canonical work at the end of a merge chain."""
    for _ in range(MAX_CHAIN):
        if work_id not in links:
            break
        work_id = links[work_id]
    return work_id


def move_keys_to_canonical_works(apps, schema_editor):  # type: ignore[no-untyped-def]
    Work = apps.get_model("bibliography", "Work")
    WorkKey = apps.get_model("bibliography", "WorkKey")
    links = dict(Work.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into"))
    merged = sorted(links)
    for start in range(0, len(merged), CHUNK):
        chunk = merged[start : start + CHUNK]
        rows = {
            (root(links, work_id), key)
            for work_id, key in WorkKey.objects.filter(work_id__in=chunk).values_list("work_id", "key")
        }
        WorkKey.objects.bulk_create(
            [WorkKey(work_id=work_id, key=key) for work_id, key in sorted(rows)],
            ignore_conflicts=True,
            batch_size=CHUNK,
        )
        WorkKey.objects.filter(work_id__in=chunk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bibliography", "0006_search_perf"),
    ]

    operations = [
        migrations.RunPython(move_keys_to_canonical_works, migrations.RunPython.noop),
    ]
