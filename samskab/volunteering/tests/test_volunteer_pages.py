from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.childsafety import services as attest_services
from samskab.volunteering.models import HoursEntry, VolunteerProfile
from samskab.volunteering.tests.helpers import attend, sign_up
from tests.factories import (
    HoursEntryFactory,
    OrganisationFactory,
    SkillFactory,
    TownFactory,
    UserFactory,
    children_opportunity,
    coordinator_of,
    help_on,
    make_shift,
    soon,
)

pytestmark = pytest.mark.django_db

PROFILE_URL = "/frivillig/min-profil/"
MINE_URL = "/frivillig/mit-frivillige-arbejde/"
LOG_URL = "/frivillig/timer/registrer/"


def test_volunteer_pages_need_a_login(client):
    for url in (PROFILE_URL, MINE_URL, LOG_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]


def test_set_up_a_profile_with_one_form(client, volunteer):
    client.force_login(volunteer)
    response = client.get(PROFILE_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Min frivilligprofil" in content
    # Sensible defaults: Danish preselected, three alerts a week, quiet at night.
    assert response.context["form"].initial["max_alerts_per_week"] == 3
    ribe = TownFactory()
    skill = SkillFactory()
    response = client.post(
        PROFILE_URL,
        {
            "towns": [ribe.pk],
            "skills": [skill.pk],
            "availability": ["2-evening", "6-morning"],
            "about": "Pensioneret tømrer",
            "ad_hoc_alerts": "on",
            "max_alerts_per_week": "2",
            "quiet_hours_start": "21:00",
            "quiet_hours_end": "08:00",
            "share_profile": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == MINE_URL
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.availability == ["2-evening", "6-morning"]
    assert profile.ad_hoc_alerts
    assert list(profile.towns.all()) == [ribe]
    # Editing shows what was saved.
    response = client.get(PROFILE_URL)
    assert 'value="2-evening"' in response.content.decode()
    assert response.context["form"].initial["about"] == "Pensioneret tømrer"


def test_profile_errors_are_explained_and_input_kept(client, volunteer):
    client.force_login(volunteer)
    response = client.post(
        "/en" + PROFILE_URL,
        {
            "about": "I like baking",
            "max_alerts_per_week": "99",
            "quiet_hours_start": "21:00",
            "quiet_hours_end": "",
            "share_phone": "on",
            "availability": ["9-night"],
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please correct the following" in content
    assert "I like baking" in content
    assert "Give both times for quiet hours" in content
    assert "Give your phone number to share it" in content
    assert not VolunteerProfile.objects.filter(user=volunteer).exists()


def test_my_volunteering_shows_history_and_hours_per_organisation_and_year(
    client, shift, coordinator, organisation
):
    volunteer = UserFactory()
    shift, _booking = attend(shift, volunteer, by=coordinator)
    other_organisation = OrganisationFactory(name="Bramming Hjælpere")
    HoursEntryFactory(
        volunteer=volunteer,
        organisation=other_organisation,
        status=HoursEntry.Status.APPROVED,
        hours=Decimal("1.5"),
        date=timezone.localdate().replace(month=1, day=1) - timedelta(days=1),
    )
    pending = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    coming = make_shift(opportunity=shift.opportunity, starts_in=timedelta(days=4))
    sign_up(coming, volunteer)

    client.force_login(volunteer)
    response = client.get(MINE_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert shift.opportunity.title_da in content
    totals = {(t.organisation.name, t.year): t.hours for t in response.context["totals"]}
    this_year = timezone.localdate().year
    assert totals == {
        (organisation.name, this_year): Decimal("2.00"),
        ("Bramming Hjælpere", this_year - 1): Decimal("1.50"),
    }
    assert "1,5" in content
    assert len(response.context["history"]) == 3
    assert "Venter på godkendelse" in content
    assert f"/frivillig/timer/{pending.pk}/traek-tilbage/" in content
    assert [b.slot_id for b in response.context["upcoming"]] == [coming.booking_slot.pk]


def test_my_volunteering_counts_shifts_done_as_a_visitor_and_nobody_elses(
    client, shift, coordinator
):
    volunteer = UserFactory()
    shift, booking = attend(shift, volunteer, by=coordinator)
    # A visitor's sign-up, linked to the account made afterwards: the entry names only the
    # booking.
    HoursEntry.objects.filter(booking=booking).update(volunteer=None)
    someone_else = UserFactory()
    attend(make_shift(opportunity=shift.opportunity), someone_else, by=coordinator)
    HoursEntryFactory(volunteer=someone_else, status=HoursEntry.Status.APPROVED)

    client.force_login(volunteer)
    response = client.get(MINE_URL)

    assert [entry.booking_id for entry in response.context["history"]] == [booking.pk]
    assert [total.hours for total in response.context["totals"]] == [Decimal("2.00")]


def test_my_volunteering_query_count_is_fixed(client, coordinator, opportunity):
    """Also with børneattest notes: one organisation's or several."""
    volunteer = UserFactory()
    client.force_login(volunteer)
    crossed_the_attest_rule(children_opportunity(OrganisationFactory()), volunteer)
    attend(make_shift(opportunity=opportunity), volunteer, by=coordinator)
    sign_up(make_shift(opportunity=opportunity), volunteer)
    client.get(MINE_URL)
    with CaptureQueriesContext(connection) as one:
        client.get(MINE_URL)
    for days in range(4, 13):
        attend(
            make_shift(opportunity=opportunity, starts_in=timedelta(days=days)),
            volunteer,
            by=coordinator,
        )
        sign_up(make_shift(opportunity=opportunity, starts_in=timedelta(days=days)), volunteer)
    for _ in range(3):
        crossed_the_attest_rule(children_opportunity(OrganisationFactory()), volunteer)
    with CaptureQueriesContext(connection) as many:
        response = client.get(MINE_URL)
    assert len(response.context["history"]) == 10
    assert response.content.decode().count("Børneattest mangler") == 4
    assert len(one.captured_queries) == len(many.captured_queries)


def test_my_volunteering_shows_the_history_twenty_entries_at_a_time(client, volunteer):
    from tests.factories.volunteering import HoursEntryFactory

    organisation = OrganisationFactory()
    for weeks_ago in range(1, 24):
        HoursEntryFactory(
            volunteer=volunteer,
            organisation=organisation,
            date=timezone.localdate() - timedelta(weeks=weeks_ago),
            description=f"Lektiehjælp uge {weeks_ago}.",
        )
    client.force_login(volunteer)

    first = client.get(MINE_URL).content.decode()
    assert "Lektiehjælp uge 1." in first and "Lektiehjælp uge 20." in first
    assert "Lektiehjælp uge 21." not in first
    assert 'href="?page=2"' in first
    second = client.get(MINE_URL, {"page": "2"}).content.decode()
    assert "Lektiehjælp uge 21." in second and "Lektiehjælp uge 23." in second
    assert "Lektiehjælp uge 20." not in second


def crossed_the_attest_rule(opportunity, person):
    """Four shifts within three months of an opportunity with children: the organisation
    needs the person's børneattest."""
    help_on(opportunity, person, [soon(days) for days in (10, 30, 50, 70)])


def test_my_volunteering_links_to_the_certificate_and_visiting_friends(client, volunteer):
    client.force_login(volunteer)
    content = client.get(MINE_URL).content.decode()
    certificate = '<a href="/frivilligbevis/" class="button button-secondary">'
    assert f"{certificate}Få et frivilligbevis</a>" in content
    assert '<a href="/besoegsven/" class="button button-tertiary">Besøgsvenner</a>' in content
    # Nothing about børneattest for someone who does not need one.
    assert "childsafety-notes" not in content
    english = client.get("/en" + MINE_URL).content.decode()
    assert 'href="/en/frivilligbevis/"' in english
    assert "Get a volunteer certificate" in english
    assert 'href="/en/besoegsven/"' in english
    assert ">Visiting friends</a>" in english


def test_my_volunteering_tells_the_volunteer_who_needs_their_boerneattest(client, volunteer):
    lektiecafe = OrganisationFactory(name="Ribe Lektiecafé")
    crossed_the_attest_rule(children_opportunity(lektiecafe), volunteer)
    client.force_login(volunteer)
    content = client.get(MINE_URL).content.decode()
    assert 'id="childsafety-notes-heading">Børneattest</h2>' in content
    assert "Ribe Lektiecafé har brug for din børneattest" in content
    assert "Børneattest mangler" in content
    assert 'href="/boerneattest/"' in content
    # The notes follow the hours and come before the full history.
    assert (
        content.index("Timer for hver organisation og år")
        < content.index("childsafety-notes-heading")
        < content.index("Alt, hvad du har lavet")
    )
    attest_services.record_requested(
        volunteer=volunteer, organisation=lektiecafe, by=coordinator_of(lektiecafe)
    )
    english = client.get("/en" + MINE_URL).content.decode()
    assert "Børneattest requested" in english
    assert "Ribe Lektiecafé requested your børneattest on" in english
    # Another person's page says nothing about it.
    client.force_login(UserFactory())
    assert "Ribe Lektiecafé" not in client.get(MINE_URL).content.decode()


def test_log_hours(client, volunteer, organisation):
    client.force_login(volunteer)
    response = client.get(LOG_URL + f"?organisation={organisation.slug}")
    assert response.context["form"].initial["organisation"] == organisation
    response = client.post(
        LOG_URL,
        {
            "organisation": organisation.pk,
            "date": timezone.localdate().isoformat(),
            "hours": "2,5",
            "description": "Ryddede op efter loppemarkedet",
        },
    )
    assert response.status_code == 302
    entry = HoursEntry.objects.get(volunteer=volunteer)
    assert entry.hours == Decimal("2.5")
    assert entry.status == HoursEntry.Status.PENDING


def test_log_hours_bad_input_is_explained_and_kept(client, volunteer, organisation):
    client.force_login(volunteer)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        LOG_URL,
        {
            "organisation": organisation.pk,
            "date": tomorrow,
            "hours": "30",
            "description": "Stor dag",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Stor dag" in content
    assert "Datoen kan ikke ligge i fremtiden." in content
    assert not HoursEntry.objects.exists()
    response = client.post(
        "/en" + LOG_URL, {"organisation": "999999", "date": "soon", "hours": "x"}
    )
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()


def test_withdraw_only_own_hours(client, volunteer, organisation):
    mine = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    theirs = HoursEntryFactory(organisation=organisation)
    client.force_login(volunteer)
    assert client.post(f"/frivillig/timer/{theirs.pk}/traek-tilbage/").status_code == 404
    assert client.post(f"/frivillig/timer/{mine.pk}/traek-tilbage/").status_code == 302
    assert not HoursEntry.objects.filter(pk=mine.pk).exists()
    assert HoursEntry.objects.filter(pk=theirs.pk).exists()
    assert client.get(f"/frivillig/timer/{theirs.pk}/traek-tilbage/").status_code == 405
