import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from samskab.demo.loaders.organisations import (
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_PASSWORD,
    load_organisations_demo,
)
from samskab.demo.loaders.vision import load_vision_demo
from samskab.organisations import selectors
from samskab.organisations.models import Membership, Organisation
from samskab.vision.models import FocusArea

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "organisations": sorted(
            Organisation.objects.values_list("slug", "name", "status", "updated_at")
        ),
        "focus_areas": sorted(Organisation.focus_areas.through.objects.values_list()),
        "memberships": sorted(Membership.objects.values_list("organisation__slug", "role")),
        "users": get_user_model().objects.count(),
        "email_addresses": EmailAddress.objects.count(),
    }


def test_demo_has_many_approved_organisations_across_focus_areas_and_towns():
    load_vision_demo()

    load_organisations_demo()

    approved = selectors.public_organisations()
    assert approved.count() >= 40
    for area in FocusArea.objects.all():
        assert approved.filter(focus_areas=area).exists(), area.slug
    towns = set(approved.values_list("town", flat=True))
    assert {"Esbjerg", "Ribe", "Bramming", "Tjæreborg", "Gørding", "Vejrup", "Hjerting"} <= towns
    assert {"Sædding", "Grimstrup", "Andrup", "Guldager", "Agerbæk", "Darum"} <= towns
    assert "Fanø" not in towns
    assert set(approved.values_list("type", flat=True)) == set(Organisation.Type.values)
    assert approved.exclude(description_en="").count() >= 10
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_demo_coordinator_can_log_in_and_administers_some_organisations(client):
    load_vision_demo()
    load_organisations_demo()

    coordinator = get_user_model().objects.get(email=DEMO_COORDINATOR_EMAIL)
    assert EmailAddress.objects.get(user=coordinator).verified
    assert selectors.organisations_managed_by(coordinator).filter(status="approved").count() >= 2
    assert client.login(email=DEMO_COORDINATOR_EMAIL, password=DEMO_COORDINATOR_PASSWORD)


def test_loading_the_demo_twice_changes_nothing():
    load_vision_demo()
    load_organisations_demo()
    first = snapshot()

    load_organisations_demo()

    assert snapshot() == first


def test_demo_needs_the_vision_first():
    with pytest.raises(RuntimeError, match="vision demo"):
        load_organisations_demo()
