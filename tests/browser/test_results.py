"""The results pages in the browser, in Danish and English, on a phone and a desktop: axe
finds nothing, there are no console or CSP errors, the W3C Nu Html Checker finds no error in
the HTML served, and the reader sees the figures, charts and tables."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samskab.core.extensions import Fact
from samskab.results import services
from samskab.results.models import Indicator
from samskab.vision.models import FocusArea, Initiative
from tests.browser.conftest import assert_accessible
from tests.factories import (
    IndicatorFactory,
    InitiativeLinkFactory,
    declared_indicator,
    only_indicators,
    record,
    town,
)

FOCUS_AREA = "energi-i-hverdagslivet"
LANGUAGES = {
    "da": {"prefix": "", "results": "Resultater", "fewer": "færre end 5", "table": "Tallene"},
    "en": {"prefix": "/en", "results": "Results", "fewer": "fewer than 5", "table": "The figures"},
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return LANGUAGES[request.param]


def month_start(today, back):
    index = today.year * 12 + today.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def results(vision_demo):
    """Volunteer hours by month for two years and more (by town; one month too small to
    publish) and a figure the municipality measures, in the demo's first focus area."""
    today = timezone.localdate()
    town("esbjerg"), town("ribe")
    facts = []
    for back in range(today.month - 1 + 24, 0, -1):
        start = month_start(today, back)
        moment = timezone.make_aware(datetime.datetime(start.year, start.month, 10, 12))
        people = 2 if back == 5 else 6 + back % 4
        for person in range(people):
            facts.append(Fact(moment, key=f"user:{person}", amount=Decimal("2.5"), town="esbjerg"))
    hours = declared_indicator(
        "browser-hours",
        facts,
        measure="sum",
        breakdowns=("town",),
        title="Frivillige timer",
        definition="Timer, som frivillige har givet.",
        unit="timer",
    )
    with only_indicators(hours):
        services.compute_all()
        area = FocusArea.objects.get(slug=FOCUS_AREA)
        Indicator.objects.filter(key="browser-hours").update(focus_area=area)
        satisfaction = IndicatorFactory(slug="tilfredshed", focus_area=area)
        record(satisfaction, "year", datetime.date(today.year - 2, 1, 1), 71, base=400)
        record(satisfaction, "year", datetime.date(today.year - 1, 1, 1), 74, base=420)
        InitiativeLinkFactory(
            indicator=satisfaction,
            initiative=Initiative.objects.filter(focus_area=area).first(),
            baseline=Decimal(60),
            baseline_year=2020,
            target=Decimal(80),
        )
        yield


PAGES = {
    "overview": "/resultater/",
    "focus_area": f"/resultater/{FOCUS_AREA}/",
    "indicator": "/resultater/indikator/browser-hours/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_results_pages_are_accessible_and_valid(
    page_at, live_server, results, language, viewport, name
):
    page = page_at(viewport)
    url = f"{live_server.url}{language['prefix']}{PAGES[name]}"

    response = page.goto(url)

    assert response.status == 200
    expect(page.locator("h1")).to_be_visible()
    chart = page.locator("svg.results-chart").first
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    if name != "overview":
        expect(page.get_by_text(language["fewer"]).first).to_be_attached()
    # The chart fits the page: nothing scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = chart.bounding_box()
    assert box["width"] <= viewport["width"]
    assert_accessible(page)


def test_the_focus_area_page_shows_figures_as_a_table_without_javascript(
    page_at, live_server, results
):
    page = page_at(java_script_enabled=False)

    page.goto(f"{live_server.url}/en/resultater/{FOCUS_AREA}/")
    page.get_by_text("The figures as a table").first.click()

    table = page.get_by_role("table", name="Frivillige timer: the figures")
    expect(table).to_be_visible()
    expect(table.get_by_role("row").nth(1)).to_be_visible()
    expect(page.get_by_role("link", name="CSV", exact=True).first).to_be_visible()


def test_the_main_menu_leads_to_the_results(page_at, live_server, results):
    page = page_at()
    page.goto(f"{live_server.url}/")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Resultater").click()

    expect(page.get_by_role("heading", level=1, name="Resultater")).to_be_visible()
    expect(page.get_by_role("link", name="Frivillige timer").first).to_be_visible()
