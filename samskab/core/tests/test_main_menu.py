"""The header's main menu ({% main_menu %}), the layout's fixed links ({% fixed_url %})
and the page's addresses in the other language, all worked out without reversing or
resolving more than once."""

import html
import re
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from samskab.core import fixed_urls
from samskab.core.tests.page import Page
from tests.factories.organisations import OrganisationFactory

MENU = re.compile(r'<ul class="mainmenu">(.*?)</ul>', re.DOTALL)
ITEM = re.compile(
    r'<li(?P<current> class="active current")?><a href="(?P<href>[^"]+)" class="nav-link"'
    r'(?P<page> aria-current="page")?><span>(?P<label>[^<]*)</span></a></li>'
)


def menu(response) -> dict[str, dict]:
    """Label → {href, current, page} of every main-menu item, in order."""
    (items_html,) = MENU.findall(response.content.decode())
    items = {
        html.unescape(match["label"]): {
            "href": match["href"],
            "current": bool(match["current"]),
            "page": bool(match["page"]),
        }
        for match in ITEM.finditer(items_html)
    }
    assert len(items) == items_html.count("<li"), "an item is not in the expected markup"
    return items


def current(items: dict[str, dict]) -> dict[str, bool]:
    """Label → whether it is this very page, of the items marked current."""
    return {label: item["page"] for label, item in items.items() if item["current"]}


PUBLIC = ["Visionen", "Resultater", "Aktiviteter", "Bliv frivillig", "Idéer", "Borgerforslag"]
PUBLIC += ["Foreninger"]


def test_a_visitor_is_offered_the_public_pages_log_in_and_sign_up(client, db):
    items = menu(client.get("/cookies/"))

    assert list(items) == [*PUBLIC, "Log ind", "Opret konto"]
    assert items["Idéer"]["href"] == reverse("ideas:list")
    assert items["Log ind"]["href"] == reverse("account_login")
    assert not current(items)


def test_a_logged_in_person_gets_their_own_pages_instead_of_log_in(client, citizen):
    client.force_login(citizen)

    items = menu(client.get("/cookies/"))

    assert list(items) == [*PUBLIC, "Mine aktiviteter", "Notifikationer", "Min konto"]
    assert items["Mine aktiviteter"]["href"] == reverse("activities:mine")
    assert items["Notifikationer"]["href"] == reverse("notifications:list")


def test_staff_also_get_the_administration(client, staff_member):
    client.force_login(staff_member)

    items = menu(client.get("/cookies/"))

    assert list(items)[-1] == "Administration"
    assert items["Administration"]["href"] == reverse("admin:index")


@pytest.mark.parametrize(
    ("unread", "language", "label"),
    [
        (1, "da", "Notifikationer (1 ulæst)"),
        (3, "da", "Notifikationer (3 ulæste)"),
        (3, "en", "Notifications (3 unread)"),
        (0, "en", "Notifications"),
    ],
)
def test_the_notifications_item_counts_the_unread(client, citizen, unread, language, label):
    citizen.unread_notifications = unread
    citizen.save()
    client.force_login(citizen)

    items = menu(client.get("/en/cookies/" if language == "en" else "/cookies/"))

    assert items[label]["href"] == ("/en" if language == "en" else "") + "/notifikationer/"


def test_a_sections_item_is_current_on_its_page_and_the_pages_below_it(client, db):
    on_the_list = current(menu(client.get(reverse("ideas:list"))))
    below = current(menu(client.get(reverse("ideas:map"))))

    # The front page ("/") is no section: every address starts with it.
    assert on_the_list == {"Idéer": True}
    assert below == {"Idéer": False}


def test_an_item_that_is_no_section_is_current_on_its_own_page_only(client, db):
    assert current(menu(client.get("/"))) == {"Visionen": True}
    assert current(menu(client.get(reverse("account_login")))) == {"Log ind": True}
    assert current(menu(client.get(reverse("account_signup")))) == {"Opret konto": True}


def test_a_logged_in_sections_item_is_current_below_it(client, citizen):
    client.force_login(citizen)

    items = menu(client.get(reverse("notifications:settings")))

    assert current(items) == {"Notifikationer": False}


