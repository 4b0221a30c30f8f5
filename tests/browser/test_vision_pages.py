"""The vision's public pages, in Danish and English, on a phone and on a desktop: they load
without console or CSP errors, axe-core finds nothing, and the reader sees the content."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from samskab.vision.models import Initiative, Milestone
from tests.browser.conftest import assert_accessible

LANGUAGES = {
    "da": {
        "prefix": "",
        "complete": re.compile(r"^\d{1,3} % gennemført$"),
        "vision": "Vision 2025 – Velfærd",
        "focus_areas_heading": "Fokusområder",
        "focus_areas": [
            "Energi i hverdagslivet",
            "Livskvalitet og sundhed",
            "Kulturlivet i by og natur",
            "Fællesskab og mangfoldighed",
            "Grønt liv og bæredygtighed",
        ],
        "focus_area": "Energi i hverdagslivet",
        "initiatives_heading": "Initiativer",
        "initiative": "Byudvikling og flere borgere",
        "sub_initiatives_heading": "Delinitiativer",
        "sub_initiatives": ["Velkomst til tilflyttere", "International velkomst"],
        "milestones_heading": "Milepæle",
        "milestones": ["Ny bydelsplan vedtaget", "Alle bydele har en plan"],
        "reached": "Nået",
        "planned": "Planlagt",
    },
    "en": {
        "prefix": "/en",
        "complete": re.compile(r"^\d{1,3}% complete$"),
        "vision": "Vision 2025 – Welfare",
        "focus_areas_heading": "Focus areas",
        "focus_areas": [
            "Energy in everyday life",
            "Quality of life and health",
            "Culture in town and nature",
            "Community and diversity",
            "Green life and sustainability",
        ],
        "focus_area": "Energy in everyday life",
        "initiatives_heading": "Initiatives",
        "initiative": "Urban development and more residents",
        "sub_initiatives_heading": "Sub-initiatives",
        "sub_initiatives": ["Welcoming people who move here", "International welcome"],
        "milestones_heading": "Milestones",
        "milestones": ["New district plan adopted", "Every district has a plan"],
        "reached": "Reached",
        "planned": "Planned",
    },
}

FOCUS_AREA_SLUG = "energi-i-hverdagslivet"
# In the demo this initiative has sub-initiatives; the test gives it milestones of its own.
INITIATIVE_SLUG = "byudvikling-og-flere-borgere"


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


@pytest.fixture
def initiative_with_milestones(vision_demo):
    initiative = Initiative.objects.get(slug=INITIATIVE_SLUG)
    Milestone.objects.create(
        initiative=initiative,
        date=datetime.date(2021, 5, 1),
        title_da="Ny bydelsplan vedtaget",
        title_en="New district plan adopted",
        description_da="Byrådet vedtog planen.",
        description_en="The city council adopted the plan.",
        reached=True,
    )
    Milestone.objects.create(
        initiative=initiative,
        date=datetime.date(2030, 1, 1),
        title_da="Alle bydele har en plan",
        title_en="Every district has a plan",
        reached=False,
    )
    return initiative


def test_front_page_shows_the_vision_and_its_five_focus_areas(
    page_at, live_server, vision_demo, viewport, language
):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_title(re.compile(rf"^{re.escape(text['vision'])} · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["vision"])
    focus_areas = page.get_by_role("region", name=text["focus_areas_heading"])
    cards = focus_areas.get_by_role("listitem")
    expect(cards).to_have_count(5)
    expect(cards.get_by_role("heading", level=3)).to_have_text(text["focus_areas"])
    for card in cards.all():
        expect(card.locator(".vision-progress__text")).to_have_text(text["complete"])
    expect(focus_areas.get_by_role("link", name=text["focus_area"])).to_have_attribute(
        "href", f"{text['prefix']}/fokusomraader/{FOCUS_AREA_SLUG}/"
    )
    assert_accessible(page)


def test_focus_area_page_shows_its_initiatives_with_progress(
    page_at, live_server, vision_demo, viewport, language
):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/fokusomraader/{FOCUS_AREA_SLUG}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_title(re.compile(rf"^{re.escape(text['focus_area'])} · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["focus_area"])
    initiatives = page.get_by_role("region", name=text["initiatives_heading"])
    expect(initiatives.get_by_role("link", name=text["initiative"], exact=True)).to_have_attribute(
        "href", f"{text['prefix']}/initiativer/{INITIATIVE_SLUG}/"
    )
    # Every initiative states its progress in words; the bar is only decoration.
    progress_texts = initiatives.locator(".vision-progress__text")
    assert progress_texts.count() >= 3
    for progress in progress_texts.all():
        expect(progress).to_have_text(text["complete"])
    expect(initiatives.locator("progress").first).to_have_attribute("aria-hidden", "true")
    assert_accessible(page)


def test_initiative_page_shows_sub_initiatives_and_milestones(
    page_at, live_server, initiative_with_milestones, viewport, language
):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/initiativer/{INITIATIVE_SLUG}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_title(re.compile(rf"^{re.escape(text['initiative'])} · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["initiative"])
    expect(page.locator(".vision-page-head .vision-progress__text")).to_have_text(text["complete"])
    breadcrumbs = page.get_by_role("navigation", name=re.compile("Brødkrummesti|Breadcrumb"))
    expect(breadcrumbs.get_by_role("link", name=text["focus_area"])).to_be_visible()

    children = page.get_by_role("region", name=text["sub_initiatives_heading"])
    expect(children.get_by_role("heading", level=3)).to_have_text(text["sub_initiatives"])
    for progress in children.locator(".vision-progress__text").all():
        expect(progress).to_have_text(text["complete"])

    milestones = page.get_by_role("region", name=text["milestones_heading"])
    items = milestones.get_by_role("listitem")
    expect(items.get_by_role("heading", level=3)).to_have_text(text["milestones"])
    expect(items.nth(0)).to_contain_text(text["reached"])
    expect(items.nth(1)).to_contain_text(text["planned"])
    expect(items.nth(0).locator("time")).to_have_attribute("datetime", "2021-05-01")
    assert_accessible(page)
