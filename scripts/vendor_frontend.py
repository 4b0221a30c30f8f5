#!/usr/bin/env python3
"""Refresh the vendored front-end files from the npm registry.

The versions are those pinned in package.json (and package-lock.json); change them there,
then run `make vendor` (with the project's virtualenv: fonttools makes the fonts). Only the
files a page actually loads are copied: DKFDS's minified CSS and JS and exactly the images
its CSS refers to, its IBM Plex Sans as WOFF2 subsets (below), an icon sprite with only the
icons Samskab uses (below), htmx's minified build,
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

# IBM Plex Sans as DKFDS ships it covers Latin, Greek, Cyrillic and more in 60 KB a weight,
# and its CSS offers the Regular weight as EOT and WOFF before WOFF2, so browsers fetched
# the WOFF. Each weight becomes two WOFF2 files instead: "latin" (what Danish and English
# text needs, about 18 KB) and "latin-ext" (the rest of Latin, fetched only by a page that
# has such a letter, e.g. in a name). Other scripts fall back to the visitor's own fonts.
FONT_SUBSETS = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,"
    "U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0300-036F,"
    "U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
}
FONT_WEIGHTS = {
    "Regular": (400, "normal"),
    "Italic": (400, "italic"),
    "Medium": (500, "normal"),
    "MediumItalic": (500, "italic"),
    "SemiBold": (600, "normal"),
    "SemiBoldItalic": (600, "italic"),
    "Bold": (700, "normal"),
    "BoldItalic": (700, "italic"),
}
FONTS = "fonts/IBMPlexSans/woff2"
# A stand-in for IBM Plex Sans while it loads: Arial (or a font with Arial's metrics),
# scaled and with Plex's ascent and descent, so that the text does not move when Plex
# arrives. size-adjust is Plex's width over Arial's for Danish and English text of that
# weight; the overrides are Plex's hhea metrics (1025/275/0 of 1000) divided by it.
FALLBACK_FACES = {
    400: (("Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo"), 1.0127),
    500: (("Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo"), 1.0353),
    600: (
        ("Arial Bold", "Arial-BoldMT", "Liberation Sans Bold", "LiberationSans-Bold"),
        0.9711,
    ),
    700: (
        ("Arial Bold", "Arial-BoldMT", "Liberation Sans Bold", "LiberationSans-Bold"),
        0.9851,
    ),
}
FALLBACK_FAMILY = "IBM Plex Sans fallback"
# What the templates and the focus areas' choice of icons (vision.models.Icon) use of
# DKFDS's sprite of every icon (53 KB); samskab/core/tests/test_front_end_assets.py checks
# that nothing used is missing.
ICON_SOURCES = ("samskab/**/templates/**/*.html", "samskab/vision/models.py")
ICON_REFERENCE = re.compile(r"icons\.svg' %\}#([a-z0-9-]+)")


def copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    # Minified files name their source map; the hashing static storage of production
    # follows that reference and fails when the map is missing, so it travels along.
    source_map = src.with_name(src.name + ".map")
    if src.suffix in (".js", ".css") and source_map.exists():
        shutil.copyfile(source_map, dest.with_name(dest.name + ".map"))


def subset_fonts(dist: Path, target: Path) -> str:
    """The WOFF2 subsets of every weight; their @font-face rules."""
    from fontTools import subset

    rules = []
    for name, (weight, style) in FONT_WEIGHTS.items():
        source = dist / "fonts" / "IBMPlexSans" / "complete" / "woff2" / f"IBMPlexSans-{name}.woff2"
        for subset_name, unicodes in FONT_SUBSETS.items():
            filename = f"IBMPlexSans-{name}-{subset_name}.woff2"
            (target / FONTS).mkdir(parents=True, exist_ok=True)
            subset.main(
                [
                    str(source),
                    f"--unicodes={unicodes}",
                    "--flavor=woff2",
                    f"--output-file={target / FONTS / filename}",
                ]
            )
            rules.append(
                "@font-face{font-display:swap;font-family:IBM Plex Sans;"
                f"font-style:{style};font-weight:{weight};"
                f'src:url(../{FONTS}/{filename}) format("woff2");unicode-range:{unicodes}}}'
            )
    for weight, (local_names, size_adjust) in FALLBACK_FACES.items():
        sources = ",".join(f'local("{local_name}")' for local_name in local_names)
        rules.append(
            f'@font-face{{font-family:"{FALLBACK_FAMILY}";font-style:normal;'
            f"font-weight:{weight};src:{sources};size-adjust:{size_adjust:.2%};"
            f"ascent-override:{1.025 / size_adjust:.2%};"
            f"descent-override:{0.275 / size_adjust:.2%};line-gap-override:0%}}"
        )
    return "".join(rules)


def dkfds_css(css: str, font_faces: str) -> str:
    """DKFDS's CSS with the font rules above instead of its own, and the stand-in font in
    its font stack."""
    plex_face = re.compile(r"@font-face\{[^}]*font-family:IBM Plex Sans;[^}]*\}")
    if len(plex_face.findall(css)) != len(FONT_WEIGHTS):
        raise SystemExit("DKFDS's @font-face rules changed: check FONT_WEIGHTS.")
    first = plex_face.search(css).start()
    css = plex_face.sub("", css)
    css = css[:first] + font_faces + css[first:]
    stack = 'font-family:IBM Plex Sans,"system-ui",system,sans-serif'
    if stack not in css:
        raise SystemExit("DKFDS's font stack changed: check dkfds_css().")
    return css.replace(
        stack, f'font-family:IBM Plex Sans,"{FALLBACK_FAMILY}","system-ui",system,sans-serif'
    )


def used_icons() -> set[str]:
    names = set()
    for pattern in ICON_SOURCES:
        for path in ROOT.glob(pattern):
            text = path.read_text(encoding="utf-8")
            names.update(ICON_REFERENCE.findall(text))
            if path.name == "models.py":
                icon_class = text.split("class Icon(", 1)[1].split("\nclass ", 1)[0]
                names.update(re.findall(r'= "([a-z0-9-]+)", _\(', icon_class))
    return names


def icon_sprite(sprite: str, names: set[str]) -> str:
    """DKFDS's sprite with only the named symbols (each is one <symbol>…</symbol>)."""
    found = {
        name: match.group(0)
        for name in names
        if (match := re.search(rf'(?s)<symbol id="{re.escape(name)}".*?</symbol>', sprite))
    }
    missing = sorted(set(names) - set(found))
    if missing:
        raise SystemExit(f"Icons not in DKFDS's sprite: {', '.join(missing)}")
    body = "".join(found[name] for name in sorted(found))
    return f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>\n'


