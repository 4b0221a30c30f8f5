"""The list reads each opportunity's summary of its coming shifts (``UpcomingShifts``):
every change of a shift is in it at once, and so is the end of a shift, however much later
the list is read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.booking import services as booking_services
from samskab.volunteering import services, upcoming
from samskab.volunteering.models import Opportunity, UpcomingShifts
from tests.factories import OpportunityFactory, make_municipal_staff, make_shift

pytestmark = pytest.mark.django_db

LIST = "/frivillig/"


@pytest.fixture
def opportunity():
    return OpportunityFactory(kind=Opportunity.Kind.AD_HOC, title_da="Bær stole")


def listed(client) -> str:
    return client.get(LIST).content.decode()


def test_a_new_shift_puts_the_task_on_the_list(client, opportunity):
    assert "Bær stole" not in listed(client)

    make_shift(opportunity=opportunity, starts_in=timedelta(days=2))
    make_shift(opportunity=opportunity, starts_in=timedelta(days=9))

    html = listed(client)
    assert "Bær stole" in html and "2 datoer" in html


def test_a_cancelled_or_deleted_shift_is_off_the_list_at_once(client, opportunity):
    first = make_shift(opportunity=opportunity, starts_in=timedelta(days=2))
    second = make_shift(opportunity=opportunity, starts_in=timedelta(days=9))
    assert "2 datoer" in listed(client)

    booking_services.cancel_slot(slot=first.booking_slot, reason="Regn", by=None)
    html = listed(client)
    assert "Bær stole" in html and "2 datoer" not in html

    second.delete()
    assert "Bær stole" not in listed(client)


def test_a_shift_that_has_ended_is_not_counted_when_the_list_is_read_later(
    client, opportunity, monkeypatch
):
    make_shift(opportunity=opportunity, starts_in=timedelta(hours=1), duration=timedelta(hours=2))
    make_shift(opportunity=opportunity, starts_in=timedelta(days=3))
    assert "2 datoer" in listed(client)

    later = timezone.now() + timedelta(hours=4)
    monkeypatch.setattr(timezone, "now", lambda: later)

    html = listed(client)
    assert "Bær stole" in html and "2 datoer" not in html
    summary = UpcomingShifts.objects.get(opportunity=opportunity)
    assert summary.count == 1 and summary.changes_at > later


def test_deleting_an_opportunity_with_shifts_leaves_no_summary(opportunity):
    make_shift(opportunity=opportunity)
    services.delete_opportunity(opportunity=opportunity, by=make_municipal_staff())
    assert not UpcomingShifts.objects.exists()


def test_a_bulk_load_is_summed_up_by_refresh_all(opportunity):
    make_shift(opportunity=opportunity)
    UpcomingShifts.objects.all().delete()

    assert upcoming.refresh_all() == 1
    assert UpcomingShifts.objects.get(opportunity=opportunity).count == 1
