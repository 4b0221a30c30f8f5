"""Organisers' pages: only an organisation's administrators and coordinators (and municipal
staff) manage its activities; the short create flow; series, single dates, cancelling with
emails, the roster with attendance; and bad input that is explained and kept."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samskab.activities import services
from samskab.activities.models import Activity, ActivitySession
from samskab.activities.tests.helpers import count_queries, messages_of, page_of, url
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.organisations.models import Membership
from tests.factories import (
    ActivityFactory,
    FocusAreaFactory,
    LanguageFactory,
    OrganisationFactory,
    TownFactory,
    UserFactory,
    coordinator_of,
    local_date_in,
    one_off,
    weekly,
)

pytestmark = pytest.mark.django_db

STATUS = Booking.Status


def manage(name, activity=None, organisation=None, language="da", **kwargs):
    organisation = organisation or activity.organisation
    if activity is not None and name != "manage_list" and name != "manage_create":
        kwargs["pk"] = activity.pk
    return url(name, language, slug=organisation.slug, **kwargs)


def sign_up_activity(**kwargs):
    return ActivityFactory(participation=Activity.Participation.SIGN_UP, **kwargs)


def book(session):
    return booking_services.request_booking(slot=session.booking_slot, user=UserFactory()).booking


# --- who may manage ---------------------------------------------------------------------------


def test_the_activity_pages_need_a_login(client):
    activity = ActivityFactory()
    response = client.get(manage("manage_activity", activity))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize("role", [Membership.Role.ADMINISTRATOR, Membership.Role.COORDINATOR])
def test_administrators_and_coordinators_manage_their_organisations_activities(client, role):
    activity = ActivityFactory(title_da="Kor")
    session = one_off(activity)
    client.force_login(coordinator_of(activity.organisation, role=role))
    for name, extra in [
        ("manage_list", {}),
        ("manage_create", {}),
        ("manage_activity", {}),
        ("manage_edit", {}),
        ("schedule_create", {}),
        ("session_create", {}),
        ("session_roster", {"session_pk": session.pk}),
        ("session_edit", {"session_pk": session.pk}),
        ("session_cancel", {"session_pk": session.pk}),
    ]:
        response = client.get(manage(name, activity, **extra))
        assert response.status_code == 200, name


def test_municipal_staff_manage_every_organisations_activities(client, staff):
    activity = ActivityFactory()
    client.force_login(staff)
    assert client.get(manage("manage_activity", activity)).status_code == 200


def test_citizens_and_other_organisations_coordinators_are_refused(client, citizen):
    activity = ActivityFactory()
    session = one_off(activity)
    schedule = weekly(activity, weeks=1)
    other = OrganisationFactory()
    other_coordinator = coordinator_of(other)
    for user in (citizen, other_coordinator):
        client.force_login(user)
        assert (
            client.get(manage("manage_list", organisation=activity.organisation)).status_code == 403
        )
        assert client.get(manage("manage_activity", activity)).status_code == 403
        response = client.post(
            manage("session_cancel", activity, session_pk=session.pk), {"reason": "Nej"}
        )
        assert response.status_code == 403
        response = client.post(manage("schedule_delete", activity, schedule_pk=schedule.pk))
        assert response.status_code == 403
    # Through their own organisation's address, another organisation's activity is not found.
    client.force_login(other_coordinator)
    assert client.get(url("manage_activity", slug=other.slug, pk=activity.pk)).status_code == 404
    assert (
        client.get(
            url("session_roster", slug=other.slug, pk=activity.pk, session_pk=session.pk)
        ).status_code
        == 404
    )
    assert not ActivitySession.objects.get(pk=session.pk).is_cancelled


def test_the_engines_roster_page_follows_the_same_rule(client):
    activity = sign_up_activity()
    session = one_off(activity, capacity=3)
    client.force_login(coordinator_of(OrganisationFactory()))
    assert client.get(f"/tilmelding/{session.booking_slot.pk}/deltagere/").status_code == 403
    client.force_login(coordinator_of(activity.organisation))
    assert client.get(f"/tilmelding/{session.booking_slot.pk}/deltagere/").status_code == 200


def test_the_organisation_management_has_an_activities_tab(client):
    organisation = OrganisationFactory()
    client.force_login(coordinator_of(organisation))
    page = page_of(client.get(f"/foreninger/administrer/{organisation.slug}/"))
    assert url("manage_list", slug=organisation.slug) in page.hrefs()
    page = page_of(client.get(url("manage_list", slug=organisation.slug)))
    current = page.one("a", **{"aria-current": "page"})
    assert current.text == "Aktiviteter"


# --- creating an activity with its first dates -----------------------------------------------


def create_data(area, town, **changes):
    first = local_date_in(1)
    data = {
        "title_da": "Gåtur for alle",
        "description_da": "Vi går en tur i det grønne.",
        "focus_areas": [area.pk],
        "participation": Activity.Participation.SIGN_UP,
        "place_name": "Byparken",
        "town": town.pk,
        "price": "",
        "is_published": "on",
        "come_alone_welcome": "on",
        "accessibility": ["step_free_access"],
        "dates-kind": "weekly",
        "dates-weekdays": ["2"],
        "dates-interval": "1",
        "dates-starts_on": first.isoformat(),
        # 21 days hold exactly three of every weekday, whichever day tomorrow is.
        "dates-ends_on": (first + timedelta(weeks=3, days=-1)).isoformat(),
        "dates-start_time": "10:00",
        "dates-end_time": "12:00",
        "dates-exception_dates": "",
        "dates-capacity": "15",
    }
    data.update(changes)
    return data


def test_a_coordinator_creates_a_weekly_activity_with_one_form(client):
    organisation = OrganisationFactory()
    coordinator = coordinator_of(organisation)
    area, town = FocusAreaFactory(), TownFactory()
    client.force_login(coordinator)
    form_page = client.get(manage("manage_create", organisation=organisation))
    assert 'type="date"' in form_page.content.decode()

    response = client.post(
        manage("manage_create", organisation=organisation), create_data(area, town)
    )
    activity = Activity.objects.get(title_da="Gåtur for alle")
    assert response.status_code == 302
    assert response["Location"] == manage("manage_activity", activity)
    assert messages_of(response) == ["Aktiviteten er oprettet."]
    assert activity.created_by == coordinator
    assert activity.come_alone_welcome and activity.step_free_access
    assert activity.postcode == town.postcode
    sessions = list(activity.sessions.prefetch_related("booking_slots"))
    assert len(sessions) == 3
    assert {s.booking_slot.capacity for s in sessions} == {15}
    assert {timezone.localtime(s.starts_at).isoweekday() for s in sessions} == {2}


def test_a_single_date_or_dates_later(client):
    organisation = OrganisationFactory()
    client.force_login(coordinator_of(organisation))
    area, town = FocusAreaFactory(), TownFactory()
    once = create_data(
        area, town, title_da="Foredrag", **{"dates-kind": "once", "dates-weekdays": []}
    )
    client.post(manage("manage_create", organisation=organisation), once)
    assert Activity.objects.get(title_da="Foredrag").sessions.count() == 1
    later = create_data(area, town, title_da="Senere", **{"dates-kind": "later"})
    client.post(manage("manage_create", organisation=organisation), later)
    assert Activity.objects.get(title_da="Senere").sessions.count() == 0


def test_bad_input_is_explained_and_kept(client):
    organisation = OrganisationFactory()
    client.force_login(coordinator_of(organisation))
    area, town = FocusAreaFactory(), TownFactory()
    data = create_data(
        area,
        town,
        title_da="",
        description_da="Min beskrivelse bliver stående",
        price="gratis?",
        postcode="67",
        **{
            "dates-weekdays": [],
            "dates-end_time": "09:00",
            "dates-exception_dates": "24-12-2025, juleaften",
        },
    )
    response = client.post(manage("manage_create", organisation=organisation), data)
    assert response.status_code == 200
    page = page_of(response)
    assert page.title.startswith("Fejl:")
    html = page.html
    assert "Giv aktiviteten en titel." in html
    assert "Vælg mindst én ugedag." in html
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in html
    assert "Dette er ikke en dato: juleaften." in html
    assert "Skriv et dansk postnummer på fire cifre" in html
    assert "Min beskrivelse bliver stående" in html
    assert 'value="gratis?"' in html
    assert not Activity.objects.exists()


def test_an_initiative_outside_the_chosen_focus_areas_is_refused(client):
    from tests.factories import InitiativeFactory

    organisation = OrganisationFactory()
    client.force_login(coordinator_of(organisation))
    area, town = FocusAreaFactory(), TownFactory()
    initiative = InitiativeFactory(focus_area=FocusAreaFactory())
    data = create_data(area, town, initiative=initiative.pk)
    response = client.post(manage("manage_create", organisation=organisation), data)
    assert response.status_code == 200
    assert (
        "Initiativet skal høre til et af de fokusområder, du har valgt."
        in response.content.decode()
    )


def test_bad_input_in_english_is_explained_in_english(client):
    organisation = OrganisationFactory()
    client.force_login(coordinator_of(organisation))
    data = create_data(FocusAreaFactory(), TownFactory(), title_da="")
    response = client.post(manage("manage_create", organisation=organisation, language="en"), data)
    assert response.status_code == 200
    assert "Give the activity a title." in response.content.decode()


def test_editing_an_activity_keeps_bad_input_and_saves_good_input(client):
    activity = ActivityFactory(languages=[LanguageFactory()])
    client.force_login(coordinator_of(activity.organisation))
    form = client.get(manage("manage_edit", activity)).content.decode()
    assert f'value="{activity.title_da}"' in form
    data = {
        "title_da": "Nyt navn",
        "description_da": activity.description_da,
        "focus_areas": [area.pk for area in activity.focus_areas.all()],
        "participation": Activity.Participation.DROP_IN,
        "place_name": activity.place_name,
        "town": activity.town.pk,
        "latitude": "99",
        "longitude": "",
        "price": "25,50",
    }
    response = client.post(manage("manage_edit", activity), data)
    assert response.status_code == 200
    assert 'value="99"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.title_da != "Nyt navn"
    data["latitude"] = ""
    response = client.post(manage("manage_edit", activity), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title_da == "Nyt navn"
    assert str(activity.price) == "25.50"
    assert activity.is_free is False
    assert activity.is_published is False  # the box was not ticked


# --- series, dates and cancelling --------------------------------------------------------------


def test_editing_a_series_in_the_site_tells_the_people_whose_date_goes(client, run_on_commit):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=3, capacity=5)
    sessions = list(activity.sessions.prefetch_related("booking_slots"))
    kept = booking_services.request_booking(
        slot=sessions[0].booking_slot, user=UserFactory()
    ).booking
    dropped = booking_services.request_booking(
        slot=sessions[2].booking_slot, user=UserFactory()
    ).booking
    client.force_login(coordinator_of(activity.organisation))
    form = client.get(manage("schedule_edit", activity, schedule_pk=schedule.pk)).content.decode()
    assert f'value="{schedule.starts_on.isoformat()}"' in form
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            manage("schedule_edit", activity, schedule_pk=schedule.pk),
            {
                "weekdays": ["2"],
                "interval": "1",
                "start_time": "10:00",
                "end_time": "12:00",
                "starts_on": schedule.starts_on.isoformat(),
                "ends_on": (schedule.ends_on - timedelta(weeks=1)).isoformat(),
                "exception_dates": "",
                "capacity": "5",
                "reason": "Vi slutter en uge før.",
            },
        )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Serien er gemt: 2 datoer bevaret; 1 dato aflyst (de tilmeldte har fået besked)."
    ]
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert (kept.status, dropped.status) == (STATUS.CONFIRMED, STATUS.CANCELLED)
    assert [message.to for message in mail.outbox] == [[dropped.user.email]]
    assert "Vi slutter en uge før." in mail.outbox[0].body


def test_too_few_places_for_a_series_is_explained(client):
    activity = sign_up_activity()
    schedule = weekly(activity, weeks=1, capacity=5)
    session = activity.sessions.get()
    for _ in range(3):
        booking_services.request_booking(slot=session.booking_slot, user=UserFactory())
    client.force_login(coordinator_of(activity.organisation))
    data = {
        "weekdays": ["2"],
        "interval": "1",
        "start_time": "10:00",
        "end_time": "12:00",
        "starts_on": schedule.starts_on.isoformat(),
        "ends_on": schedule.ends_on.isoformat(),
        "capacity": "2",
    }
    response = client.post(manage("schedule_edit", activity, schedule_pk=schedule.pk), data)
    assert response.status_code == 200
    assert "3 personer har allerede en plads" in response.content.decode()
    assert 'value="2"' in response.content.decode()


def test_adding_a_single_date_and_ending_a_series(client):
    activity = ActivityFactory()
    schedule = weekly(activity, weeks=2)
    client.force_login(coordinator_of(activity.organisation))
    day = local_date_in(20)
    response = client.post(
        manage("session_create", activity),
        {"day": day.strftime("%d-%m-%Y"), "start_time": "19.00", "end_time": "21:30"},
    )
    assert response.status_code == 302
    single = activity.sessions.get(schedule__isnull=True)
    assert timezone.localtime(single.starts_at).date() == day
    assert single.start_time == time(19)
    response = client.post(manage("session_create", activity), {"day": "i morgen"})
    assert "Skriv en dato." in response.content.decode()

    response = client.post(manage("schedule_delete", activity, schedule_pk=schedule.pk), {})
    assert response.status_code == 302
    assert list(activity.sessions.all()) == [single]


def test_cancelling_a_session_needs_a_reason_and_tells_everyone(client, run_on_commit):
    activity = sign_up_activity()
    session = one_off(activity, capacity=1)
    confirmed = booking_services.request_booking(
        slot=session.booking_slot, user=UserFactory()
    ).booking
    guest = booking_services.request_booking(
        slot=session.booking_slot, name="Grethe", email="grethe@example.dk"
    ).booking
    client.force_login(coordinator_of(activity.organisation))
    page = client.get(manage("session_cancel", activity, session_pk=session.pk)).content.decode()
    assert "2 personer er tilmeldt og får besked på e-mail med din begrundelse." in page
    response = client.post(
        manage("session_cancel", activity, session_pk=session.pk), {"reason": ""}
    )
    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            manage("session_cancel", activity, session_pk=session.pk),
            {"reason": "Træneren er syg."},
        )
    assert response.status_code == 302
    assert messages_of(response) == [
        "Arrangementet er aflyst. Alle tilmeldte har fået besked på e-mail."
    ]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([confirmed.user.email, guest.guest_email])
    assert all("Træneren er syg." in message.body for message in mail.outbox)


def test_the_roster_shows_who_is_coming_the_waitlist_in_order_and_takes_attendance(client):
    activity = sign_up_activity()
    start = timezone.localtime(timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    session = services.add_session(
        activity=activity,
        spec=services.SingleDateSpec(
            day=start.date(),
            start_time=start.time(),
            end_time=(start + timedelta(hours=1)).time(),
            capacity=1,
        ),
    )
    coming = UserFactory(display_name="Anna Andersen")
    first_waiting = UserFactory(display_name="Bent Berg")
    second_waiting = UserFactory(display_name="Carl Clausen")
    booking = booking_services.request_booking(slot=session.booking_slot, user=coming).booking
    booking_services.request_booking(slot=session.booking_slot, user=first_waiting)
    booking_services.request_booking(slot=session.booking_slot, user=second_waiting)
    client.force_login(coordinator_of(activity.organisation))

    html = client.get(manage("session_roster", activity, session_pk=session.pk)).content.decode()
    assert "Anna Andersen" in html
    assert html.index("Bent Berg") < html.index("Carl Clausen")
    assert 'class="activities-waitlist"' in html

    attendance_url = manage(
        "session_attendance", activity, session_pk=session.pk, booking_pk=booking.pk
    )
    response = client.post(attendance_url, {"attendance": "attended"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
    response = client.post(attendance_url, {"attendance": "maybe"})
    assert messages_of(response)[-1] == "Vælg, om personen mødte op."

    client.force_login(coordinator_of(OrganisationFactory()))
    assert client.post(attendance_url, {"attendance": "no_show"}).status_code == 403


def test_the_roster_records_attendance_through_the_booking_engine_s_one_view(client):
    activity = sign_up_activity()
    start = timezone.localtime(timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    session = services.add_session(
        activity=activity,
        spec=services.SingleDateSpec(
            day=start.date(),
            start_time=start.time(),
            end_time=(start + timedelta(hours=1)).time(),
            capacity=None,
        ),
    )
    booking = book(session)
    roster = manage("session_roster", activity, session_pk=session.pk)
    attendance_url = reverse("booking:mark_attendance", args=[session.booking_slot.pk, booking.pk])
    client.force_login(coordinator_of(activity.organisation))
    assert f'action="{attendance_url}"' in client.get(roster).content.decode()

    response = client.post(attendance_url, {"attendance": "no_show"})
    assert response.status_code == 302
    assert response["Location"] == roster + "#roster"
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.NO_SHOW

    client.force_login(coordinator_of(OrganisationFactory()))
    assert client.post(attendance_url, {"attendance": "attended"}).status_code == 403
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.NO_SHOW


def test_the_number_of_places_cannot_drop_below_the_people_who_have_one(client):
    activity = sign_up_activity()
    session = one_off(activity, capacity=3)
    booking_services.request_booking(slot=session.booking_slot, user=UserFactory())
    booking_services.request_booking(slot=session.booking_slot, user=UserFactory())
    client.force_login(coordinator_of(activity.organisation))
    roster = manage("session_roster", activity, session_pk=session.pk)
    response = client.post(roster, {"capacity-capacity": "1"})
    assert response.status_code == 200
    assert "2 personer har allerede en plads" in response.content.decode()
    response = client.post(roster, {"capacity-capacity": "4"})
    assert response.status_code == 302


# --- fixed query counts -----------------------------------------------------------------------


def test_the_activity_list_needs_the_same_queries_for_one_or_many_activities(client):
    few_org, many_org = OrganisationFactory(), OrganisationFactory()
    one_off(ActivityFactory(organisation=few_org))
    for _ in range(6):
        weekly(ActivityFactory(organisation=many_org), weeks=2)
    client.force_login(coordinator_of(few_org))
    few, _ = count_queries(client, url("manage_list", slug=few_org.slug))
    client.force_login(coordinator_of(many_org))
    many, response = count_queries(client, url("manage_list", slug=many_org.slug))
    assert response.content.decode().count('class="card activities-card"') == 6
    assert few == many


def test_the_activity_overview_needs_the_same_queries_for_few_or_many_dates(client):
    organisation = OrganisationFactory()
    small, large = (
        sign_up_activity(organisation=organisation),
        sign_up_activity(organisation=organisation),
    )
    one_off(small, capacity=3)
    weekly(large, weekdays=(1, 3, 5), weeks=4, capacity=3)
    client.force_login(coordinator_of(organisation))
    few, _ = count_queries(client, manage("manage_activity", small))
    many, response = count_queries(client, manage("manage_activity", large))
    assert response.content.decode().count("Deltagere<span") == 12
    assert few == many


def test_a_series_with_bad_input_is_explained_and_kept(client):
    activity = ActivityFactory()
    client.force_login(coordinator_of(activity.organisation))
    first = local_date_in(10)
    response = client.post(
        manage("schedule_create", activity),
        {
            "interval": "1",
            "start_time": "25:00",
            "end_time": "12:00",
            "starts_on": first.isoformat(),
            "ends_on": (first - timedelta(days=3)).isoformat(),
            "exception_dates": "1-1-2027 32-1-2027",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "Vælg mindst én ugedag.",
        "Skriv et klokkeslæt.",
        "Den sidste dato kan ikke ligge før den første.",
        "Dette er ikke en dato: 32-1-2027.",
    ):
        assert message in html
    assert f'value="{first.isoformat()}"' in html
    assert "1-1-2027 32-1-2027" in html
    assert activity.schedules.count() == 0
