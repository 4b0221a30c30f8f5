import re

import pytest

from tests.factories import FocusAreaFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_every_results_page_in_both_languages(client):
    area = FocusAreaFactory(slug="faellesskaber")
    IndicatorFactory(slug="frivillige", focus_area=area)
    IndicatorFactory(slug="skjult", is_published=False)

    sitemap = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))

    for path in ("/resultater/", "/resultater/faellesskaber/", "/resultater/indikator/frivillige/"):
        assert f"http://testserver{path}" in locations
        assert f"http://testserver/en{path}" in locations
    assert "skjult" not in sitemap
