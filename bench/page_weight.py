#!/usr/bin/env python3
"""Bytes a first visit to each main page transfers, as served with production-like settings.

    .venv/bin/python bench/page_weight.py [--fresh] [--json var/page_weight.json]

Serves the demo data with gunicorn and samskab.settings.bench (bench/frontend.py: DEBUG off,
WhiteNoise with the compressed, hashed static files) on 127.0.0.1, opens each main page in
Debian's Chromium (headless, a phone's viewport, an empty cache and no cookies: a first
visit) and adds up what the network delivered for the page and everything it loads until
the network is quiet: Chromium's ``encodedDataLength``, i.e. headers plus the body as sent
(compressed where the server compressed it). Printed per page and by kind of resource.
Exits with 1 when the front page transfers more than ``--budget-kb`` (default 150 KB, the
issue's target; KB = 1,000 bytes).
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import frontend  # noqa: E402 (after the path above)

PHONE = {"width": 412, "height": 823}
KINDS = {
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Font": "fonts",
    "Image": "images",
}


def measure(browser, url: str) -> dict:
    """One first visit: bytes per kind of resource, the requests, and their encodings."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    kinds: dict[str, str] = {}
    urls: dict[str, str] = {}
    encodings: dict[str, str] = {}
    sizes: dict[str, int] = {}

    def response_received(event):
        request_id = event["requestId"]
        kinds[request_id] = KINDS.get(event.get("type", ""), "other")
        urls[request_id] = event["response"]["url"]
        headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
        encodings[request_id] = headers.get("content-encoding", "")

    def loading_finished(event):
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", response_received)
    cdp.on("Network.loadingFinished", loading_finished)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    by_kind: dict[str, int] = defaultdict(int)
    resources = []
    for request_id, size in sizes.items():
        if not urls.get(request_id, "").startswith("http"):
            continue  # data: addresses inside a stylesheet are part of it, not requests
        kind = kinds.get(request_id, "other")
        by_kind[kind] += size
        resources.append(
            {
                "url": urls.get(request_id, "?"),
                "kind": kind,
                "bytes": size,
                "encoding": encodings.get(request_id, ""),
            }
        )
    resources.sort(key=lambda resource: -resource["bytes"])
    return {
        "bytes": sum(resource["bytes"] for resource in resources),
        "requests": len(resources),
        "by_kind": dict(by_kind),
        "resources": resources,
    }


def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def table(results: list[dict]) -> str:
    columns = ["html", "css", "js", "fonts", "images", "other"]
    lines = [
        "| page | requests | KB transferred | " + " | ".join(columns) + " |",
        "|---|---:|---:|" + "---:|" * len(columns),
    ]
    for result in results:
        cells = [kb(result["by_kind"].get(column, 0)) for column in columns]
        lines.append(
            f"| {result['label']} | {result['requests']} | {kb(result['bytes'])} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="load the demo database again")
    parser.add_argument("--json", type=Path, help="also write every resource to this file")
    parser.add_argument("--budget-kb", type=float, default=150.0)
    parser.add_argument("--verbose", action="store_true", help="list each page's resources")
    options = parser.parse_args()

    env = frontend.prepare(fresh=options.fresh)
    selected = frontend.pages(env)
    from playwright.sync_api import sync_playwright

    results = []
    with frontend.server(env) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=frontend.chromium(),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            # One visit first, so that no page pays for a worker's first request.
            measure(browser, origin + "/")
            for label, path in selected:
                result = measure(browser, origin + path)
                results.append({"label": label, "path": path, **result})
        finally:
            browser.close()

    print(table(results))
    if options.verbose:
        for result in results:
            print(f"\n{result['label']} ({result['path']})")
            for resource in result["resources"]:
                name = resource["url"].split("/", 3)[-1]
                encoding = resource["encoding"] or "identity"
                print(
                    f"  {kb(resource['bytes']):>7} KB  {resource['kind']:<6} {encoding:<8} /{name}"
                )
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    front = results[0]
    if front["bytes"] > options.budget_kb * 1000:
        print(f"\nThe front page transfers {kb(front['bytes'])} KB: over {options.budget_kb:g} KB.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