def test_english_pages_link_to_the_english_addresses(client, staff_member):
    client.force_login(staff_member)

    items = menu(client.get("/en/ideer/"))

    assert list(items) == [
        "The vision",
        "Results",
        "Activities",
        "Volunteer",
        "Ideas",
        "Citizen proposals",
        "Associations",
        "My activities",
        "Notifications",
        "My account",
        "Administration",
    ]
    assert items["The vision"]["href"] == "/en/"
    assert items["Ideas"]["href"] == "/en/ideer/"
    # The administration is not under the language prefix.
    assert items["Administration"]["href"] == "/admin/"
    assert all(
        item["href"].startswith("/en/")
        for label, item in items.items()
        if label != "Administration"
    )
    assert current(items) == {"Ideas": True}


def test_the_footer_and_the_brand_link_in_the_pages_language(client, db):
    english = Page(client.get("/en/cookies/"))
    danish = Page(client.get("/cookies/"))

    assert english.link("Accessibility statement").attrs["href"] == "/en/tilgaengelighed/"
    assert danish.link("Tilgængelighedserklæring").attrs["href"] == "/tilgaengelighed/"
    assert english.one("a", class_="samskab-brand").attrs["href"] == "/en/"


def test_an_app_that_is_not_mounted_leaves_no_item_and_the_menu_follows_the_urlconf(client, db):
    assert "Borgerforslag" in menu(client.get("/cookies/"))

    with override_settings(ROOT_URLCONF="samskab.core.tests.menu_urls"):
        without = menu(client.get("/cookies/"))

    assert list(without) == [
        label for label in menu(client.get("/cookies/")) if label != "Borgerforslag"
    ]
    assert "Borgerforslag" in menu(client.get("/cookies/"))


def test_a_request_routed_by_its_own_urlconf_gets_that_urlconfs_menu(client, db, settings):
    assert "Borgerforslag" in menu(client.get("/cookies/"))
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "samskab.core.tests.menu_urls.OwnUrlconfMiddleware",
    ]

    # A new client: the one above has built its middleware already.
    assert "Borgerforslag" not in menu(Client().get("/cookies/"))


def test_the_layout_reverses_its_links_once_per_language(client, citizen):
    client.force_login(citizen)
    client.get("/cookies/")
    client.get("/en/cookies/")

    with mock.patch.object(fixed_urls, "reverse", side_effect=reverse) as reversing:
        client.get("/privatliv/")
        client.get("/en/tilgaengelighed/")

    assert reversing.call_count == 0


def test_fixed_url_fails_like_the_url_tag_for_a_name_no_pattern_has(db):
    with pytest.raises(NoReverseMatch):
        Template("{% load core_tags %}{% fixed_url 'no:such_page' %}").render(Context())


def test_language_addresses_of_a_page_with_arguments(client, db):
    path = reverse("organisations:detail", kwargs={"slug": OrganisationFactory().slug})

    response = client.get(f"{path}?a=1")
    page = Page(response)

    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in page.all("link")
        if link.attrs.get("rel") == "alternate"
    }
    assert alternates == {
        "da": f"http://testserver{path}?a=1",
        "en": f"http://testserver/en{path}?a=1",
    }
    (switch,) = page.all("a", class_="samskab-language-link")
    assert switch.attrs["href"] == f"/en{path}?a=1"
    assert current(menu(response)) == {"Foreninger": False}


def test_language_addresses_of_a_request_that_was_never_routed(db):
    """A page rendered for a request built by hand (not through the URL resolver) still
    gets its addresses in both languages, by resolving its path."""
    request = RequestFactory().get("/en/privatliv/?x=1")
    request.user = mock.Mock(is_authenticated=False)

    with translation.override("en"):
        rendered = Template(
            "{% load core_tags %}{% language_switch_link request %}"
            "{% for code, url in request|alternate_language_urls %}"
            " {{ code }}={{ url }}{% endfor %}"
        ).render(Context({"request": request}))

    assert 'href="/privatliv/?x=1"' in rendered
    assert "da=http://testserver/privatliv/?x=1 en=http://testserver/en/privatliv/?x=1" in rendered
