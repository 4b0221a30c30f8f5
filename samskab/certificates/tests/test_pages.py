import re
import shutil
import subprocess
import zlib
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samskab.certificates import pdf, services
from samskab.certificates.models import Certificate
from samskab.core.tests.page import Page
from tests.factories import UserFactory, approved_hours, issue

pytestmark = pytest.mark.django_db


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# --- the volunteer's page -------------------------------------------------------------------


def test_the_page_needs_a_login(client):
    response = client.get(url("certificates:mine"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    ("language", "heading", "organisation_role"),
    [("da", "Frivilligbevis", "Lektiehjælper"), ("en", "Volunteer certificate", "Homework helper")],
)
def test_the_page_shows_what_a_certificate_will_show(
    client, volunteer, record, language, heading, organisation_role
):
    client.force_login(volunteer)
    page = Page(client.get(url("certificates:mine", language)))

    assert page.status_code == 200
    assert page.language == language
    assert page.h1 == heading
    assert organisation_role in page.html
    assert "Ribe Bibliotek" in page.html
    assert page.one("input", name="name").attrs["value"] == "Vera Frivillig"


def test_someone_without_hours_is_told_how_to_get_them(client):
    client.force_login(UserFactory())
    page = Page(client.get(url("certificates:mine")))

    assert "Der er endnu ingen godkendte timer" in page.html
    assert not page.all("form", action=url("certificates:mine"))


def test_creating_a_certificate(client, volunteer, record):
    client.force_login(volunteer)
    response = client.post(
        url("certificates:mine", "en"),
        {"name": "Vera F.", "language": "en", "organisations": [record["cafe"].pk]},
        follow=True,
    )

    certificate = Certificate.objects.get(volunteer=volunteer)
    assert certificate.language == "en"
    assert certificate.content["volunteer_name"] == "Vera F."
    assert [org["name"] for org in certificate.content["organisations"]] == ["Ribe Lektiecafé"]
    assert f"Your certificate {certificate.formatted_code} is ready" in response.content.decode()
    assert url("certificates:pdf", "en", pk=certificate.pk) in response.content.decode()


def test_bad_input_keeps_what_was_typed(client, volunteer, record):
    client.force_login(volunteer)
    response = client.post(
        url("certificates:mine"), {"name": "Vera Typed", "language": "da", "organisations": []}
    )
    page = Page(response)

    assert response.status_code == 200
    assert "Sæt flueben ved mindst én forening." in page.html
    assert page.one("input", name="name").attrs["value"] == "Vera Typed"
    assert not Certificate.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(client, volunteer, record):
    client.force_login(volunteer)
    issue(volunteer)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("certificates:mine")).status_code == 200
        return len(context.captured_queries)

    few = count()
    for day in range(1, 11):
        approved_hours(
            volunteer,
            organisation=record["cafe"],
            opportunity=record["reading"],
            day=date(2025, 1, day),
        )
        issue(volunteer)
    assert count() == few


# --- the PDF ---------------------------------------------------------------------------------


def test_the_volunteer_downloads_the_pdf(client, volunteer, record):
    certificate = issue(volunteer)
    client.force_login(volunteer)
    response = client.get(url("certificates:pdf", pk=certificate.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert certificate.formatted_code in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def embedded_font_names(document: bytes) -> set[bytes]:
    names = set()
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", document, re.DOTALL):
        try:
            data = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        names.update(re.findall(rb"/(?:BaseFont|FontName)\s*/[A-Z]{6}\+([A-Za-z-]+)", data))
    return names


def test_the_pdf_is_set_in_the_vendored_ibm_plex_sans(volunteer, record):
    names = embedded_font_names(pdf.render_pdf(issue(volunteer)))
    assert {b"IBM-Plex-Sans", b"IBM-Plex-Sans-Bold"} <= names


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_pdf_contains_the_certificate_text(volunteer, record, tmp_path):
    certificate = issue(volunteer)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf.render_pdf(certificate))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Vera Frivillig" in text
    assert certificate.formatted_code in text


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("da", ["Frivilligbevis", "Lektiehjælper", "Andet frivilligt arbejde", "Tjek at"]),
        ("en", ["Volunteer certificate", "Homework helper", "Other volunteer work", "Check that"]),
    ],
)
def test_the_certificate_html_is_in_its_own_language(volunteer, record, language, texts):
    certificate = issue(volunteer, language=language)
    with translation.override("da" if language == "en" else "en"):
        html = pdf.certificate_html(certificate)

    assert f'<html lang="{language}">' in html
    for text in [*texts, "Vera Frivillig", "Ribe Lektiecafé", certificate.formatted_code]:
        assert text in html
    assert "data:image/svg+xml" in html
    assert certificate.fingerprint in html
    assert volunteer.email not in html


def test_the_qr_code_opens_the_verification_page_in_the_certificates_language(volunteer, record):
    danish, english = issue(volunteer, language="da"), issue(volunteer, language="en")

    assert pdf.verification_url(danish) == (
        f"https://samskab.example/frivilligbevis/tjek/{danish.code}/"
    )
    assert pdf.verification_url(english) == (
        f"https://samskab.example/en/frivilligbevis/tjek/{english.code}/"
    )


