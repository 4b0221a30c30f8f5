#!/usr/bin/env python3
"""Lighthouse's mobile performance and accessibility scores of the main pages.

    make lighthouse && .venv/bin/python bench/lighthouse.py [--runs 3] [--fresh]

Serves the demo data with gunicorn and samskab.settings.bench on 127.0.0.1, as
bench/page_weight.py does (bench/frontend.py), and runs Lighthouse (pinned in
tools/lighthouse, installed by `make lighthouse`) on each main page with Debian's Chromium,
headless: Lighthouse's default configuration, i.e. a mid-range phone with simulated slow
4G and a 4x slower CPU. Each page is asked for a few times first, so that it comes from the
page cache where it would as deployed. Every page is measured ``--runs`` times; the median run by
performance score is reported with its Core Web Vitals. Exits with 1 when a page scores
below 0.95 for performance or below 1.00 for accessibility (the issue's targets).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import frontend  # noqa: E402 (after the path above)

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
TARGETS = {"performance": 0.95, "accessibility": 1.0}
AUDITS = {
    "FCP s": ("first-contentful-paint", 1000),
    "LCP s": ("largest-contentful-paint", 1000),
    "TBT ms": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", None),
    "SI s": ("speed-index", 1000),
    "KB": ("total-byte-weight", 1000),
}


def lighthouse(url: str, output: Path, *, attempts: int = 3) -> dict:
    """One Lighthouse run. On a busy machine Chromium now and then loses the trace
    (NO_NAVSTART, NO_FCP); such a run is done again, and a page that fails every time
    stops the bench."""
    env = dict(os.environ, CHROME_PATH=frontend.chromium())
    for attempt in range(1, attempts + 1):
        finished = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={output}",
                "--only-categories=performance,accessibility",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env=env,
            check=False,
        )
        if finished.returncode == 0:
            return json.loads(output.read_text(encoding="utf-8"))
        print(f"Lighthouse failed on {url} (attempt {attempt} of {attempts})", flush=True)
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}.")


def summary(report: dict) -> dict:
    row = {name: report["categories"][name]["score"] for name in TARGETS}
    for column, (audit, divisor) in AUDITS.items():
        value = report["audits"][audit].get("numericValue", 0.0)
        row[column] = round(value, 3) if divisor is None else round(value / divisor, 2)
    row["failed accessibility audits"] = sorted(
        audit_id
        for audit_id, audit in report["audits"].items()
        if audit.get("score") == 0
        and audit_id in {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}
    )
    return row


def table(results: list[dict]) -> str:
    columns = ["performance", "accessibility", *AUDITS]
    lines = [
        "| page | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for result in results:
        cells = []
        for column in columns:
            value = result[column]
            cells.append(f"{value:.2f}" if column in TARGETS else f"{value:g}")
        lines.append(f"| {result['label']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median reported)")
    parser.add_argument("--fresh", action="store_true", help="load the demo database again")
    parser.add_argument("--only", help="only the pages whose label contains this")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse`.")

    env = frontend.prepare(fresh=options.fresh)
    selected = [
        (label, path)
        for label, path in frontend.pages(env)
        if not options.only or options.only in label
    ]
    results = []
    with frontend.server(env) as origin, tempfile.TemporaryDirectory() as tmp:
        for label, path in selected:
            runs = []
            for number in range(options.runs):
                # Cached pages expire after a minute (PUBLIC_PAGE_CACHE_SECONDS).
                frontend.warm(origin + path)
                runs.append(summary(lighthouse(origin + path, Path(tmp) / f"run{number}.json")))
            runs.sort(key=lambda run: run["performance"])
            median = runs[len(runs) // 2]
            median["performance runs"] = [run["performance"] for run in runs]
            median["performance spread"] = round(statistics.pstdev(median["performance runs"]), 3)
            results.append({"label": label, "path": path, **median})
            print(
                f"{label}: performance {median['performance']:.2f} "
                f"(runs {median['performance runs']}), "
                f"accessibility {median['accessibility']:.2f}, CLS {median['CLS']}",
                flush=True,
            )

    print()
    print(table(results))
    failed = [
        f"{result['label']}: {name} {result[name]:.2f} < {target:.2f}"
        + (
            f" ({', '.join(result['failed accessibility audits'])})"
            if name == "accessibility"
            else ""
        )
        for result in results
        for name, target in TARGETS.items()
        if result[name] < target
    ]
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if failed:
        print("\nBelow target:\n  " + "\n  ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
