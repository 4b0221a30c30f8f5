import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AmbitionFactory,
    FocusAreaFactory,
    InitiativeFactory,
    InitiativeStatusFactory,
    MilestoneFactory,
    ResultStoryFactory,
    VisionFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's visible text with whitespace collapsed, for asserting what a user reads."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return re.sub(r"\s+", " ", text)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def assert_csp_safe(response):
    html = response.content.decode()
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


# --- Front page -----------------------------------------------------------------------


@pytest.fixture
def vision():
    vision = VisionFactory(
        title_da="Vision 2025 – Velfærd",
        title_en="Vision 2025 – Welfare",
        tagline_da="Energi til det gode liv",
        tagline_en="Energy for the good life",
        introduction_da="Byrådet vedtog visionen.",
        introduction_en="The council adopted the vision.",
        adopted_on=datetime.date(2019, 6, 17),
    )
    for title_da, title_en in [
        ("Hverdagslivet", "Everyday life"),
        ("Inddragelse og indflydelse", "Involvement and influence"),
        ("Smartere løsninger", "Smarter solutions"),
    ]:
        AmbitionFactory(vision=vision, title_da=title_da, title_en=title_en)
    return vision


def test_front_page_in_danish_shows_vision_ambitions_and_focus_areas(client, vision):
    area = FocusAreaFactory(vision=vision, title_da="Grønt liv", title_en="Green life")
    InitiativeFactory(focus_area=area, progress=40, weight=3)
    InitiativeFactory(focus_area=area, progress=80)

    response = client.get("/")

    assert response.status_code == 200
    text = text_of(response)
    assert "Vision 2025 – Velfærd" in text
    assert "Energi til det gode liv" in text
    assert "Byrådet vedtog visionen." in text
    assert "Vedtaget af byrådet i juni 2019." in text
    for ambition in ["Hverdagslivet", "Inddragelse og indflydelse", "Smartere løsninger"]:
        assert ambition in text
    assert "Grønt liv" in text
    assert "50 % gennemført" in text  # (40·3 + 80·1) / 4
    assert f'href="{area.get_absolute_url()}"' in response.content.decode()
    assert '<html lang="da">' in response.content.decode()
    assert_csp_safe(response)


def test_front_page_in_english(client, vision):
    FocusAreaFactory(vision=vision, title_da="Grønt liv", title_en="Green life")

    response = client.get("/en/")

    text = text_of(response)
    assert "Vision 2025 – Welfare" in text
    assert "Energy for the good life" in text
    assert "Adopted by the city council in June 2019." in text
    assert "Smarter solutions" in text
    assert "Green life" in text
    assert "No initiatives yet" in text
    assert 'href="/en/fokusomraader/' in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_english_page_falls_back_to_danish_when_english_is_empty(client, vision):
    FocusAreaFactory(vision=vision, title_da="Kun på dansk", title_en="", summary_en="")

    text = text_of(client.get("/en/"))

    assert "Kun på dansk" in text


def test_front_page_shows_the_newest_vision(client, vision):
    VisionFactory(title_da="En ældre vision", adopted_on=datetime.date(2010, 1, 1))

    text = text_of(client.get("/"))

    assert "Vision 2025 – Velfærd" in text
    assert "En ældre vision" not in text