def vendor_dkfds(package: Path) -> None:
    dist = package / "dist"
    target = VENDOR / "dkfds"
    shutil.rmtree(target, ignore_errors=True)
    copy(dist / "css" / "dkfds.min.css", target / "css" / "dkfds.min.css")
    copy(dist / "js" / "dkfds.min.js", target / "js" / "dkfds.min.js")
    copy(dist / "LICENSE.md", target / "LICENSE.md")
    # The icon sprite, referenced as <use href="…/icons.svg#name"> from templates.
    sprite = (dist / "img" / "all-svg-icons.svg").read_text(encoding="utf-8")
    (target / "img").mkdir(parents=True, exist_ok=True)
    (target / "img" / "icons.svg").write_text(icon_sprite(sprite, used_icons()), encoding="utf-8")
    css = (dist / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    css = dkfds_css(css, subset_fonts(dist, target))
    # The source map describes the original file, not this one.
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)
    (target / "css" / "dkfds.min.css").write_text(css, encoding="utf-8")
    (target / "css" / "dkfds.min.css.map").unlink(missing_ok=True)
    for reference in sorted(set(re.findall(r"url\(['\"]?\.\./([^'\")?#]+)", css))):
        if not (target / reference).exists():
            copy(dist / reference, target / reference)
    # Every glyph of every weight, for documents rendered on the server where any name
    # must print (the certificate PDF, samskab/certificates/pdf.py); no page loads these.
    for name in FONT_WEIGHTS:
        complete = (
            Path("fonts") / "IBMPlexSans" / "complete" / "woff2" / f"IBMPlexSans-{name}.woff2"
        )
        copy(dist / complete, target / complete)
    for licence in (dist / "fonts").rglob("license.txt"):
        copy(licence, target / "fonts" / "IBMPlexSans" / "license.txt")
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
