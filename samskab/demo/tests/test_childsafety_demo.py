import pytest

from samskab.childsafety.models import AttestStatus
from samskab.demo.loaders.childsafety import load_childsafety_demo
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, load_volunteering_demo

pytestmark = pytest.mark.django_db


def test_the_demo_volunteer_needs_a_boerneattest_at_the_homework_cafe():
    load_vision_demo()
    load_organisations_demo()
    load_volunteering_demo()
    load_childsafety_demo()

    status = AttestStatus.objects.get()
    assert status.volunteer.email == DEMO_VOLUNTEER_EMAIL
    assert status.organisation.slug == "ribe-lektiecafe"
    assert status.state == "needed"

    load_childsafety_demo()
    assert AttestStatus.objects.get() == status
