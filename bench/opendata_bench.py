"""Memory and time of the open data's full exports at Esbjerg scale, on PostgreSQL.

    .venv/bin/python bench/opendata_bench.py
    .venv/bin/python bench/opendata_bench.py --json var/opendata-bench.json
    .venv/bin/python bench/opendata_bench.py --database-url postgres://postgres@127.0.0.1:5432/x

It uses its own database (default postgres://postgres@127.0.0.1:5432/samskab_opendata_bench),
created, migrated and filled the first time with the demo and ``generate_data --scale
esbjerg`` (10,000 activities, 100,000 sessions with a million sign-ups, 5,000 volunteer
opportunities with 50,000 shifts, …). Later runs measure straight away.

Each export runs in a fresh Python process with the benchmark settings (DEBUG off), which
first measures its **floor**: its resident memory (RSS) once Django is set up, every URL
resolved and a first query made, i.e. the idle process. Then it downloads the file through
Django's whole request handler and middleware, reading the streamed response to the end
and throwing the bytes away (as a client would write them to disk), and reports:

- the time to the last byte (and the Python process's own CPU time, which what else the
  machine does affects less), the bytes and the rows;
- the peak RSS of the process (``VmHWM``) and how much it rose above the floor;
- the peak of Python's own allocations during the download (``tracemalloc``, in a second
  download after the first, since tracing slows Python down and must not count in the time).

For comparison, the same rows read into a list and written as one CSV string (what a
non-streaming view would do) are measured the same way (``materialised``).
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import ensure_database, run, sql  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samskab_opendata_bench"
EXPORTS = (
    ("aktiviteter", "csv"),
    ("aktivitetsgange", "csv"),
    ("aktivitetsgange", "excel.csv"),
    ("aktivitetsgange", "json"),
    ("frivilligvagter", "csv"),
)
MATERIALISED = "aktivitetsgange"


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def _mib(kib: float) -> float:
    return round(kib / 1024, 1)


def _child(slug: str, extension: str, materialised: bool) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from samskab.opendata import formats
    from samskab.opendata.catalogue import dataset

    reverse("opendata:catalogue")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    floor = _status_kib("VmRSS")
    client = Client(SERVER_NAME="127.0.0.1")
    path = f"/data/{slug}.{extension}"

    def download() -> tuple[int, int]:
        if materialised:
            declared = dataset(slug)
            rows = list(declared.rows())
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(declared.column_names)
            writer.writerows([formats.csv_value(value) for value in row] for row in rows)
            body = buffer.getvalue().encode()
            return len(body), len(rows)
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        return size, lines - (2 if extension == "json" else 1)

    started, cpu_started = time.perf_counter(), time.process_time()
    size, rows = download()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = _status_kib("VmHWM")
    tracemalloc.start()
    download()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "export": f"{slug} (materialised)" if materialised else path,
        "rows": rows,
        "mib": round(size / 2**20, 1),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "floor_rss_mib": _mib(floor),
        "peak_rss_mib": _mib(peak),
        "above_floor_mib": _mib(peak - floor),
        "python_peak_mib": round(traced_peak / 2**20, 1),
    }


def measure(env: dict, slug: str, extension: str, materialised: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", slug, extension]
    if materialised:
        command.append("--materialised")
    output = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        command, cwd=ROOT, env=env, check=True, text=True, capture_output=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def prepare(env: dict, database_url: str) -> None:
    ensure_database(database_url)
    run("migrate", "--noinput", "-v", "0", env=env)
    generated = sql(
        database_url,
        "SELECT 1 FROM organisations_organisation WHERE slug LIKE 'gen-%%' LIMIT 1",
    )
    if generated:
        print("Esbjerg-scale data already generated; skipping generate_data.")
        return
    run("load_demo", env=env)
    started = time.monotonic()
    run("generate_data", "--scale", "esbjerg", env=env)
    print(f"generate_data --scale esbjerg took {time.monotonic() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument("--child", nargs=2, metavar=("SLUG", "EXTENSION"), help=argparse.SUPPRESS)
    parser.add_argument("--materialised", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(_child(*options.child, options.materialised)))
        return 0

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskab.settings.bench",
        "BENCH_DATABASE_URL": options.database_url,
        "DATABASE_URL": options.database_url,
        "PYTHONPATH": str(ROOT),
    }
    prepare({**env, "DJANGO_SETTINGS_MODULE": "samskab.settings.dev"}, options.database_url)
    results = [measure(env, slug, extension) for slug, extension in EXPORTS]
    results.append(measure(env, MATERIALISED, "csv", materialised=True))
    header = (
        "| export | rows | MiB | s | CPU s | floor RSS MiB | peak RSS MiB | above floor MiB | "
        "Python peak MiB |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for item in results:
        print(
            f"| {item['export']} | {item['rows']:,} | {item['mib']} | {item['seconds']} | "
            f"{item['cpu_seconds']} | "
            f"{item['floor_rss_mib']} | {item['peak_rss_mib']} | {item['above_floor_mib']} | "
            f"{item['python_peak_mib']} |"
        )
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
