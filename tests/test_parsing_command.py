"""`manage.py parse_references`: one reference per line in, items out, no database, clear errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = (
    "1. Buzan B. Regions and Powers. Cambridge: Cambridge University Press, 2003. 564 p.\n"
    "\n"
    "   \n"
    "- 2. Цели HATO в Кыргызстане // http://polit.kg/conference/5/274.\n"
)


def run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    if stdin is not None:
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
        try:
            call_command("parse_references", *args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command("parse_references", *args, stdout=out)
    return out.getvalue()


def test_file_gives_one_csl_item_per_non_blank_line(tmp_path: Path) -> None:
    source = tmp_path / "refs.txt"
    source.write_text(REFERENCES, encoding="utf-8")
    items = json.loads(run(str(source)))
    assert [item["id"] for item in items] == ["line-1", "line-4"]
    assert items[0]["type"] == "book" and items[0]["publisher"] == "Cambridge University Press"
    assert items[1]["title"] == "Цели НАТО в Кыргызстане"


def test_stdin_is_read_with_a_dash() -> None:
    items = json.loads(run("-", stdin=REFERENCES))
    assert len(items) == 2


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    source = tmp_path / "bom.txt"
    source.write_bytes("\ufeff".encode() + REFERENCES.encode())
    assert json.loads(run(str(source)))[0]["author"] == [{"family": "Buzan", "given": "B."}]


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_other_formats_are_rendered_by_the_formats_module(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "refs.txt"
    source.write_text(REFERENCES, encoding="utf-8")
    try:
        output = run(str(source), "--format", fmt)
    except CommandError as error:
        assert "not available" in str(error)
        return
    assert "Buzan" in output and "Regions and Powers" in output


def test_missing_file_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match=r"no/such/file\.txt: no such file"):
        run("no/such/file.txt")


def test_undecodable_file_names_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(b"Buzan B. Regions and Powers.\n\nIvanov I. \xcf\xf0\xe8\xec\xe5\xf0.\n")
    with pytest.raises(CommandError, match=r"latin1\.txt, line 3: not UTF-8"):
        run(str(source))


def test_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is a directory"):
        run(str(tmp_path))


def test_runs_without_a_database_and_without_a_traceback(tmp_path: Path) -> None:
    """A fresh checkout: the database file does not even have a directory yet."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/absent/db.sqlite3"}
    ok = subprocess.run(
        [sys.executable, "manage.py", "parse_references", "-"],
        input=REFERENCES,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert len(json.loads(ok.stdout)) == 2
    bad = subprocess.run(
        [sys.executable, "manage.py", "parse_references", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode != 0
    assert "nope.txt: no such file" in bad.stderr
    assert "Traceback" not in bad.stderr
