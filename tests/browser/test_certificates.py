"""Volunteer certificates in the browser: the volunteer creates one from their approved hours,
downloads the PDF, and anyone with the code sees on the public page that it is genuine,
in Danish and English, without the volunteer's email address. A code that finds nothing
says so and keeps what was typed. Every page: zero axe violations, no console, CSP or
JavaScript errors, nothing from other origins."""

import re
from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from samskab.certificates.models import Certificate
from tests.browser.conftest import PHONE, assert_accessible, log_in
from tests.browser.volunteering_data import soup_kitchen, volunteer, volunteer_centre
from tests.factories import OrganisationFactory, approved_hours

CODE = re.compile(r"[A-HJKMNP-TV-Z2-9]{5}-[A-HJKMNP-TV-Z2-9]{5}")


def test_a_volunteer_creates_downloads_and_anyone_verifies_a_certificate(
    page_at, page_problems, live_server, transactional_db, viewport, site_url
):
    centre = volunteer_centre()
    library = OrganisationFactory(name="Ribe Bibliotek", slug="ribe-bibliotek")
    vera = volunteer()
    kitchen = soup_kitchen(centre)
    approved_hours(vera, organisation=centre, opportunity=kitchen, day=date(2026, 2, 4))
    approved_hours(vera, organisation=centre, opportunity=kitchen, day=date(2026, 5, 20))
    approved_hours(vera, organisation=library, day=date(2026, 4, 10), hours="3.00")

    page = page_at(viewport)
    log_in(page, live_server, vera)
    page.goto(f"{live_server.url}/frivillig/mit-frivillige-arbejde/")
    page.get_by_role("main").get_by_role("link", name="Få et frivilligbevis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frivilligbevis")
    record = page.get_by_role("table", name="Godkendte timer pr. forening og rolle")
    expect(record).to_contain_text("Ribe Frivilligcenter")
    expect(record).to_contain_text("Suppekøkken i Ribe")
    expect(record).to_contain_text("Ribe Bibliotek")
    main = page.get_by_role("main")
    expect(main.get_by_label("Dit navn, som det skal stå på beviset", exact=True)).to_have_value(
        "Vera Frivillig"
    )
    organisations = main.get_by_role("group", name=re.compile("^Foreninger på beviset"))
    expect(organisations.get_by_role("checkbox")).to_have_count(2)
    assert_accessible(page)

    main.get_by_role("button", name="Lav bevis").click()
    messages = page.locator(".samskab-messages")
    expect(messages).to_contain_text(re.compile(r"Dit bevis \S+ er klar\. Hent det nedenfor\."))
    code = CODE.search(messages.inner_text()).group(0)
    certificate = Certificate.objects.get(volunteer=vera)
    assert certificate.formatted_code == code
    expect(main.locator(".certificates-list .card")).to_have_count(1)
    expect(main.locator(".certificates-list")).to_contain_text("Gyldigt")
    assert_accessible(page)

    with page.expect_download() as download_info:
        main.get_by_role("link", name=re.compile(r"^Hent PDF")).click()
    download = download_info.value
    assert download.suggested_filename == f"frivilligbevis-{code}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    # Whoever got the certificate types the code as printed, in any case and spacing.
    reader = page_at(PHONE)
    reader.goto(f"{live_server.url}/frivilligbevis/tjek/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Tjek et frivilligbevis")
    assert_accessible(reader)
    reader.get_by_label("Verifikationskode", exact=True).fill(code.lower().replace("-", " "))
    reader.get_by_role("main").get_by_role("button", name="Tjek beviset").click()
    expect(reader).to_have_url(f"{live_server.url}/frivilligbevis/tjek/{certificate.code}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Beviset er ægte")
    content = reader.get_by_role("region", name="Frivilligbevis for Vera Frivillig")
    expect(content).to_contain_text(code)
    expect(content).to_contain_text("Ribe Frivilligcenter")
    expect(content).to_contain_text("Suppekøkken i Ribe")
    expect(content).to_contain_text("Ribe Bibliotek")
    expect(content).to_contain_text("8 timer")
    body = reader.locator("body").inner_text()
    assert vera.email not in body
    assert vera.email not in reader.content()
    assert_accessible(reader)

    # The same page in English keeps the certificate's Danish texts marked as Danish.
    reader.goto(f"{live_server.url}/en/frivilligbevis/tjek/{certificate.code}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("The certificate is genuine")
    role = reader.locator(".certificates-role").first
    expect(role).to_have_attribute("lang", "da")
    expect(role).to_have_text("Suppekøkken i Ribe")
    assert vera.email not in reader.content()
    assert_accessible(reader)

    # A code nobody issued finds nothing, and the form keeps it to correct.
    unknown = f"{live_server.url}/frivilligbevis/tjek/AAAAABBBBB/"
    page_problems.expect_error_response(unknown)
    assert reader.goto(unknown).status == 404
    expect(reader.get_by_role("heading", level=1)).to_have_text("Intet bevis har denne kode")
    expect(reader.get_by_label("Verifikationskode", exact=True)).to_have_value("AAAAABBBBB")
    assert_accessible(reader)
