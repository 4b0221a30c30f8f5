"""What someone who downloads a dataset gets: the three files of the activities and their
sessions, their headers, and that they are written while they are read."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.activities import services as activity_services
from samskab.booking import services as booking_services
from samskab.opendata import formats
from samskab.opendata.catalogue import datasets
from samskab.opendata.tests.helpers import csv_rows, download, excel_rows, json_document
from samskab.organisations.models import Organisation
from tests.factories import UserFactory
from tests.factories.activities import ActivityFactory, one_off
from tests.factories.reference import InterestFactory
from tests.factories.vision import FocusAreaFactory

pytestmark = pytest.mark.django_db


def test_the_activities_csv_is_utf8_with_commas_iso_times_and_only_public_activities(client):
    area = FocusAreaFactory(slug="faellesskab")
    knitting = ActivityFactory(
        title_da="Strik og snak i Ølgod",
        price=Decimal("25.50"),
        focus_areas=[area],
        interests=[InterestFactory(slug="strik"), InterestFactory(slug="kaffe")],
    )
    ActivityFactory(title_da="Kladde", is_published=False)
    ActivityFactory(
        title_da="Venter på godkendelse", organisation__status=Organisation.Status.PENDING
    )

    response, body = download(client, "/data/aktiviteter.csv")

    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert response["Content-Disposition"] == 'attachment; filename="aktiviteter.csv"'
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response["Link"]
    assert not body.startswith(b"\xef\xbb\xbf")
    assert body.split(b"\r\n")[0].startswith(b"id,title_da,title_en,")
    rows = csv_rows(client, "aktiviteter")
    assert [row["title_da"] for row in rows] == ["Strik og snak i Ølgod"]
    row = rows[0]
    assert row["price"] == "25.50"
    assert row["focus_areas"] == "faellesskab"
    assert row["interests"] == "kaffe|strik"
    assert row["come_alone_welcome"] == "false"
    knitting.refresh_from_db()
    local = timezone.localtime(knitting.updated_at).replace(microsecond=0)
    assert row["updated_at"] == local.isoformat()
    assert (
        row["url"] == f"https://samskab.example/aktiviteter/{knitting.pk}-strik-og-snak-i-oelgod/"
    )


def test_the_excel_file_keeps_danish_letters_and_uses_semicolons_and_decimal_commas(client):
    ActivityFactory(title_da="Æblegrød, ørreder og ål", price=Decimal("25.50"))

    _response, body = download(client, "/data/aktiviteter.excel.csv")

    # Excel decodes a file as UTF-8 only when it starts with the byte order mark; without
    # it, Danish Windows reads it as Windows-1252 and "æ" becomes "Ã¦".
    assert body[:3] == b"\xef\xbb\xbf"
    assert "Æblegrød, ørreder og ål".encode() in body
    assert "Æblegrød".encode().decode("cp1252") == "Ã†blegrÃ¸d"
    assert body[3:].split(b"\r\n")[0].startswith(b"id;title_da;title_en;")
    [row] = excel_rows(client, "aktiviteter")
    assert row["title_da"] == "Æblegrød, ørreder og ål"
    assert row["price"] == "25,50"


def test_excel_never_takes_a_downloaded_text_for_a_formula(client):
    ActivityFactory(title_da='=HYPERLINK("https://example.org","Klik")', price=Decimal("0"))

    [row] = excel_rows(client, "aktiviteter")
    [plain] = csv_rows(client, "aktiviteter")

    assert row["title_da"] == '\'=HYPERLINK("https://example.org","Klik")'
    assert plain["title_da"] == '=HYPERLINK("https://example.org","Klik")'


def test_the_json_file_names_its_licence_and_gives_typed_values(client):
    activity = ActivityFactory(title_da="Gåtur ved Vadehavet", price=Decimal("12.50"))

    document = json_document(client, "aktiviteter")

    assert document["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["title"] == {"da": "Aktiviteter", "en": "Activities"}
    assert document["columns"][:2] == ["id", "title_da"]
    [row] = document["rows"]
    assert row["id"] == activity.pk
    assert row["title_da"] == "Gåtur ved Vadehavet"
    assert row["price"] == 12.5
    assert row["step_free_access"] is False
    assert row["initiative"] is None


def test_sessions_not_yet_over_with_their_places_left(client):
    activity = ActivityFactory(participation="sign_up", title_da="Bueskydning")
    full_soon = one_off(activity, days=2, capacity=3)
    booking_services.request_booking(slot=full_soon.booking_slot, user=UserFactory())
    cancelled = one_off(activity, days=4, capacity=3)
    activity_services.cancel_session(session=cancelled, reason="Sygdom", by=UserFactory())
    over = one_off(activity, days=5, capacity=3)
    over.booking_slots.update(starts_at=timezone.now() - timedelta(days=2))
    type(over).objects.filter(pk=over.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2, hours=-1),
    )
    hidden = ActivityFactory(is_published=False)
    one_off(hidden, days=2, capacity=3)
    drop_in = one_off(ActivityFactory(title_da="Kom bare"), days=3)

    rows = {int(row["id"]): row for row in csv_rows(client, "aktivitetsgange")}

    assert set(rows) == {full_soon.pk, cancelled.pk, drop_in.pk}
    soon = rows[full_soon.pk]
    assert (soon["capacity"], soon["places_taken"], soon["places_left"]) == ("3", "1", "2")
    assert soon["cancelled"] == "false"
    assert soon["sign_up_required"] == "true"
    assert rows[cancelled.pk]["cancelled"] == "true"
    assert (rows[drop_in.pk]["sign_up_required"], rows[drop_in.pk]["places_left"]) == ("false", "")
    assert soon["url"].endswith(f"#session-{full_soon.pk}")


def test_a_download_is_written_in_chunks_while_the_rows_are_read(client, monkeypatch):
    monkeypatch.setattr(formats, "CHUNK_CHARACTERS", 200)
    for number in range(5):
        ActivityFactory(title_da=f"Aktivitet {number}")

    response = client.get("/data/aktiviteter.csv")

    chunks = list(response.streaming_content)
    assert len(chunks) > 3
    assert b"".join(chunks).count(b"\r\n") == 6


def test_an_unknown_dataset_or_format_is_not_found(client):
    assert client.get("/data/hemmeligheder.csv").status_code == 404
    assert client.get("/data/aktiviteter.xlsx").status_code == 404


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("extension", ["csv", "excel.csv", "json"])
def test_each_download_reads_a_fixed_number_of_queries(client, extension):
    def add_data():
        activity = ActivityFactory(participation="sign_up", interests=[InterestFactory()])
        one_off(activity, days=2, capacity=4)

    add_data()
    few = {d.slug: _queries(client, f"/data/{d.slug}.{extension}") for d in datasets()}
    for _ in range(3):
        add_data()
    many = {d.slug: _queries(client, f"/data/{d.slug}.{extension}") for d in datasets()}

    assert many == few
    assert few["aktiviteter"] <= 6
    assert few["aktivitetsgange"] <= 2
