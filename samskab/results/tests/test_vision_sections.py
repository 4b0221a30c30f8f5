"""The results on the vision's own pages: live figures on the front page, a focus area's
figures, and an initiative whose progress comes from an indicator."""

import datetime
import re
from decimal import Decimal

import pytest

from samskab.results import services
from samskab.results.models import Indicator
from tests.factories import InitiativeFactory, InitiativeLinkFactory, VisionFactory, record

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", text.replace("&#x27;", "'").replace("&quot;", '"'))


def test_the_front_page_shows_live_figures(client, measured):
    VisionFactory()

    response = client.get("/")

    text = text_of(response)
    assert "Tal lige nu" in text
    assert "Volunteer hours" in text
    assert 'href="/resultater/"' in response.content.decode()
    assert 'href="/resultater/indikator/test-hours/"' in response.content.decode()


def test_the_focus_area_page_shows_its_figures_and_leads_to_its_results(client, measured):
    response = client.get("/en/fokusomraader/faellesskab/")

    text = text_of(response)
    assert "Measured results" in text
    assert "Volunteer hours" in text
    assert "Figures and charts of Community" in text
    assert 'href="/en/resultater/faellesskab/"' in response.content.decode()


def test_without_published_indicators_the_vision_pages_say_nothing_of_them(client, measured):
    Indicator.objects.update(is_published=False)
    VisionFactory()

    assert "Tal lige nu" not in text_of(client.get("/"))
    assert "Målte resultater" not in text_of(client.get("/fokusomraader/faellesskab/"))


def test_an_initiative_says_plainly_where_its_progress_comes_from(client, measured):
    initiative = InitiativeFactory(
        focus_area=measured["area"], slug="flere-frivillige", title_en="More volunteers"
    )
    manual = measured["manual"]
    Indicator.objects.filter(pk=manual.pk).update(title_en="Satisfied citizens")
    record(manual, "year", datetime.date(measured["today"].year, 1, 1), 60, base=100)
    InitiativeLinkFactory(
        indicator=manual,
        initiative=initiative,
        baseline=Decimal(50),
        baseline_year=2023,
        target=Decimal(80),
        target_date=datetime.date(2027, 12, 31),
        drives_progress=True,
    )
    services.compute_all()

    text = text_of(client.get("/en/initiativer/flere-frivillige/"))

    year = measured["today"].year
    assert (
        "Progress comes from the indicator Satisfied citizens: from 50 in 2023 towards 80 by "
        f"Dec. 31, 2027; now 60 ({year} so far)." in text
    )


def test_a_suppressed_latest_figure_says_fewer_than(client, measured):
    initiative = InitiativeFactory(focus_area=measured["area"], slug="lille-initiativ")
    InitiativeLinkFactory(
        indicator=measured["manual"],
        initiative=initiative,
        baseline=Decimal(50),
        target=Decimal(80),
        drives_progress=True,
    )

    text = text_of(client.get("/initiativer/lille-initiativ/"))

    assert "Fremdriften kommer fra indikatoren" in text
    assert f"nu færre end 5 ({measured['today'].year - 1})." in text
    assert "74" not in text


def test_an_indicator_shown_without_driving_progress(client, measured):
    initiative = InitiativeFactory(focus_area=measured["area"], slug="timer")
    InitiativeLinkFactory(indicator=measured["hours"], initiative=initiative, baseline=Decimal(200))

    text = text_of(client.get("/initiativer/timer/"))

    assert "Sådan måles det" in text
    assert "Volunteer hours" in text
    assert "udgangspunkt 200" in text
