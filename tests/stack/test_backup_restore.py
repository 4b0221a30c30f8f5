"""deploy/backup and deploy/restore: a backup restored into a fresh database and an empty
MEDIA_ROOT gives the same rows in every table (count and checksum), the same sequences and
the same uploaded files; and nginx serves the uploads."""

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from deploy.stack import ROOT, Stack
from tests.stack.client import Visitor

pytestmark = pytest.mark.stack

RESTORED = "samskab_restored"


def table_fingerprints(stack: Stack, database: str) -> dict[str, str]:
    """Per table: its row count and the md5 of all its rows in a fixed order."""
    tables = stack.psql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        database=database,
    ).split()
    # The names come from the catalogue of our own database.
    statements = " UNION ALL ".join(
        f"SELECT '{table}', count(*), "  # noqa: S608
        f"md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
        f'FROM public."{table}" t'
        for table in tables
    )
    rows = stack.psql(statements, database=database).splitlines()
    return {row.split("|")[0]: row for row in rows}


def sequences(stack: Stack, database: str) -> str:
    return stack.psql(
        "SELECT sequencename, last_value FROM pg_sequences "
        "WHERE schemaname = 'public' ORDER BY sequencename",
        database=database,
    )


def files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run(script: str, *args: str, env: dict) -> list[str]:
    result = subprocess.run(
        [str(ROOT / "deploy" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_nginx_serves_uploaded_files(stack, seeded):
    answer = Visitor(stack.ports.proxy).get(seeded["logo"])

    assert answer.status == 200
    assert answer.body == (stack.media_root / seeded["logo"].removeprefix("/media/")).read_bytes()
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in answer.headers["content-security-policy"]


def test_a_backup_restored_into_a_fresh_database_is_identical(stack, seeded, tmp_path, figures):
    # Nothing may change the database between the backup and the comparison.
    workers = [name for name in list(stack.pids) if name.startswith("worker")]
    for name in workers:
        stack.terminate(name)
    try:
        backup = run(
            "backup",
            str(tmp_path / "backups"),
            env={"DATABASE_URL": stack.database_url(), "MEDIA_ROOT": str(stack.media_root)},
        )
        original_tables = table_fingerprints(stack, "samskab")
        original_sequences = sequences(stack, "samskab")
    finally:
        for name in workers:
            stack.start_worker(int(name.removeprefix("worker")))
    dump, media = backup
    assert Path(dump).name.endswith(".dump") and Path(media).name.endswith(".tar.gz")

    stack.psql(f"CREATE DATABASE {RESTORED}", database="postgres")
    restored_media = tmp_path / "restored-media"
    run(
        "restore",
        dump,
        media,
        env={"DATABASE_URL": stack.database_url(RESTORED), "MEDIA_ROOT": str(restored_media)},
    )

    restored_tables = table_fingerprints(stack, RESTORED)
    assert restored_tables == original_tables
    assert sequences(stack, RESTORED) == original_sequences
    original_files = files(stack.media_root)
    assert original_files  # the logo at least
    assert files(restored_media) == original_files
    rows = sum(int(row.split("|")[1]) for row in original_tables.values())
    figures(
        "backup and restore",
        {
            "tables": len(original_tables),
            "rows": rows,
            "files": len(original_files),
            "dump_bytes": Path(dump).stat().st_size,
        },
    )


def test_restore_refuses_a_database_that_is_not_empty(stack, tmp_path):
    result = subprocess.run(
        [str(ROOT / "deploy" / "restore"), "/dev/null", "/dev/null"],
        env={
            **os.environ,
            "DATABASE_URL": stack.database_url(),
            "MEDIA_ROOT": str(tmp_path / "media"),
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "restore into an empty one" in result.stderr
