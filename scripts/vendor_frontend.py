#!/usr/bin/env python3
"""Refresh the vendored front-end files from the npm registry.

The versions are those pinned in package.json (and package-lock.json); change them there,
then run `make vendor`. Only the files a page actually loads are copied: DKFDS's minified
CSS and JS and exactly the fonts and images its CSS refers to, htmx's minified build,
Leaflet's build with its marker images (the catalogue's map), and axe-core for the
accessibility checks in the browser tests. The installed versions are
written to samskab/core/static/vendor/VERSIONS.txt.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "samskab" / "core" / "static" / "vendor"
AXE_TARGET = ROOT / "tests" / "browser" / "vendor"


def copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    # Minified files name their source map; the hashing static storage of production
    # follows that reference and fails when the map is missing, so it travels along.
    source_map = src.with_name(src.name + ".map")
    if src.suffix in (".js", ".css") and source_map.exists():
        shutil.copyfile(source_map, dest.with_name(dest.name + ".map"))


def vendor_dkfds(package: Path) -> None:
    dist = package / "dist"
    target = VENDOR / "dkfds"
    shutil.rmtree(target, ignore_errors=True)
    copy(dist / "css" / "dkfds.min.css", target / "css" / "dkfds.min.css")
    copy(dist / "js" / "dkfds.min.js", target / "js" / "dkfds.min.js")
    copy(dist / "LICENSE.md", target / "LICENSE.md")
    # The icon sprite, referenced as <use href="…/all-svg-icons.svg#name"> from templates.
    copy(dist / "img" / "all-svg-icons.svg", target / "img" / "all-svg-icons.svg")
    css = (dist / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    for reference in sorted(set(re.findall(r"url\(['\"]?\.\./([^'\")?#]+)", css))):
        copy(dist / reference, target / reference)
    for licence in (dist / "fonts").rglob("license.txt"):
        copy(licence, target / licence.relative_to(dist))
        break


def vendor_leaflet(package: Path) -> None:
    dist = package / "dist"
    target = VENDOR / "leaflet"
    shutil.rmtree(target, ignore_errors=True)
    copy(dist / "leaflet.js", target / "leaflet.js")
    copy(dist / "leaflet.css", target / "leaflet.css")
    for image in sorted((dist / "images").glob("*.png")):
        copy(image, target / "images" / image.name)
    copy(package / "LICENSE", target / "LICENSE")


def main() -> int:
    versions = json.loads((ROOT / "package.json").read_text())["dependencies"]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(ROOT / "package.json", tmp)
        lock = ROOT / "package-lock.json"
        if lock.exists():
            shutil.copy(lock, tmp)
            subprocess.run(["npm", "ci", "--ignore-scripts"], cwd=tmp, check=True)
        else:
            subprocess.run(["npm", "install", "--ignore-scripts"], cwd=tmp, check=True)
            shutil.copy(Path(tmp) / "package-lock.json", lock)
        modules = Path(tmp) / "node_modules"
        vendor_dkfds(modules / "dkfds")
        copy(modules / "htmx.org" / "dist" / "htmx.min.js", VENDOR / "htmx" / "htmx.min.js")
        copy(modules / "htmx.org" / "LICENSE", VENDOR / "htmx" / "LICENSE")
        vendor_leaflet(modules / "leaflet")
        copy(modules / "axe-core" / "axe.min.js", AXE_TARGET / "axe.min.js")
        copy(modules / "axe-core" / "LICENSE", AXE_TARGET / "LICENSE-axe-core")
        installed = {
            name: json.loads((modules / name / "package.json").read_text())["version"]
            for name in versions
        }
    lines = [f"{name} {version}" for name, version in sorted(installed.items())]
    (VENDOR / "VERSIONS.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
