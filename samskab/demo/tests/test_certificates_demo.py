import pytest

from samskab.certificates.models import Certificate
from samskab.demo.loaders.certificates import load_certificates_demo
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, load_volunteering_demo

pytestmark = pytest.mark.django_db


def test_the_demo_volunteer_has_one_genuine_certificate_however_often_it_loads():
    load_vision_demo()
    load_organisations_demo()
    load_volunteering_demo()

    summary = load_certificates_demo()
    certificate = Certificate.objects.get()
    assert certificate.volunteer.email == DEMO_VOLUNTEER_EMAIL
    assert certificate.is_unchanged and not certificate.is_revoked
    assert certificate.content["organisations"]
    assert certificate.formatted_code in summary

    load_certificates_demo()
    assert Certificate.objects.get() == certificate
