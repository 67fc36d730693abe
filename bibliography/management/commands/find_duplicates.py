"""`python manage.py find_duplicates [--auto-merge] [--json]`: dedup over the whole library."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bibliography.dedup.pipeline import find_duplicates


class Command(BaseCommand):
    help = (
        "Find duplicate works in the whole library through the blocking keys. Pairs that clear the "
        "auto-merge bar are merged with --auto-merge (otherwise queued like the others for review)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--auto-merge", action="store_true", help="merge the pairs above the high threshold")
        parser.add_argument("--json", action="store_true", help="one JSON object per merge or candidate pair")

    def handle(self, *args: Any, **options: Any) -> None:
        stages = ["indexing", "resolving"]
        last = [-1]

        def progress(done: int, total: int) -> None:
            if done < last[0] and len(stages) > 1:
                stages.pop(0)
            last[0] = done
            self.stderr.write(f"{stages[0]}: {done}/{total} works")

        summary = find_duplicates(auto_merge_pairs=options["auto_merge"], progress=progress)
        if options["json"]:
            for action in summary["actions"]:
                self.stdout.write(json.dumps(action, ensure_ascii=False))
        line = (
            f"{summary['works']} works: {summary['merged']} duplicate pairs above the auto-merge bar "
            f"({summary['merges_written']} merged), {summary['candidates']} pairs for review "
            f"({summary['candidates_written']} new candidates)"
        )
        (self.stderr if options["json"] else self.stdout).write(line)
