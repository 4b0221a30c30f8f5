import pytest
from django.urls import reverse
from django.utils import translation

from samskab.accounts.personal_data import personal_data_sections
from samskab.accounts.services import delete_account
from samskab.certificates.models import Certificate
from samskab.core.tests.page import Page
from tests.factories import issue

pytestmark = pytest.mark.django_db


def test_the_download_contains_the_certificates(volunteer, record):
    certificate = issue(volunteer)

    data = personal_data_sections()["volunteer_certificates"](volunteer)
    assert data[0]["verification_code"] == certificate.formatted_code
    assert data[0]["content"]["volunteer_name"] == "Vera Frivillig"


def test_deleting_the_account_revokes_and_empties_its_certificates(client, volunteer, record):
    certificate = issue(volunteer)
    delete_account(user=volunteer)

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.volunteer is None
    assert certificate.is_revoked
    assert certificate.revocation_reason == "account_deleted"
    assert certificate.content == {}

    with translation.override("da"):
        address = reverse("certificates:verify", kwargs={"code": certificate.code})
    page = Page(client.get(address))
    assert page.h1 == "Beviset er trukket tilbage"
    assert "Vera" not in page.html
