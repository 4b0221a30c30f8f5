"""What a first visit downloads: the fonts (WOFF2 only, the first screen's preloaded), the
icon sprite with every icon the pages use, and pages gzipped by nginx in front (issue 14; the
figures come from bench/page_weight.py and bench/lighthouse.py)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import get_template

from samskab.vision.models import Icon

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
DKFDS_CSS = "vendor/dkfds/css/dkfds.min.css"
SPRITE = "vendor/dkfds/img/icons.svg"
ICON_REFERENCE = re.compile(r"icons\.svg' %\}#([^\"]+)\"")
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>')


def static_text(path: str) -> str:
    return Path(finders.find(path)).read_text(encoding="utf-8")


def test_the_fonts_are_woff2_only_and_exist():
    css = static_text(DKFDS_CSS)
    fonts = re.findall(r"url\(\.\./(fonts/[^)]+)\)", css)

    assert fonts
    assert all(font.endswith(".woff2") for font in fonts), fonts
    for font in fonts:
        assert finders.find(f"vendor/dkfds/{font}"), font
    assert not re.search(r"\.(woff|eot|ttf)\b", css)


def test_the_font_stack_has_the_metric_matched_stand_in():
    css = static_text(DKFDS_CSS)

    assert 'font-family:IBM Plex Sans,"IBM Plex Sans fallback"' in css
    stand_ins = re.findall(r'@font-face\{font-family:"IBM Plex Sans fallback";[^}]*\}', css)
    assert len(stand_ins) == 4
    assert all("size-adjust:" in rule and "ascent-override:" in rule for rule in stand_ins)


def test_every_page_preloads_the_first_screens_fonts_as_the_stylesheet_names_them(client):
    html = client.get("/").content.decode()
    preloaded = PRELOAD.findall(html)

    assert len(preloaded) == 3
    css = static_text(DKFDS_CSS)
    for url in preloaded:
        name = url.rsplit("/", 1)[1]
        assert name.endswith("-latin.woff2")
        # The stylesheet asks for the same file, so the preloaded copy is the one used.
        assert f"/{name})" in css
        assert html.index(url) < html.index("dkfds.min.css")


def test_the_sprite_has_every_icon_the_templates_and_focus_areas_use():
    sprite = static_text(SPRITE)
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite))
    used = {choice.value for choice in Icon}
    for template in ROOT.glob("samskab/**/templates/**/*.html"):
        for name in ICON_REFERENCE.findall(template.read_text(encoding="utf-8")):
            if "{" not in name:
                used.add(name)

    assert "chevron-right" in used
    assert used <= symbols, sorted(used - symbols)
    assert "all-svg-icons" not in get_template("core/includes/header.html").template.source


def test_pages_are_gzipped_by_the_proxy_in_front_not_by_the_app_servers(client):
    """gunicorn's workers spend no CPU on compressing; nginx does it (deploy/nginx), for
    the operators' site and the loopback stack alike."""
    proxy = (ROOT / "deploy" / "nginx" / "samskab-proxy.conf").read_text(encoding="utf-8")
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in response
    for directive in ("gzip on;", "gzip_vary on;", "gzip_proxied any;"):
        assert directive in proxy
