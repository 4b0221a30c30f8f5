"""The one breadcrumbs of the site: ``{% breadcrumbs %}`` from core_tags, rendering DKFDS
markup from the front page to the current page, of any depth."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from samskab.core.tests.page import Page

SAMSKAB_DIR = Path(__file__).resolve().parents[2]
THE_INCLUDE = SAMSKAB_DIR / "core" / "templates" / "core" / "includes" / "breadcrumbs.html"


def render(source: str, **context) -> Page:
    html = Template("{% load core_tags %}" + source).render(Context(context))
    return Page(SimpleNamespace(status_code=200, content=html.encode()))


def crumbs(page: Page) -> list[tuple[str, str | None]]:
    """(text, href) of each item in order; href None for the current page."""
    items = page.all("li", class_="breadcrumbs__list-item")
    links = iter(page.all("a", class_="breadcrumbs__link"))
    result = []
    for item in items:
        href = None if item.attrs.get("aria-current") == "page" else next(links).attrs["href"]
        result.append((" ".join(item.text.split()), href))
    return result


def test_three_levels_below_the_front_page_in_order(db):
    page = render('{% breadcrumbs "/a/" "Alpha" "/a/b/" "Beta" "Gamma" %}')

    assert crumbs(page) == [("Forside", "/"), ("Alpha", "/a/"), ("Beta", "/a/b/"), ("Gamma", None)]
    nav = page.one("nav", class_="breadcrumbs")
    assert nav.attrs["aria-label"] == "Brødkrummesti"
    assert page.one("ol", class_="breadcrumbs__list").parents[-1] == "nav"


def test_only_the_current_page_is_marked_and_it_is_not_a_link(db):
    page = render('{% breadcrumbs "/a/" "Alpha" "/a/b/" "Beta" "Gamma" %}')

    current = page.one("li", **{"aria-current": "page"})
    assert " ".join(current.text.split()) == "Gamma"
    assert '<li class="breadcrumbs__list-item" aria-current="page">Gamma</li>' in page.html
    assert [a.attrs.get("aria-current") for a in page.all("a")] == [None, None, None]
    assert "Gamma" not in [" ".join(a.text.split()) for a in page.all("a")]


def test_every_link_is_followed_by_a_hidden_chevron(db):
    page = render('{% breadcrumbs "/a/" "Alpha" "Beta" %}')

    icons = page.all("svg", class_="icon-svg")
    assert len(icons) == 2
    assert all(icon.attrs["aria-hidden"] == "true" for icon in icons)
    assert all(use.attrs["href"].endswith("#chevron-right") for use in page.all("use"))


def test_the_front_page_alone_above_the_current_page(db):
    page = render('{% breadcrumbs "Cookies" %}')

    assert crumbs(page) == [("Forside", "/"), ("Cookies", None)]


def test_a_trail_from_the_view_comes_before_the_pairs_in_the_template(db):
    trail = [("/fokus/", "Fællesskab"), ("/initiativer/top/", "Top")]
    page = render('{% breadcrumbs "/x/" "Parent" "Here" trail=trail %}', trail=trail)

    assert crumbs(page) == [
        ("Forside", "/"),
        ("Fællesskab", "/fokus/"),
        ("Top", "/initiativer/top/"),
        ("Parent", "/x/"),
        ("Here", None),
    ]


def test_labels_and_urls_are_escaped(db):
    evil = "<script>alert(1)</script>"
    page = render("{% breadcrumbs url title title %}", url='/a/"onmouseover="x', title=evil)

    assert page.all("script") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.html
    assert crumbs(page)[1:] == [(evil, '/a/"onmouseover="x'), (evil, None)]
    assert all(set(a.attrs) == {"href", "class"} for a in page.all("a", class_="breadcrumbs__link"))


def test_translated_labels_in_the_template(db):
    page = render('{% breadcrumbs "/min-konto/" _("My account") _("Change password") %}')

    assert crumbs(page) == [
        ("Forside", "/"),
        ("Min konto", "/min-konto/"),
        ("Skift adgangskode", None),
    ]


def test_in_english(db):
    with translation.override("en"):
        page = render('{% breadcrumbs "/en/my-account/" _("My account") "Privacy" %}')

    assert page.one("nav", class_="breadcrumbs").attrs["aria-label"] == "Breadcrumb"
    assert crumbs(page) == [
        ("Front page", "/en/"),
        ("My account", "/en/my-account/"),
        ("Privacy", None),
    ]


@pytest.mark.parametrize(
    "arguments", ["", '"/a/" "Alpha"', '"/a/" "Alpha" "/b/" "Beta"'], ids=["none", "2", "4"]
)
def test_a_url_without_a_label_or_no_current_page_is_an_error(db, arguments):
    with pytest.raises(TemplateSyntaxError, match="url/label pairs"):
        render("{% breadcrumbs " + arguments + " %}")


def test_no_template_writes_its_own_breadcrumbs_markup():
    """Every page's breadcrumbs come from the one include (through the tag); the Django
    admin's own breadcrumbs (templates/admin/) are the admin's markup, not DKFDS."""
    own_markup = [
        path.relative_to(SAMSKAB_DIR).as_posix()
        for path in SAMSKAB_DIR.glob("*/templates/**/*.html")
        if path != THE_INCLUDE
        and "admin" not in path.relative_to(SAMSKAB_DIR).parts[2:3]
        and ("breadcrumbs__" in path.read_text() or 'class="breadcrumbs' in path.read_text())
    ]
    assert own_markup == []
