import pytest

from samskab.accounts.personal_data import personal_data_sections
from samskab.accounts.services import delete_account
from samskab.childsafety.models import AttestStatus
from tests.factories import help_on, soon

pytestmark = pytest.mark.django_db


def test_download_and_deletion(organisation, opportunity, volunteer):
    help_on(opportunity, volunteer, [soon(10), soon(20), soon(30), soon(40)])
    AttestStatus.objects.create(volunteer=volunteer, organisation=organisation, state="needed")

    data = personal_data_sections()["boerneattest"](volunteer)
    assert data[0]["organisation"] == "Ribe Lektiecafé"
    assert data[0]["status"] == "needed"

    delete_account(user=volunteer)
    assert not AttestStatus.objects.exists()
