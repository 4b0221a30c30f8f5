from datetime import date

import pytest

from samskab.certificates import services
from samskab.certificates.codes import ALPHABET, format_code, normalise_code
from samskab.certificates.errors import NothingToCertify, UnknownOrganisations
from samskab.certificates.models import Certificate, ImmutableCertificate, content_hash
from samskab.certificates.presentation import present
from tests.factories import UserFactory, approved_hours

pytestmark = pytest.mark.django_db


def test_the_certificate_is_a_snapshot_of_approved_hours(volunteer, record):
    certificate = services.issue_certificate(
        volunteer=volunteer, name="Vera Frivillig", language="da"
    )

    content = certificate.content
    assert content["volunteer_name"] == "Vera Frivillig"
    assert content["issuer"] == "Samskab · Esbjerg Kommune"
    assert content["total_hours"] == "9.00"
    cafe, library = content["organisations"]
    assert cafe["name"] == "Ribe Lektiecafé"
    assert (cafe["first_date"], cafe["last_date"], cafe["hours"]) == (
        "2025-02-04",
        "2025-05-20",
        "6.00",
    )
    assert [(role["title"], role["hours"]) for role in cafe["roles"]] == [
        ("Lektiehjælper", "5.00"),
        ("Højtlæsning", "1.00"),
    ]
    homework = cafe["roles"][0]
    assert (homework["first_date"], homework["last_date"]) == ("2025-02-04", "2025-05-20")
    # Logged without an opportunity: a role of its own, named in the certificate's language.
    assert library["roles"][0]["title"] == "Andet frivilligt arbejde"
    assert library["hours"] == "3.00"
    assert content["skills"] == ["Lektiehjælp"]


def test_an_english_certificate_uses_english_titles(volunteer, record):
    certificate = services.issue_certificate(volunteer=volunteer, name="Vera", language="en")

    titles = [
        role["title"] for org in certificate.content["organisations"] for role in org["roles"]
    ]
    assert titles == ["Homework helper", "Reading aloud", "Other volunteer work"]
    assert certificate.content["skills"] == ["Homework help"]
    assert present(certificate).language == "en"


def test_code_and_hash(volunteer, record):
    certificate = services.issue_certificate(volunteer=volunteer, name="Vera", language="da")

    assert len(certificate.code) == 10
    assert set(certificate.code) <= set(ALPHABET)
    assert not set("01IOLU") & set(certificate.code)
    assert certificate.content["code"] == certificate.code
    assert certificate.content_hash == content_hash(certificate.content)
    assert certificate.is_unchanged
    assert len(certificate.fingerprint.split()) == 4


def test_typed_codes_are_normalised():
    assert normalise_code(" k7qxm-4rpza ") == "K7QXM4RPZA"
    assert normalise_code("K7QXM 4RPZA") == "K7QXM4RPZA"
    assert format_code("K7QXM4RPZA") == "K7QXM-4RPZA"
    assert normalise_code("K7QXM-4RPZ") is None
    assert normalise_code("O0QXM-4RPZA") is None
    assert normalise_code("") is None


def test_choosing_organisations(volunteer, record):
    certificate = services.issue_certificate(
        volunteer=volunteer, name="Vera", language="da", organisation_ids=[record["library"].pk]
    )
    assert [org["name"] for org in certificate.content["organisations"]] == ["Ribe Bibliotek"]

    stranger = UserFactory()
    with pytest.raises(UnknownOrganisations):
        services.issue_certificate(
            volunteer=volunteer, name="Vera", language="da", organisation_ids=[999_999]
        )
    with pytest.raises(NothingToCertify):
        services.issue_certificate(volunteer=stranger, name="Stranger", language="da")


def test_an_issued_certificate_cannot_be_changed(volunteer, record):
    certificate = services.issue_certificate(volunteer=volunteer, name="Vera", language="da")
    certificate.content["volunteer_name"] = "Someone else"

    with pytest.raises(ImmutableCertificate):
        certificate.save()
    with pytest.raises(ImmutableCertificate):
        certificate.save(update_fields=["content"])
    assert Certificate.objects.get(pk=certificate.pk).content["volunteer_name"] == "Vera"


def test_revoking(volunteer, record):
    certificate = services.issue_certificate(volunteer=volunteer, name="Vera", language="da")
    services.revoke_certificate(certificate=certificate, by=volunteer)

    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "volunteer"
    assert certificate.content["volunteer_name"] == "Vera"


def test_later_hours_do_not_change_an_issued_certificate(volunteer, record):
    certificate = services.issue_certificate(volunteer=volunteer, name="Vera", language="da")
    approved_hours(volunteer, organisation=record["library"], day=date(2025, 6, 1), hours="8")

    certificate.refresh_from_db()
    assert certificate.content["total_hours"] == "9.00"
    assert certificate.is_unchanged
