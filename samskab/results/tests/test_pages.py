"""The results pages as a reader meets them, in Danish and English: the overview, a focus
area's results and an indicator's page; what they never show (the exact value of a figure
too small to publish, unpublished indicators) and what they cost in queries."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.results import services
from samskab.results.models import Indicator, Observation
from tests.factories import (
    IndicatorFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    ResultStoryFactory,
    declared_indicator,
    record,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return re.sub(r"\s+", " ", text)


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def secret_numbers() -> set[str]:
    """The exact values of figures too small to publish that would be recognisable in a
    page (with decimals, and unlike any published figure), as either language writes
    them."""
    published = set(Observation.objects.filter(suppressed=False).values_list("value", flat=True))
    found = set()
    for value in Observation.objects.filter(suppressed=True, value__isnull=False).values_list(
        "value", flat=True
    ):
        if value != value.to_integral_value() and value not in published:
            plain = format(value.normalize(), "f")
            found |= {plain, plain.replace(".", ",")}
    return found


def assert_no_secret(text: str, secrets: set[str]):
    for secret in secrets:
        assert not re.search(rf"(?<![\d.,]){re.escape(secret)}(?!\d)", text), secret


def assert_csp_safe(html: str):
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_the_overview_shows_each_focus_area_with_its_indicators(client, measured):
    response = client.get("/resultater/")

    assert response.status_code == 200
    text = text_of(response)
    assert "Resultater" in text
    assert "Fællesskab" in text
    assert "Volunteer hours" in text
    # Last year's sum fell from the year before's: nine volunteers became eight.
    year = measured["today"].year
    assert "Volunteer hours faldt " in text
    assert f"fra {year - 2} til {year - 1}." in text
    assert 'href="/resultater/faellesskab/"' in response.content.decode()
    assert 'href="/resultater/data.csv"' in response.content.decode()
    assert_csp_safe(response.content.decode())


def test_the_overview_in_english(client, measured):
    text = text_of(client.get("/en/resultater/"))

    assert "Results" in text
    assert "Community" in text
    year = measured["today"].year
    assert re.search(rf"Volunteer hours fell \d+% from {year - 2} to {year - 1}\.", text)
    assert "so far" in text


def test_the_main_menu_leads_to_the_results(client, db):
    html = client.get("/resultater/").content.decode()

    assert re.search(r'<li class="active current"><a href="/resultater/"[^>]*>', html)
    assert "<span>Resultater</span>" in html
    assert "<span>Results</span>" in client.get("/en/").content.decode()


def test_an_unpublished_indicator_is_nowhere(client, measured):
    Indicator.objects.filter(pk=measured["signups"].pk).update(is_published=False)

    assert "Sign-ups" not in text_of(client.get("/resultater/"))
    assert "Sign-ups" not in text_of(client.get("/resultater/faellesskab/"))
    for suffix in ("", "graf.svg", "graf.png", "data.csv", "data-excel.csv", "data.json"):
        response = client.get(f"/resultater/indikator/test-signups/{suffix}")
        assert response.status_code == 404, suffix
    for path in ("data.csv", "data.json"):
        assert "test-signups" not in body_of(client.get(f"/resultater/{path}"))


def test_unknown_pages_are_not_found(client, db):
    assert client.get("/resultater/intet-omraade/").status_code == 404
    assert client.get("/resultater/indikator/intet/").status_code == 404


def test_a_focus_area_shows_each_indicator_as_chart_headline_table_and_data(client, measured):
    ResultStoryFactory(
        focus_area=measured["area"], year=2025, headline_da="600 nye frivillige", figure=600
    )

    response = client.get("/resultater/faellesskab/")

    html = response.content.decode()
    text = text_of(response)
    assert response.status_code == 200
    assert "<h1>Fællesskab</h1>" in html
    # The chart: an image with a title and a description, its values written on it.
    svg = re.search(
        r'<svg [^>]*aria-labelledby="chart-test-hours-title chart-test-hours-desc"', html
    )
    assert svg and 'role="img"' in svg.group(0)
    assert '<title id="chart-test-hours-title">Volunteer hours</title>' in html
    assert re.search(r'<desc id="chart-test-hours-desc">Volunteer hours pr\. måned, ', html)
    # Under it the same figures as a table with a caption.
    assert "<caption>Volunteer hours: tallene</caption>" in html
    assert "Tallene som tabel" in text
    assert 'href="/resultater/indikator/test-hours/data.csv"' in html
    assert 'href="/resultater/indikator/test-hours/data.json"' in html
    assert 'href="/resultater/indikator/test-hours/data-excel.csv"' in html
    assert 'href="/resultater/indikator/test-hours/"' in html
    # The year's stories stay beside the figures.
    assert "Resultathistorier" in text
    assert "600 nye frivillige" in text
    assert_csp_safe(html)


def test_periods_and_numbers_follow_the_language(client, measured):
    secret_month = measured["secret_month"]
    danish = text_of(client.get("/resultater/faellesskab/"))
    english = text_of(client.get("/en/resultater/faellesskab/"))

    months_da = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep."]
    months_da += ["okt.", "nov.", "dec."]
    month_en = secret_month.strftime("%b")
    assert f"{months_da[secret_month.month - 1]} {secret_month.year} færre end 5" in danish
    assert f"{month_en} {secret_month.year} fewer than 5" in english
    assert "22,5" in danish or "20,5" in danish or "26,83" in danish
    assert "26.83" in english and "26,83" not in english


def test_the_indicator_page_tells_how_it_is_measured_and_breaks_it_down(client, measured):
    initiative = InitiativeFactory(title_da="Flere frivillige")
    InitiativeLinkFactory(
        indicator=measured["hours"],
        initiative=initiative,
        baseline=Decimal(200),
        baseline_year=2023,
        target=Decimal(400),
        target_date=datetime.date(2027, 12, 31),
    )

    response = client.get("/resultater/indikator/test-hours/")

    text = text_of(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Volunteer hours</h1>" in html
    assert "Hours volunteers gave, as approved." in text
    assert "Samskab, Esbjerg Kommune: beregnet ud fra platformens egne data" in text
    assert "Beregnes hvert 5. minut ud fra platformens data." in text
    assert "Senest beregnet" in text
    assert "Version 1, siden" in text
    # Breakdowns with the groups' names, not their codes.
    assert "Fordelt på byer" in text and "Esbjerg" in text and "Sædding" in text
    assert "Fordelt på aldersgrupper" in text and "Seniorer" in text and "Ukendt" in text
    assert "Fordelt på sprog" in text and "Dansk" in text
    assert "seniors" not in text
    # Initiatives it measures, with baseline and target.
    assert "Flere frivillige" in text
    assert "udgangspunkt 200 (2023), mål 400 (31. december 2027)" in text
    # Downloads and the addresses to embed the chart.
    assert "http://testserver/resultater/indikator/test-hours/graf.svg" in html
    assert "http://testserver/resultater/indikator/test-hours/graf.png" in html
    assert_csp_safe(html)


def test_the_indicator_page_in_english_names_groups_in_english(client, measured):
    text = text_of(client.get("/en/resultater/indikator/test-hours/"))

    assert "By age group" in text and "Seniors" in text and "Unknown" in text
    assert "By language" in text and "Danish" in text
    assert "Computed every 5 minutes from the platform’s data." in text


def test_a_new_method_version_is_shown_with_what_changed(client, measured, declare_indicators):
    old = measured["hours"].declared
    newer = declared_indicator(
        "test-hours",
        [],
        measure="sum",
        title=old.title,
        version=2,
        changes=("Only approved hours count.",),
    )
    declare_indicators(newer, measured["signups"].declared)
    services.compute_all()

    text = text_of(client.get("/resultater/indikator/test-hours/"))

    assert "Version 1, siden" in text
    assert "Version 2, siden" in text
    assert "(de viste tal): Only approved hours count." in text


def test_a_manual_indicator_names_its_source(client, measured):
    text = text_of(client.get("/resultater/indikator/tilfredshed/"))

    assert "Borgerpanelet" in text
    assert "Indtastes af kommunen, når den har målt." in text
    # Last year's answer rests on three people: neither it nor a comparison is shown.
    assert "færre end 5" in text
    assert "74" not in text


def test_no_page_shows_the_exact_value_of_a_figure_too_small_to_publish(client, measured):
    secrets = secret_numbers()
    assert {"4.37", "4,37"} <= secrets

    for url in (
        "/resultater/",
        "/en/resultater/",
        "/resultater/faellesskab/",
        "/en/resultater/faellesskab/",
        "/resultater/indikator/test-hours/",
        "/en/resultater/indikator/test-hours/",
        "/resultater/indikator/test-hours/graf.svg",
        "/en/resultater/indikator/test-hours/graf.svg",
        "/resultater/indikator/test-hours/data.csv",
        "/resultater/indikator/test-hours/data-excel.csv",
        "/resultater/indikator/test-hours/data.json",
        "/resultater/data.csv",
        "/resultater/data-excel.csv",
        "/resultater/data.json",
        "/",
        "/fokusomraader/faellesskab/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = body_of(response)
        if "html" in response["Content-Type"] or "svg" in response["Content-Type"]:
            # What is read: the text, not the drawing's coordinates.
            body = re.sub(r"<[^>]+>", " ", body)
        assert_no_secret(body, secrets)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    ["/resultater/", "/resultater/faellesskab/", "/resultater/indikator/test-hours/"],
)
def test_a_results_page_costs_a_few_queries_however_much_there_is(client, measured, url):
    few = count_queries(client, url)

    area = measured["area"]
    for number in range(5):
        indicator = IndicatorFactory(focus_area=area, chart_period="quarter")
        for year in range(2015, 2026):
            record(indicator, "year", datetime.date(year, 1, 1), 100 + number, base=50)
            record(indicator, "quarter", datetime.date(year, 4, 1), 10 + number, base=2)
        ResultStoryFactory(focus_area=area, year=2020 + number)
    InitiativeLinkFactory(indicator=measured["hours"])
    InitiativeLinkFactory(indicator=measured["hours"])

    many = count_queries(client, url)
    assert few == many
    assert many <= 10
