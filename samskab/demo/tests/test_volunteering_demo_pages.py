"""Every volunteering page renders in Danish and English with the demo data, for the people
who use it: a visitor, the demo volunteer and the demo coordinator."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from samskab.demo.loaders.organisations import DEMO_COORDINATOR_EMAIL, load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, load_volunteering_demo
from samskab.organisations.models import Organisation
from samskab.volunteering.models import HoursEntry, Opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_vision_demo()
    load_organisations_demo()
    load_volunteering_demo()


def get_ok(client, url):
    for prefix, language in (("", "da"), ("/en", "en")):
        response = client.get(prefix + url)
        assert response.status_code == 200, (prefix + url, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            assert f'<html lang="{language}">' in response.content.decode(), prefix + url


def test_public_and_volunteer_pages(client, demo):
    get_ok(client, "/frivillig/")
    get_ok(client, "/frivillig/?kind=ad_hoc&town=esbjerg")
    with translation.override("da"):
        urls = [opportunity.get_absolute_url() for opportunity in Opportunity.objects.published()]
    for url in urls:
        get_ok(client, url)
    client.force_login(get_user_model().objects.get(email=DEMO_VOLUNTEER_EMAIL))
    for url in (
        "/frivillig/min-profil/",
        "/frivillig/mit-frivillige-arbejde/",
        "/frivillig/timer/registrer/",
    ):
        get_ok(client, url)


def test_coordinator_pages(client, demo):
    client.force_login(get_user_model().objects.get(email=DEMO_COORDINATOR_EMAIL))
    organisation = Organisation.objects.get(slug="frivilligcenter-esbjerg")
    base = f"/frivillig/administrer/{organisation.slug}/"
    for url in (base, f"{base}ny/", f"{base}timer/", f"{base}aarsopgoerelse/"):
        get_ok(client, url)
    assert HoursEntry.objects.filter(organisation=organisation, status="pending").exists()
    for opportunity in Opportunity.objects.filter(organisation=organisation):
        for suffix in ("", "rediger/", "deltagere/", "besked/", "vagter/ny/"):
            get_ok(client, f"{base}{opportunity.pk}/{suffix}")
        for shift in opportunity.shifts.all():
            for suffix in ("", "rediger/", "besked/", "qr/"):
                get_ok(client, f"{base}vagter/{shift.pk}/{suffix}")
