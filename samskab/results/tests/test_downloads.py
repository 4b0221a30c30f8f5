"""The figures as open data (CSV, CSV for Danish Excel, JSON) and the charts other sites
embed (SVG, PNG): what they hold, how they are written, and the headers that let the
municipality's own site show the charts."""

import csv
import datetime
import io
import json
import re
import struct

import pytest

from samskab.results import charts
from samskab.results.models import Indicator
from tests.factories import IndicatorFactory, record

pytestmark = pytest.mark.django_db


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming, "downloads are streamed"
    return response, b"".join(response.streaming_content)


def test_the_csv_holds_every_period_and_breakdown_with_small_figures_marked(client, measured):
    response, content = download(client, "/resultater/indikator/test-hours/data.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="test-hours.csv"' in response["Content-Disposition"]
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert {row["period"] for row in rows} == {"month", "quarter", "year"}
    assert {row["breakdown"] for row in rows} == {"total", "town", "age_group", "language"}
    secret = measured["secret_month"].isoformat()
    month = next(
        row
        for row in rows
        if row["starts_on"] == secret and row["period"] == "month" and row["breakdown"] == "total"
    )
    assert month["value"] == ""
    assert month["suppressed"] == "true"
    assert month["note"] == "færre end 5"
    assert month["ends_on"].startswith(secret[:8])
    published = next(row for row in rows if row["suppressed"] == "false" and "." in row["value"])
    assert re.fullmatch(r"\d+\.\d+", published["value"])
    first = rows[0]
    assert first["indicator"] == "test-hours"
    assert first["definition"] == "Hours volunteers gave, as approved."
    assert first["unit"] == "hours"
    assert first["method_version"] == "1"
    assert first["licence"] == "CC0 1.0"
    assert first["source"].startswith("Samskab, Esbjerg Kommune")
    town = next(row for row in rows if row["breakdown"] == "town" and row["group"] == "esbjerg")
    assert town["group_name"] == "Esbjerg"


def test_the_excel_csv_is_what_danish_excel_expects(client, measured):
    _response, content = download(client, "/resultater/indikator/test-hours/data-excel.csv")

    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Indikator", "Titel", "Periode", "Periodens navn"]
    values = [row[9] for row in rows[1:] if row[9]]
    assert any("," in value for value in values)
    assert not any("." in value for value in values)
    hidden = [row for row in rows[1:] if row[10] == "ja"]
    assert hidden and all(row[9] == "" and row[11] == "færre end 5" for row in hidden)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rows[1][4])


def test_the_english_excel_csv_has_english_headings(client, measured):
    _response, content = download(client, "/en/resultater/indikator/test-hours/data-excel.csv")

    heading = content.decode("utf-8-sig").splitlines()[0]
    assert heading.startswith("Indicator;Title;Period;Period name;First day")


def test_the_json_describes_the_indicator_and_holds_its_figures(client, measured):
    response, content = download(client, "/en/resultater/indikator/test-hours/data.json")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(content)
    assert data["indicator"] == "test-hours"
    assert data["title"] == "Volunteer hours"
    assert data["definition"] == "Hours volunteers gave, as approved."
    assert data["unit"] == "hours"
    assert data["method_version"] == 1
    assert data["licence"] == {
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    assert data["source"].startswith("Samskab, Esbjerg Kommune")
    assert data["small_count"] == 5
    secret = measured["secret_month"].isoformat()
    month = next(
        figure
        for figure in data["figures"]
        if figure["starts_on"] == secret
        and figure["period"] == "month"
        and figure["breakdown"] == "total"
    )
    assert month == {
        "period": "month",
        "label": measured["secret_month"].strftime("%b %Y"),
        "starts_on": secret,
        "ends_on": month["ends_on"],
        "breakdown": "total",
        "group": "",
        "group_name": "",
        "value": None,
        "suppressed": True,
        "note": "fewer than 5",
    }
    assert all(figure["value"] is None for figure in data["figures"] if figure["suppressed"])


def test_a_small_count_never_leaves_in_a_download(client, db):
    # No number in the titles: the factory's numbered title could be the "3" looked for.
    indicator = IndicatorFactory(slug="lille", title_da="Lille", title_en="Small")
    record(indicator, "year", datetime.date(2024, 1, 1), 1234, base=50)
    record(indicator, "year", datetime.date(2025, 1, 1), 3, base=3)

    for url in ("data.csv", "data-excel.csv", "data.json"):
        _response, content = download(client, f"/resultater/indikator/lille/{url}")
        text = content.decode("utf-8-sig")
        assert "1234" in text
        assert not re.search(r"(?<![\d.,-])3(?![\d.,-])", text.replace("CC0 1.0", "")), url


def test_all_indicators_download_together(client, measured):
    _response, content = download(client, "/resultater/data.json")
    data = json.loads(content)

    in_order = [indicator.slug for indicator in Indicator.objects.order_by("order", "pk")]
    assert [item["indicator"] for item in data["indicators"]] == in_order
    assert set(in_order) == {"test-hours", "test-signups", "tilfredshed"}
    assert all(item["figures"] for item in data["indicators"])

    _response, content = download(client, "/resultater/data.csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert {row["indicator"] for row in rows} == {"test-hours", "test-signups", "tilfredshed"}


def test_an_indicator_without_figures_is_described_in_the_json(client, measured):
    IndicatorFactory(slug="tom", title_da="Tom")

    _response, content = download(client, "/resultater/data.json")
    data = json.loads(content)

    assert data["indicators"][-1]["indicator"] == "tom"
    assert data["indicators"][-1]["figures"] == []


def test_the_chart_is_an_svg_other_sites_may_embed(client, measured):
    response = client.get("/en/resultater/indikator/test-hours/graf.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("public")
    assert not response.cookies
    svg = response.content.decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'xml:lang="en"' in svg
    assert "<title" in svg and "<desc" in svg
    # A period too small to publish is hatched and labelled, never drawn to its value.
    assert 'fill="url(#chart-test-hours-hatch)"' in svg
    assert ">&lt;5</text>" in svg
    assert "style=" not in svg


def test_the_rest_of_the_site_stays_same_origin(client, measured):
    response = client.get("/resultater/indikator/test-hours/")

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response.get("Cross-Origin-Resource-Policy") != "cross-origin"
    assert "Access-Control-Allow-Origin" not in response


def test_the_chart_as_png_is_drawn_from_the_same_svg(client, measured):
    response = client.get("/resultater/indikator/test-hours/graf.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "X-Frame-Options" not in response
    png = response.content
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    svg = client.get("/resultater/indikator/test-hours/graf.svg").content.decode()
    svg_width, svg_height = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups()
    assert (width, height) == (2 * int(svg_width), 2 * int(svg_height))


def test_the_chart_stays_readable_on_a_phone_however_many_periods():
    """360 units wide (about the 375 px of a phone less the page's margins, so text is
    drawn near its own size), growing only downwards; labels fit inside."""
    from samskab.results import selectors

    indicator = IndicatorFactory(chart_period="month")
    for year in (2024, 2025):
        for month in range(1, 13):
            record(indicator, "month", datetime.date(year, month, 1), 123456, base=50)
    result = selectors.results_of([indicator], today=datetime.date(2026, 1, 15))[0]

    chart = result.chart

    assert chart.width == 360
    assert len(chart.rows) == 24
    assert chart.font_size >= 12
    assert chart.plot_left > 0
    for row in chart.rows:
        assert row.text_x + charts.text_width(row.text, chart.font_size) <= chart.width
    assert chart.ticks[-1].x <= chart.width
