from types import SimpleNamespace

import pytest

from samskab.organisations.models import Organisation
from samskab.organisations.sitemaps import sitemaps
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def locations(name):
    site = SimpleNamespace(domain="samskab.example.dk", name="Samskab")
    return [url["location"] for url in sitemaps[name]().get_urls(site=site, protocol="https")]


def test_sitemap_lists_approved_organisations_in_both_languages():
    approved = OrganisationFactory(slug="ribe-kor")
    OrganisationFactory(slug="venter", status=Organisation.Status.PENDING)

    urls = locations("organisations")

    assert urls == [
        f"https://samskab.example.dk/foreninger/{approved.slug}/",
        f"https://samskab.example.dk/en/foreninger/{approved.slug}/",
    ]
    assert locations("organisation-list") == [
        "https://samskab.example.dk/foreninger/",
        "https://samskab.example.dk/en/foreninger/",
    ]