def test_front_page_without_a_vision_says_so(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Kommunen har endnu ikke lagt sin vision her." in text_of(response)
    assert response.content.decode().count("<h1") == 1


def test_front_page_has_one_h1(client, vision):
    FocusAreaFactory(vision=vision)
    assert client.get("/").content.decode().count("<h1") == 1


def test_front_page_query_count_does_not_grow_with_focus_areas(client):
    vision = VisionFactory()
    area = FocusAreaFactory(vision=vision)
    AmbitionFactory(vision=vision)
    InitiativeFactory(focus_area=area)
    few = count_queries(client, "/")

    for _ in range(6):
        area = FocusAreaFactory(vision=vision)
        AmbitionFactory(vision=vision)
        InitiativeFactory.create_batch(4, focus_area=area)
    many = count_queries(client, "/")

    assert few == many


# --- Focus area page ------------------------------------------------------------------


@pytest.fixture
def focus_area(vision):
    return FocusAreaFactory(
        vision=vision,
        slug="faellesskab",
        title_da="Fællesskab og mangfoldighed",
        title_en="Community and diversity",
        summary_da="Fællesskaber frem for ensomhed.",
        summary_en="Communities instead of loneliness.",
        body_da="Alle skal kunne finde et fællesskab.",
        body_en="Everyone should find a community.",
    )


def test_focus_area_page_shows_initiatives_with_progress_status_and_department(client, focus_area):
    status = InitiativeStatusFactory(name_da="I fuld gang", name_en="Well under way")
    parent = InitiativeFactory(
        focus_area=focus_area,
        title_da="Gode vilkår for frivillige",
        title_en="Good conditions for volunteers",
        status=status,
        progress=45,
        department_da="Social & Arbejdsmarked",
        department_en="Social Services",
    )
    InitiativeFactory(
        focus_area=focus_area, parent=parent, title_da="Frivillig en enkelt gang", progress=30
    )

    response = client.get("/fokusomraader/faellesskab/")

    assert response.status_code == 200
    text = text_of(response)
    assert "Fællesskab og mangfoldighed" in text
    assert "Fællesskaber frem for ensomhed." in text
    assert "Alle skal kunne finde et fællesskab." in text
    assert "Gode vilkår for frivillige" in text
    assert "45 % gennemført" in text
    assert "I fuld gang" in text
    assert "Social & Arbejdsmarked" in text
    assert "Delinitiativer" in text
    assert "Frivillig en enkelt gang" in text
    assert "30 % gennemført" in text
    assert "Samlet fremdrift: 45 % gennemført" in text
    html = response.content.decode()
    assert re.search(r'<progress [^>]*max="100" value="45" aria-hidden="true">', html)
    assert html.count("<h1") == 1
    assert_csp_safe(response)


def test_focus_area_page_in_english(client, focus_area):
    InitiativeFactory(focus_area=focus_area, title_en="Good conditions for volunteers", progress=45)

    response = client.get("/en/fokusomraader/faellesskab/")

    text = text_of(response)
    assert "Community and diversity" in text
    assert "Good conditions for volunteers" in text
    assert "45% complete" in text
    assert "Overall progress" in text


def test_focus_area_page_groups_result_stories_by_year_newest_first(client, focus_area):
    ResultStoryFactory(focus_area=focus_area, year=2019, headline_da="Puljen blev delt")
    ResultStoryFactory(
        focus_area=focus_area,
        year=2024,
        headline_da="Pårørende fik hjælp",
        figure=Decimal("600"),
        unit_da="pårørende",
        unit_en="carers",
    )
    ResultStoryFactory(
        focus_area=focus_area,
        year=2019,
        headline_da="Foreninger fik støtte",
        headline_en="Associations got support",
        figure=Decimal("2.6"),
        unit_da="mio. kr.",
        unit_en="million kroner",
        order=5,
    )

    text = text_of(client.get("/fokusomraader/faellesskab/"))

    assert text.index("Det nåede vi i 2024") < text.index("Det nåede vi i 2019")
    assert text.index("Det nåede vi i 2024") < text.index("Pårørende fik hjælp")
    assert text.index("Det nåede vi i 2019") < text.index("Puljen blev delt")
    assert "600 pårørende" in text
    assert "2,6 mio. kr." in text

    english = text_of(client.get("/en/fokusomraader/faellesskab/"))
    assert "What we achieved in 2024" in english
    assert "600 carers" in english
    assert "2.6 million kroner" in english


def test_focus_area_page_without_initiatives_or_results(client, focus_area):
    text = text_of(client.get("/fokusomraader/faellesskab/"))

    assert "Der er endnu ikke oprettet initiativer under dette fokusområde." in text
    assert "Der er endnu ikke meldt resultater for dette fokusområde." in text
    assert "Samlet fremdrift: Ingen initiativer endnu" in text


@pytest.mark.parametrize("url", ["/fokusomraader/findes-ikke/", "/en/fokusomraader/findes-ikke/"])
def test_unknown_focus_area_is_404(client, url):
    assert client.get(url).status_code == 404


def test_focus_area_page_query_count_does_not_grow(client, focus_area):
    status = InitiativeStatusFactory()
    parent = InitiativeFactory(focus_area=focus_area, status=status)
    InitiativeFactory(focus_area=focus_area, parent=parent, status=status)
    ResultStoryFactory(focus_area=focus_area, initiative=parent)
    url = focus_area.get_absolute_url()
    few = count_queries(client, url)

    for _ in range(8):
        parent = InitiativeFactory(focus_area=focus_area)
        InitiativeFactory.create_batch(3, focus_area=focus_area, parent=parent)
        ResultStoryFactory(focus_area=focus_area, initiative=parent, year=2018)
        ResultStoryFactory(focus_area=focus_area, year=2021)
    many = count_queries(client, url)

    assert few == many


# --- Initiative page ------------------------------------------------------------------


@pytest.fixture
def initiative_tree(focus_area):
    status = InitiativeStatusFactory(
        name_da="I fuld gang",
        name_en="Well under way",
        description_da="Arbejdet kører.",
        description_en="Work is running.",
    )
    top = InitiativeFactory(
        focus_area=focus_area, slug="top", title_da="Bæredygtige valg", title_en="Green choices"
    )
    initiative = InitiativeFactory(
        focus_area=focus_area,
        parent=top,
        slug="transport",
        title_da="CO2-venlig transport",
        title_en="Low-carbon transport",
        description_da="Grønne drivmidler.",
        description_en="Green fuels.",
        department_da="Teknik & Miljø",
        department_en="Technical Services",
        status=status,
        progress=70,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    buses = InitiativeFactory(
        focus_area=focus_area,
        parent=initiative,
        slug="elbusser",
        title_da="Elbusser",
        title_en="Electric buses",
        progress=100,
    )
    MilestoneFactory(
        initiative=initiative,
        date=datetime.date(2026, 1, 15),
        title_da="Sidste bus skiftes",
        title_en="Last bus replaced",
        reached=False,
    )
    MilestoneFactory(
        initiative=initiative,
        date=datetime.date(2022, 6, 1),
        title_da="Første elbus kører",
        title_en="First electric bus runs",
        reached=True,
    )
    ResultStoryFactory(
        focus_area=focus_area,
        initiative=buses,
        year=2024,
        headline_da="Bybusserne kører på strøm",
        headline_en="City buses run on electricity",
        figure=Decimal("29"),
        unit_da="elbusser",
        unit_en="electric buses",
    )
    return initiative


def test_initiative_page_shows_everything_about_the_initiative(client, initiative_tree):
    response = client.get("/initiativer/transport/")

    assert response.status_code == 200
    text = text_of(response)
    html = response.content.decode()
    # Breadcrumbs: the vision › focus area › parent › this page
    breadcrumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))
    ]
    assert 'href="/"' in breadcrumbs
    assert 'href="/fokusomraader/faellesskab/"' in breadcrumbs
    assert 'href="/initiativer/top/"' in breadcrumbs
    assert 'aria-current="page">CO2-venlig transport<' in breadcrumbs
    assert "CO2-venlig transport" in text
    assert "Grønne drivmidler." in text
    assert "70 % gennemført" in text
    assert "I fuld gang" in text and "Arbejdet kører." in text
    assert "Teknik & Miljø" in text
    assert "1. januar 2020" in text and "31. december 2026" in text
    assert "Del af Bæredygtige valg" in text
    # Sub-initiatives with their progress
    assert "Elbusser" in text and "100 % gennemført" in text
    # Results of sub-initiatives belong here too
    assert "Bybusserne kører på strøm" in text and "29 elbusser" in text
    assert html.count("<h1") == 1
    assert_csp_safe(response)


