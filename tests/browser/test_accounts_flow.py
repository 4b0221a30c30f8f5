"""A citizen's way through the accounts, driven in the browser: sign up, open the link in the
email, confirm, log in, download their data and log out; in English the email is English.
Without JavaScript the forms still work. A forgotten password is replaced, and an account
is deleted only with its password."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from samskab.accounts.models import User
from tests.browser.conftest import PHONE, assert_accessible, log_in
from tests.factories import PASSWORD as CITIZEN_PASSWORD

NEW_EMAIL = "nanna.ny@example.dk"
NEW_PASSWORD = "Vadehavet-Solnedgang-77"


def confirmation_link(message, live_server):
    match = re.search(r"https?://\S+/konto/confirm-email/\S+/", message.body)
    assert match, f"No confirmation link in:\n{message.body}"
    link = match.group(0)
    assert link.startswith(live_server.url), link
    return link


def fill_signup_form(page, *, email, display_name, password, labels):
    main = page.get_by_role("main")
    main.get_by_label(labels["email"], exact=True).fill(email)
    main.get_by_label(labels["display_name"], exact=True).fill(display_name)
    main.get_by_label(labels["password"], exact=True).fill(password)
    main.get_by_label(labels["password_again"], exact=True).fill(password)
    main.get_by_role("button", name=labels["create_account"]).click()


def fill_login_form(page, *, email, password, labels):
    main = page.get_by_role("main")
    main.get_by_label(labels["email"], exact=True).fill(email)
    main.get_by_label(labels["password"], exact=True).fill(password)
    main.get_by_role("button", name=labels["log_in"]).click()


DANISH = {
    "email": "E-mailadresse",
    "display_name": "Visningsnavn (valgfri)",
    "password": "Adgangskode",
    "password_again": "Gentag adgangskoden",
    "create_account": "Opret konto",
    "log_in": "Log ind",
}
ENGLISH = {
    "email": "Email address",
    "display_name": "Display name (optional)",
    "password": "Password",
    "password_again": "Repeat the password",
    "create_account": "Create account",
    "log_in": "Log in",
}


def test_sign_up_confirm_log_in_download_data_and_log_out(
    page_at, live_server, vision_demo, citizen, mailoutbox
):
    page = page_at(PHONE)
    page.goto(f"{live_server.url}/konto/signup/")
    fill_signup_form(
        page, email=NEW_EMAIL, display_name="Nanna Ny", password=NEW_PASSWORD, labels=DANISH
    )

    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")
    assert_accessible(page)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [NEW_EMAIL]
    assert message.subject == "Bekræft din e-mailadresse for at gøre din konto klar – Samskab"
    assert message.body.startswith("Hej,")
    assert "tryk på “Bekræft”" in message.body
    link = confirmation_link(message, live_server)
    assert urlsplit(link).path.startswith("/konto/confirm-email/")

    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekræft din e-mailadresse")
    expect(page.get_by_role("main")).to_contain_text(NEW_EMAIL)
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Bekræft").click()

    expect(page).to_have_url(f"{live_server.url}/konto/login/")
    expect(page.locator(".samskab-messages")).to_contain_text(f"Tak. {NEW_EMAIL} er nu bekræftet.")
    assert_accessible(page)
    fill_login_form(page, email=NEW_EMAIL, password=NEW_PASSWORD, labels=DANISH)

    expect(page).to_have_url(f"{live_server.url}/min-konto/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min konto")
    expect(page.locator(".samskab-messages")).to_contain_text("Du er logget ind som Nanna Ny.")
    expect(page.get_by_role("banner")).to_contain_text("Logget ind som Nanna Ny")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("main").get_by_role("link", name="Hent mine data").click()
    download = download_info.value
    assert re.fullmatch(r"samskab-my-data-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    raw = Path(download.path()).read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["user"]["email"] == NEW_EMAIL
    assert data["user"]["display_name"] == "Nanna Ny"
    assert data["user"]["preferred_language"] == "da"
    assert data["email_addresses"] == [{"email": NEW_EMAIL, "verified": True, "primary": True}]
    assert citizen.email not in raw
    assert citizen.display_name not in raw

    page.get_by_role("banner").get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".samskab-messages")).to_contain_text("Du er logget ud.")
    menu = page.get_by_role("navigation", name="Hovedmenu")
    expect(menu.get_by_role("link", name="Log ind")).to_be_visible()
    expect(page.get_by_role("banner")).not_to_contain_text("Nanna Ny")
    assert_accessible(page)


def test_signing_up_in_english_sends_an_english_email_and_stays_in_english(
    page_at, live_server, transactional_db, mailoutbox
):
    page = page_at()
    page.goto(f"{live_server.url}/en/konto/signup/")
    fill_signup_form(
        page, email=NEW_EMAIL, display_name="Nina New", password=NEW_PASSWORD, labels=ENGLISH
    )

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [NEW_EMAIL]
    assert message.subject == "Confirm your email address to finish creating your account – Samskab"
    assert message.body.startswith("Hello,")
    assert "To confirm your email address, open this link and press “Confirm”." in message.body
    assert "Best regards," in message.body
    assert "Bekræft" not in message.body
    link = confirmation_link(message, live_server)
    assert urlsplit(link).path.startswith("/en/konto/confirm-email/")

    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    page.get_by_role("main").get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{live_server.url}/en/konto/login/")
    expect(page.locator(".samskab-messages")).to_contain_text(
        f"Thank you. {NEW_EMAIL} is now confirmed."
    )
    fill_login_form(page, email=NEW_EMAIL, password=NEW_PASSWORD, labels=ENGLISH)

    # The language the person signed up in is the one they are sent on in.
    expect(page).to_have_url(f"{live_server.url}/en/min-konto/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")


def test_without_javascript_sign_up_and_login_forms_work(page_at, live_server, citizen, mailoutbox):
    page = page_at(PHONE, java_script_enabled=False)

    page.goto(f"{live_server.url}/konto/signup/")
    fill_signup_form(
        page, email=NEW_EMAIL, display_name="Nanna Ny", password=NEW_PASSWORD, labels=DANISH
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")
    assert [message.to for message in mailoutbox] == [[NEW_EMAIL]]

    page.goto(f"{live_server.url}/konto/login/")
    # A wrong password is refused with a message, and the address typed is kept.
    fill_login_form(page, email=citizen.email, password="forkert-kode-123", labels=DANISH)
    expect(page.get_by_role("main")).to_contain_text(
        "E-mailadressen eller adgangskoden er forkert."
    )
    expect(page.get_by_label("E-mailadresse", exact=True)).to_have_value(citizen.email)

    fill_login_form(page, email=citizen.email, password=CITIZEN_PASSWORD, labels=DANISH)
    expect(page).to_have_url(f"{live_server.url}/min-konto/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min konto")
    expect(page.get_by_role("banner")).to_contain_text(citizen.display_name)

    page.get_by_role("banner").get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_contain_text("Log ind")


def test_forgotten_password_is_replaced_through_the_emailed_link(
    page_at, live_server, citizen, mailoutbox
):
    page = page_at(PHONE)
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_role("main").get_by_role("link", name="Glemt din adgangskode?").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Glemt din adgangskode?")
    assert_accessible(page)
    page.get_by_label("E-mailadresse", exact=True).fill(citizen.email)
    page.get_by_role("main").get_by_role("button", name="Send linket").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")
    assert [message.to for message in mailoutbox] == [[citizen.email]]
    message = mailoutbox[0]
    assert message.subject == "Vælg en ny adgangskode – Samskab"
    match = re.search(r"https?://\S+/konto/password/reset/key/\S+/", message.body)
    assert match, message.body

    page.goto(match.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en ny adgangskode")
    assert_accessible(page)
    page.get_by_label("Ny adgangskode", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Gentag den nye adgangskode", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Gem den nye adgangskode").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Din adgangskode er ændret")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Log ind").click()
    fill_login_form(page, email=citizen.email, password=NEW_PASSWORD, labels=DANISH)
    expect(page).to_have_url(f"{live_server.url}/min-konto/")


def test_deleting_the_account_asks_for_the_password_first(page_at, live_server, citizen):
    page = page_at()
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}/min-konto/")
    page.get_by_role("main").get_by_role("link", name="Slet min konto").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Slet min konto")
    assert_accessible(page)
    delete = page.get_by_role("main").get_by_role("button", name="Slet min konto endeligt")
    page.get_by_label("Din adgangskode", exact=True).fill("ikke-min-kode-42")
    delete.click()

    expect(page.get_by_role("main")).to_contain_text("Adgangskoden er forkert. Intet er slettet.")
    assert User.objects.filter(pk=citizen.pk).exists()
    # The error is announced with the field: a screen reader hears it on focus.
    password = page.get_by_label("Din adgangskode", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    password.fill(CITIZEN_PASSWORD)
    delete.click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".samskab-messages")).to_contain_text(
        "Din konto og dine personoplysninger er slettet."
    )
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_contain_text("Log ind")
    assert not User.objects.filter(pk=citizen.pk).exists()
