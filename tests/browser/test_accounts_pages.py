"""Sign-up, login and "my account", in Danish and English, on a phone and on a desktop: they
load without console or CSP errors, axe-core finds nothing, and every field has its label."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

LANGUAGES = {
    "da": {
        "prefix": "",
        "signup_title": "Opret en konto",
        "login_title": "Log ind",
        "my_account_title": "Min konto",
        "email": "E-mailadresse",
        "display_name": "Visningsnavn",
        "optional": "valgfri",
        "password": "Adgangskode",
        "password_again": "Gentag adgangskoden",
        "create_account": "Opret konto",
        "log_in": "Log ind",
        "log_out": "Log ud",
        "forgot_password": "Glemt din adgangskode?",
        "your_profile": "Din profil",
        "download": "Hent mine data",
        "delete": "Slet min konto",
    },
    "en": {
        "prefix": "/en",
        "signup_title": "Create an account",
        "login_title": "Log in",
        "my_account_title": "My account",
        "email": "Email address",
        "display_name": "Display name",
        "optional": "optional",
        "password": "Password",
        "password_again": "Repeat the password",
        "create_account": "Create account",
        "log_in": "Log in",
        "log_out": "Log out",
        "forgot_password": "Forgot your password?",
        "your_profile": "Your profile",
        "download": "Download my data",
        "delete": "Delete my account",
    },
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


def expect_page(page, language, title):
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_title(re.compile(rf"^{re.escape(title)} · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_signup_page(page_at, live_server, transactional_db, viewport, language):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/konto/signup/")

    expect_page(page, language, text["signup_title"])
    main = page.get_by_role("main")
    expect(main.get_by_label(text["email"], exact=True)).to_be_editable()
    expect(main.get_by_label(f"{text['display_name']} ({text['optional']})")).to_be_editable()
    expect(main.get_by_label(text["password"], exact=True)).to_have_attribute("type", "password")
    expect(main.get_by_label(text["password_again"], exact=True)).to_have_attribute(
        "type", "password"
    )
    expect(main.get_by_role("button", name=text["create_account"])).to_be_visible()
    assert_accessible(page)


def test_login_page(page_at, live_server, transactional_db, viewport, language):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/konto/login/")

    expect_page(page, language, text["login_title"])
    main = page.get_by_role("main")
    expect(main.get_by_label(text["email"], exact=True)).to_be_editable()
    expect(main.get_by_label(text["password"], exact=True)).to_have_attribute("type", "password")
    expect(main.get_by_role("button", name=text["log_in"])).to_be_visible()
    expect(main.get_by_role("link", name=text["forgot_password"])).to_have_attribute(
        "href", f"{text['prefix']}/konto/password/reset/"
    )
    assert_accessible(page)


def test_my_account_page(page_at, live_server, citizen, viewport, language):
    text = LANGUAGES[language]
    page = page_at(viewport)
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}{text['prefix']}/min-konto/")

    expect_page(page, language, text["my_account_title"])
    expect(page.get_by_role("banner")).to_contain_text(citizen.display_name)
    expect(page.get_by_role("banner").get_by_role("button", name=text["log_out"])).to_be_visible()
    profile = page.get_by_role("table", name=text["your_profile"])
    expect(profile).to_contain_text(citizen.email)
    expect(profile).to_contain_text(citizen.display_name)
    main = page.get_by_role("main")
    expect(
        main.get_by_label(f"{text['display_name']} ({text['optional']})", exact=True)
    ).to_have_value(citizen.display_name)
    expect(main.get_by_role("link", name=text["download"])).to_have_attribute(
        "href", f"{text['prefix']}/min-konto/mine-data/"
    )
    expect(main.get_by_role("link", name=text["delete"])).to_be_visible()
    assert_accessible(page)