def test_the_pdf_loads_nothing_but_its_own_fonts():
    fonts = pdf.font_files()
    fetcher = pdf.LocalOnlyFetcher(fonts)

    for address in (
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/static/x.css",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(address)
    assert len(fetcher.refused) == 3
    font_url = next(iter(fonts))
    assert fetcher.fetch(font_url).read()[:4] == b"wOF2"


def test_weasyprint_goes_through_the_local_fetcher():
    from weasyprint import HTML

    fetcher = pdf.LocalOnlyFetcher(pdf.font_files())
    HTML(
        string='<p>x</p><img src="https://example.org/pixel.png" alt="">', url_fetcher=fetcher
    ).write_pdf()

    assert fetcher.refused == ["https://example.org/pixel.png"]


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_nobody_else_gets_the_pdf(client, volunteer, record, who):
    certificate = issue(volunteer)
    if who == "stranger":
        client.force_login(UserFactory())
    response = client.get(url("certificates:pdf", pk=certificate.pk))

    if who == "stranger":
        assert response.status_code == 404
    else:
        assert response.status_code == 302


def test_a_withdrawn_certificate_has_no_pdf(client, volunteer, record):
    certificate = issue(volunteer)
    services.revoke_certificate(certificate=certificate, by=volunteer)
    client.force_login(volunteer)

    assert client.get(url("certificates:pdf", pk=certificate.pk)).status_code == 404


def test_only_the_volunteer_withdraws(client, volunteer, record):
    certificate = issue(volunteer)
    client.force_login(UserFactory())
    assert client.post(url("certificates:revoke", pk=certificate.pk)).status_code == 404

    client.force_login(volunteer)
    response = client.post(url("certificates:revoke", pk=certificate.pk), follow=True)
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert "er trukket tilbage" in response.content.decode()


# --- verification ---------------------------------------------------------------------------


def test_a_genuine_certificate_shows_exactly_its_contents(client, volunteer, record):
    certificate = issue(volunteer)
    page = Page(client.get(url("certificates:verify", code=certificate.code)))

    assert page.status_code == 200
    assert page.h1 == "Beviset er ægte"
    for text in (
        "Vera Frivillig",
        "Ribe Lektiecafé",
        "Ribe Bibliotek",
        "Lektiehjælper",
        "Højtlæsning",
        "Lektiehjælp",
        "9 timer",
        certificate.formatted_code,
        certificate.fingerprint,
    ):
        assert text in page.html, text
    # Nothing beyond the certificate: no email, no other activity of the person.
    assert volunteer.email not in page.html
    assert record["cafe"].contact_email not in page.html
    assert "noindex" in page.html


def test_the_verification_page_in_english(client, volunteer, record):
    certificate = issue(volunteer, language="da")
    page = Page(client.get(url("certificates:verify", "en", code=certificate.code)))

    assert page.language == "en"
    assert page.h1 == "The certificate is genuine"
    # The texts written on a Danish certificate stay Danish, marked as such.
    assert '<td class="certificates-role" lang="da">Lektiehjælper</td>' in page.html


def test_a_code_typed_with_dash_and_lower_case_is_found(client, volunteer, record):
    certificate = issue(volunteer)
    typed = certificate.formatted_code.lower()

    response = client.get(url("certificates:check"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == url("certificates:verify", code=certificate.code)

    response = client.get(url("certificates:verify", code=typed))
    assert response.status_code == 302
    assert response["Location"] == url("certificates:verify", code=certificate.code)


def test_the_check_form_explains_a_malformed_code(client):
    page = Page(client.get(url("certificates:check", "en"), {"code": "ABC"}))

    assert page.status_code == 200
    assert "A verification code has ten letters and digits" in page.html
    assert page.one("input", name="code").attrs["value"] == "ABC"


def test_an_unknown_code(client):
    page = Page(client.get(url("certificates:verify", code="ABCDEFGHJK")))

    assert page.status_code == 404
    assert page.h1 == "Intet bevis har denne kode"
    assert page.one("input", name="code").attrs["value"] == "ABCDEFGHJK"


def test_a_withdrawn_certificate_says_so(client, volunteer, record):
    certificate = issue(volunteer)
    services.revoke_certificate(certificate=certificate, by=volunteer)
    page = Page(client.get(url("certificates:verify", code=certificate.code)))

    assert page.status_code == 200
    assert page.h1 == "Beviset er trukket tilbage"
    assert "Vera Frivillig" not in page.html


def test_a_tampered_certificate_cannot_be_confirmed(client, volunteer, record):
    certificate = issue(volunteer)
    tampered = dict(certificate.content, total_hours="900.00")
    # Behind the application's back, as an intruder in the database would.
    Certificate.objects.filter(pk=certificate.pk).update(content=tampered)

    page = Page(client.get(url("certificates:verify", code=certificate.code)))
    assert page.status_code == 200
    assert page.h1 == "Beviset kan ikke bekræftes"
    assert "900" not in page.html
    assert "Vera Frivillig" not in page.html

    english = Page(client.get(url("certificates:verify", "en", code=certificate.code)))
    assert english.h1 == "The certificate cannot be confirmed"


def test_a_swapped_hash_cannot_be_confirmed(client, volunteer, record):
    first, second = issue(volunteer), issue(volunteer, name="Someone Else")
    Certificate.objects.filter(pk=first.pk).update(
        content=second.content, content_hash=second.content_hash
    )
    page = Page(client.get(url("certificates:verify", code=first.code)))
    assert page.h1 == "Beviset kan ikke bekræftes"


def test_the_verification_page_reads_a_fixed_number_of_queries(client, volunteer, record):
    certificate = issue(volunteer)
    with CaptureQueriesContext(connection) as context:
        client.get(url("certificates:verify", code=certificate.code))
    assert len(context.captured_queries) <= 2
