"""`manage.py crossref_mock`: run the Crossref-shaped loopback server by hand.

Point the application at it with `CROSSREF_API_URL=http://127.0.0.1:PORT` to
try `resolve_dois` on a machine that cannot reach api.crossref.org.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from bibliography.crossref.mock_server import POLITE, PUBLIC, Limits, MockCrossref

DEFAULT_RECORDS = Path(settings.BASE_DIR) / "tests" / "data" / "crossref" / "works.jsonl"


class Command(BaseCommand):
    help = "Serve recorded Crossref records on 127.0.0.1 with Crossref's routes, headers and limits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=0, help="0 picks a free port.")
        parser.add_argument("--records", type=Path, default=DEFAULT_RECORDS, help="JSON lines of work records.")
        parser.add_argument("--rate", type=int, help="Requests per interval for both pools.")
        parser.add_argument("--concurrency", type=int, help="Concurrent requests for both pools.")
        parser.add_argument("--latency", type=float, default=0.0, help="Seconds added to every answer.")

    def handle(self, *args: Any, **options: Any) -> None:
        public, polite = PUBLIC, POLITE
        if options["rate"] or options["concurrency"]:
            public = polite = Limits(options["rate"] or POLITE.limit, 1.0, options["concurrency"] or POLITE.concurrency)
        server = MockCrossref.from_jsonl(options["records"], public=public, polite=polite, latency=options["latency"])
        url = server.start(options["port"])
        self.stdout.write(f"Mock Crossref with {len(server.index.records)} records at {url} (Ctrl-C stops)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.stop()