def test_initiative_page_milestone_timeline_is_an_ordered_list_by_date(client, initiative_tree):
    html = client.get("/initiativer/transport/").content.decode()

    timeline = html[
        html.index('<ol class="vision-timeline">') : html.index(
            "</ol>", html.index('<ol class="vision-timeline">')
        )
    ]
    assert timeline.index("Første elbus kører") < timeline.index("Sidste bus skiftes")
    assert '<time datetime="2022-06-01">1. juni 2022</time>' in timeline
    first, second = timeline.split("vision-timeline__item ")[1:]
    assert "Nået" in text_of_fragment(first) and "Planlagt" not in text_of_fragment(first)
    assert "Planlagt" in text_of_fragment(second) and "Nået" not in text_of_fragment(second)


def text_of_fragment(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_initiative_page_in_english(client, initiative_tree):
    text = text_of(client.get("/en/initiativer/transport/"))

    assert "Low-carbon transport" in text
    assert "70% complete" in text
    assert "Well under way" in text
    assert "Technical Services" in text
    assert "Milestones" in text and "Reached" in text and "Planned" in text
    assert "First electric bus runs" in text
    assert "29 electric buses" in text


def test_initiative_page_falls_back_to_danish(client, focus_area):
    InitiativeFactory(focus_area=focus_area, slug="kun-dansk", title_da="Kun dansk", title_en="")

    text = text_of(client.get("/en/initiativer/kun-dansk/"))

    assert "Kun dansk" in text


@pytest.mark.parametrize("url", ["/initiativer/findes-ikke/", "/en/initiativer/findes-ikke/"])
def test_unknown_initiative_is_404(client, url):
    assert client.get(url).status_code == 404


def test_initiative_page_query_count_does_not_grow(client, focus_area):
    top = InitiativeFactory(focus_area=focus_area)
    initiative = InitiativeFactory(focus_area=focus_area, parent=top)
    child = InitiativeFactory(focus_area=focus_area, parent=initiative)
    MilestoneFactory(initiative=initiative)
    ResultStoryFactory(focus_area=focus_area, initiative=child)
    url = initiative.get_absolute_url()
    few = count_queries(client, url)

    # Deeper ancestry, more sub-initiatives, milestones and stories.
    deeper = InitiativeFactory(focus_area=focus_area)
    top.parent = deeper
    top.save()
    for _ in range(8):
        child = InitiativeFactory(focus_area=focus_area, parent=initiative)
        MilestoneFactory(initiative=initiative, reached=True)
        ResultStoryFactory(focus_area=focus_area, initiative=child)
    many = count_queries(client, url)

    assert few == many


# --- Sitemap --------------------------------------------------------------------------


def test_sitemap_lists_front_page_focus_areas_and_initiatives_in_both_languages(
    client, initiative_tree
):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    for path in ["/", "/fokusomraader/faellesskab/", "/initiativer/transport/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml
        assert f"<loc>http://testserver/en{path}</loc>" in xml
    assert 'hreflang="en"' in xml
