import re

import pytest


@pytest.fixture
def sitemap(client, db):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


def test_sitemap_lists_every_legal_page_in_both_languages(sitemap):
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))

    for path in ("/tilgaengelighed/", "/privatliv/", "/cookies/"):
        assert f"http://testserver{path}" in locations
        assert f"http://testserver/en{path}" in locations


def test_sitemap_lists_the_front_page_in_both_languages(sitemap):
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))

    assert {"http://testserver/", "http://testserver/en/"} <= locations


def test_sitemap_links_each_page_to_its_other_language(sitemap):
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/cookies/"/>'
        in sitemap
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="da" href="http://testserver/cookies/"/>' in sitemap
    )


def test_sitemap_leaves_out_private_pages(sitemap):
    assert "/konto/" not in sitemap
    assert "/min-konto/" not in sitemap
    assert "/admin/" not in sitemap


def test_robots_txt_allows_public_pages_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /konto/" in lines
    assert "Disallow: /en/min-konto/" in lines
    assert "Disallow: /" not in lines, "the public pages must stay crawlable"
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_sitemap_address_answers(client, db):
    body = client.get("/robots.txt", secure=True).content.decode()

    sitemap_line = next(line for line in body.splitlines() if line.startswith("Sitemap:"))
    assert sitemap_line == "Sitemap: https://testserver/sitemap.xml"
    assert client.get("/sitemap.xml", secure=True).status_code == 200


def test_robots_txt_is_cached_and_only_answers_get(client, db):
    response = client.get("/robots.txt")

    assert "max-age=86400" in response["Cache-Control"]
    assert client.post("/robots.txt").status_code == 405
