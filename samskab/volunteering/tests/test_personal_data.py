import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from samskab.accounts import services as account_services
from samskab.accounts.personal_data import account_deletion_hooks, personal_data_sections
from samskab.volunteering import personal_data, services
from samskab.volunteering.models import HoursEntry, Opportunity, VolunteerMessage, VolunteerProfile
from samskab.volunteering.tests.helpers import attend, sign_up
from tests.factories import HoursEntryFactory, TownFactory, make_shift

pytestmark = pytest.mark.django_db


def test_download_has_the_profile_hours_and_messages(
    shift, volunteer, coordinator, organisation, opportunity
):
    services.save_profile(
        user=volunteer,
        fields={"about": "Bager gerne", "phone": "20 30 40 50"},
        towns=[TownFactory()],
    )
    attend(shift, volunteer, by=coordinator)
    HoursEntryFactory(volunteer=volunteer, organisation=organisation, description="Kage")
    assert personal_data_sections()["volunteering"] is personal_data.collect_personal_data
    data = personal_data.collect_personal_data(volunteer)
    json.dumps(data, cls=DjangoJSONEncoder)  # serialisable
    assert data["profile"]["about"] == "Bager gerne"
    assert data["profile"]["towns"] == ["Ribe"]
    assert {entry["source"] for entry in data["hours"]} == {"shift", "logged"}
    assert any(entry["description"] == "Kage" for entry in data["hours"])

    sign_up(make_shift(opportunity=opportunity), volunteer)
    services.message_volunteers(
        sender=coordinator, opportunity=opportunity, subject="Hej", body="Husk kaffe"
    )
    sent = personal_data.collect_personal_data(coordinator)["messages_sent_to_volunteers"]
    assert sent[0]["subject"] == "Hej"
    assert personal_data.collect_personal_data(coordinator)["profile"] is None


def test_deleting_an_account_deletes_the_profile_and_keeps_anonymous_hours(
    shift, volunteer, coordinator, organisation, opportunity
):
    services.save_profile(user=volunteer, fields={"about": "Bager gerne"})
    attend(shift, volunteer, by=coordinator)
    assert personal_data.forget_personal_data in account_deletion_hooks()
    account_services.delete_account(user=volunteer)
    assert not VolunteerProfile.objects.exists()
    entry = HoursEntry.objects.get()
    assert entry.volunteer is None and entry.booking is None
    assert entry.hours == Decimal("2.00")
    assert entry.organisation == organisation
    # The organisation's summary still counts the volunteer and the hours.
    from samskab.volunteering.selectors import yearly_summary

    summary = yearly_summary(organisation=organisation, year=entry.date.year)
    assert (summary.total.volunteers, summary.total.hours) == (1, Decimal("2.00"))


def test_deleting_a_coordinator_keeps_the_opportunity_and_the_message_record(
    shift, volunteer, coordinator, opportunity
):
    sign_up(shift, volunteer)
    services.message_volunteers(
        sender=coordinator, opportunity=opportunity, subject="Hej", body="x"
    )
    account_services.delete_account(user=coordinator)
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    assert opportunity.contact_person is None
    assert VolunteerMessage.objects.get().sent_by is None
