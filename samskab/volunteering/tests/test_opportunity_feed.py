"""An opportunity's shifts as an iCalendar feed, linked from its page: the same shifts its
JSON-LD describes, cancelled ones marked, and the same UID as in a volunteer's own feed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from samskab.volunteering import services
from tests.factories import OpportunityFactory, UserFactory, make_shift

pytestmark = pytest.mark.django_db


def _feed(client, opportunity) -> Calendar:
    response = client.get(f"/frivillig/{opportunity.pk}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_opportunity_page_links_to_a_feed_of_its_shifts(client):
    opportunity = OpportunityFactory(title_da="Bær stole til koncerten")
    first = make_shift(opportunity=opportunity, starts_in=timedelta(days=2))
    second = make_shift(opportunity=opportunity, starts_in=timedelta(days=9), place="Salen")
    services.cancel_shift(shift=second, reason="Koncerten er aflyst", by=UserFactory())

    page = client.get(opportunity.get_absolute_url()).content.decode()
    calendar = _feed(client, opportunity)

    assert f'href="/frivillig/{opportunity.pk}/kalender.ics"' in page
    assert calendar["X-WR-CALNAME"] == "Bær stole til koncerten"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"samskab-slot-{first.booking_slot.pk}@testserver",
        f"samskab-slot-{second.booking_slot.pk}@testserver",
    }
    soon = events[f"samskab-slot-{first.booking_slot.pk}@testserver"]
    assert str(soon["SUMMARY"]) == "Bær stole til koncerten"
    assert soon["STATUS"] == "CONFIRMED"
    assert soon.decoded("DTSTART") == timezone.localtime(first.starts_at).replace(microsecond=0)
    assert str(soon["URL"]).endswith(f"#shift-{first.pk}")
    cancelled = events[f"samskab-slot-{second.booking_slot.pk}@testserver"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert str(cancelled["LOCATION"]) == "Salen"
    assert "Koncerten er aflyst" in str(cancelled["DESCRIPTION"])


def test_an_unpublished_opportunity_has_no_feed(client):
    opportunity = OpportunityFactory(is_published=False)
    make_shift(opportunity=opportunity)

    assert client.get(f"/frivillig/{opportunity.pk}/kalender.ics").status_code == 404
    assert client.get("/frivillig/999999/kalender.ics").status_code == 404


def test_the_feed_reads_a_fixed_number_of_queries(client):
    opportunity = OpportunityFactory()
    make_shift(opportunity=opportunity)
    with CaptureQueriesContext(connection) as few:
        _feed(client, opportunity)
    for days in range(4, 8):
        make_shift(opportunity=opportunity, starts_in=timedelta(days=days))
    with CaptureQueriesContext(connection) as many:
        _feed(client, opportunity)

    assert len(many) == len(few)
