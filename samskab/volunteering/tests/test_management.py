import csv
import io
import logging
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.booking.models import Booking
from samskab.childsafety import services as attest_services
from samskab.core.tests.page import Page
from samskab.volunteering import services
from samskab.volunteering.models import HoursEntry, Opportunity, Shift, VolunteerMessage
from samskab.volunteering.tests.helpers import attend, move_to, sign_up
from tests.factories import (
    FocusAreaFactory,
    HoursEntryFactory,
    OpportunityFactory,
    OrganisationFactory,
    TownFactory,
    UserFactory,
    children_opportunity,
    coordinator_of,
    help_on,
    make_municipal_staff,
    make_shift,
    soon,
)

pytestmark = pytest.mark.django_db


def base(organisation):
    return f"/frivillig/administrer/{organisation.slug}/"


def management_urls(organisation, opportunity, shift, booking=None, entry=None):
    prefix = base(organisation)
    urls = [
        ("get", prefix),
        ("get", f"{prefix}ny/"),
        ("get", f"{prefix}{opportunity.pk}/"),
        ("get", f"{prefix}{opportunity.pk}/rediger/"),
        ("get", f"{prefix}{opportunity.pk}/slet/"),
        ("get", f"{prefix}{opportunity.pk}/deltagere/"),
        ("get", f"{prefix}{opportunity.pk}/deltagere.csv"),
        ("get", f"{prefix}{opportunity.pk}/besked/"),
        ("get", f"{prefix}{opportunity.pk}/vagter/ny/"),
        ("get", f"{prefix}vagter/{shift.pk}/"),
        ("get", f"{prefix}vagter/{shift.pk}/rediger/"),
        ("get", f"{prefix}vagter/{shift.pk}/aflys/"),
        ("get", f"{prefix}vagter/{shift.pk}/besked/"),
        ("get", f"{prefix}vagter/{shift.pk}/deltagere.csv"),
        ("get", f"{prefix}vagter/{shift.pk}/qr/"),
        ("get", f"{prefix}vagter/{shift.pk}/qr.svg"),
        ("post", f"{prefix}vagter/{shift.pk}/pladser/"),
        ("post", f"{prefix}vagter/{shift.pk}/afslut/"),
        ("get", f"{prefix}timer/"),
        ("get", f"{prefix}aarsopgoerelse/"),
        ("get", f"{prefix}aarsopgoerelse.csv"),
    ]
    if booking is not None:
        urls.append(("post", f"{prefix}vagter/{shift.pk}/fremmoede/{booking.pk}/"))
    if entry is not None:
        urls.append(("post", f"{prefix}timer/{entry.pk}/"))
    return urls


@pytest.fixture
def setup(organisation, coordinator, opportunity, volunteer):
    shift = make_shift(opportunity=opportunity)
    booking = sign_up(shift, volunteer)
    entry = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    return opportunity, shift, booking, entry


def test_every_management_page_works_for_its_coordinators(client, organisation, coordinator, setup):
    opportunity, shift, _booking, _entry = setup
    client.force_login(coordinator)
    for method, url in management_urls(organisation, opportunity, shift):
        if method == "get":
            response = client.get(url)
            assert response.status_code == 200, url


def test_municipal_staff_may_coordinate_any_organisation(client, organisation, setup):
    _opportunity, shift, _booking, _entry = setup
    client.force_login(make_municipal_staff())
    assert client.get(base(organisation)).status_code == 200
    assert client.get(f"{base(organisation)}vagter/{shift.pk}/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, organisation, setup):
    opportunity, shift, booking, entry = setup
    for method, url in management_urls(organisation, opportunity, shift, booking, entry):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/konto/login/" in response["Location"]


def test_volunteers_and_other_organisations_are_refused(client, organisation, setup, volunteer):
    opportunity, shift, booking, entry = setup
    other_coordinator = coordinator_of(OrganisationFactory())
    for user in (volunteer, other_coordinator):
        client.force_login(user)
        for method, url in management_urls(organisation, opportunity, shift, booking, entry):
            response = getattr(client, method)(url)
            assert response.status_code == 403, (user, url)
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.UNKNOWN
    entry.refresh_from_db()
    assert entry.is_pending


def test_another_organisations_roster_is_not_reachable_through_my_organisation(
    client, setup, volunteer
):
    """A coordinator of organisation B uses B's address with A's shift and booking numbers."""
    opportunity, shift, booking, entry = setup
    mine = OrganisationFactory()
    me = coordinator_of(mine)
    client.force_login(me)
    prefix = base(mine)
    for url in (
        f"{prefix}{opportunity.pk}/",
        f"{prefix}{opportunity.pk}/deltagere/",
        f"{prefix}{opportunity.pk}/deltagere.csv",
        f"{prefix}vagter/{shift.pk}/",
        f"{prefix}vagter/{shift.pk}/deltagere.csv",
        f"{prefix}vagter/{shift.pk}/qr.svg",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"{prefix}vagter/{shift.pk}/fremmoede/{booking.pk}/", {"attendance": "attended"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{prefix}timer/{entry.pk}/", {f"entry{entry.pk}-decision": "approve"}
        ).status_code
        == 404
    )
    # Nor a booking of another shift through my own shift.
    my_shift = make_shift(opportunity=OpportunityFactory(organisation=mine))
    response = client.post(
        f"{prefix}vagter/{my_shift.pk}/fremmoede/{booking.pk}/", {"attendance": "attended"}
    )
    assert response.status_code == 404


# --- opportunities ---------------------------------------------------------------------------


def opportunity_post(**overrides):
    data = {
        "title_da": "Besøgsven",
        "title_en": "Visiting friend",
        "kind": "ongoing",
        "description_da": "Besøg en ældre borger en gang om ugen.",
        "description_en": "",
        "focus_areas": [FocusAreaFactory().pk],
        "town": TownFactory().pk,
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_create_and_edit_an_opportunity(client, organisation, coordinator):
    client.force_login(coordinator)
    response = client.post(
        f"{base(organisation)}ny/", opportunity_post(contact_person=coordinator.pk)
    )
    opportunity = Opportunity.objects.get(title_da="Besøgsven")
    assert response.status_code == 302
    assert response["Location"] == f"{base(organisation)}{opportunity.pk}/"
    assert opportunity.contact_person == coordinator
    assert opportunity.kind == Opportunity.Kind.ONGOING

    response = client.post(
        f"{base(organisation)}{opportunity.pk}/rediger/",
        opportunity_post(title_da="Besøgsven i Ribe", from_home="on", town=""),
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title_da == "Besøgsven i Ribe"
    assert opportunity.from_home


def test_opportunity_form_errors_are_explained_and_input_kept(client, organisation, coordinator):
    client.force_login(coordinator)
    stranger = UserFactory()
    response = client.post(
        f"{base(organisation)}ny/",
        opportunity_post(focus_areas=[], town="", title_da="Min titel", contact_person=stranger.pk),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Min titel" in content
    assert "Vælg mindst ét fokusområde." in content
    assert "Vælg byen, eller sæt kryds ved, at det kan gøres hjemmefra." in content
    assert not Opportunity.objects.exists()
    response = client.post(f"/en{base(organisation)}ny/", opportunity_post(title_da=""))
    assert "This field is required." in response.content.decode()


def test_delete_an_opportunity_only_without_sign_ups(client, organisation, coordinator, setup):
    opportunity, _shift, _booking, _entry = setup
    client.force_login(coordinator)
    response = client.post(f"{base(organisation)}{opportunity.pk}/slet/", {"confirm": "on"})
    assert response.status_code == 302
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    unused = OpportunityFactory(organisation=organisation)
    response = client.post(f"{base(organisation)}{unused.pk}/slet/", {})
    assert response.status_code == 200
    assert Opportunity.objects.filter(pk=unused.pk).exists()
    client.post(f"{base(organisation)}{unused.pk}/slet/", {"confirm": "on"})
    assert not Opportunity.objects.filter(pk=unused.pk).exists()


# --- shifts --------------------------------------------------------------------------------------


def test_add_weekly_shifts(client, organisation, coordinator, opportunity):
    client.force_login(coordinator)
    day = timezone.localdate() + timedelta(days=7)
    response = client.post(
        f"{base(organisation)}{opportunity.pk}/vagter/ny/",
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:30",
            "volunteers_needed": "4",
            "repeat_weeks": "3",
            "place": "",
            "note_da": "Mød op ved bagindgangen",
        },
    )
    assert response.status_code == 302
    shifts = list(opportunity.shifts.order_by("starts_at"))
    assert len(shifts) == 3
    assert timezone.localtime(shifts[0].starts_at).date() == day
    assert shifts[0].duration_hours == Decimal("2.50")
    assert shifts[2].booking_slot.capacity == 4


def test_shift_form_errors_are_explained_and_input_kept(
    client, organisation, coordinator, opportunity
):
    client.force_login(coordinator)
    response = client.post(
        f"{base(organisation)}{opportunity.pk}/vagter/ny/",
        {
            "date": "2030-02-30",
            "start_time": "10:00",
            "end_time": "10:00",
            "volunteers_needed": "0",
            "repeat_weeks": "1",
            "note_da": "Husk madpakke",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Husk madpakke" in content
    assert not Shift.objects.exists()


def test_an_overnight_shift_ends_the_next_day(client, organisation, coordinator, opportunity):
    client.force_login(coordinator)
    day = timezone.localdate() + timedelta(days=3)
    client.post(
        f"{base(organisation)}{opportunity.pk}/vagter/ny/",
        {
            "date": day.isoformat(),
            "start_time": "22:00",
            "end_time": "02:00",
            "volunteers_needed": "2",
            "repeat_weeks": "1",
        },
    )
    shift = Shift.objects.get()
    assert shift.duration_hours == Decimal("4.00")


def test_edit_shift_refuses_fewer_places_than_people(client, organisation, coordinator, setup):
    _opportunity, shift, _booking, _entry = setup
    sign_up(shift, UserFactory())
    client.force_login(coordinator)
    start = timezone.localtime(shift.starts_at)
    end = timezone.localtime(shift.ends_at)
    response = client.post(
        f"{base(organisation)}vagter/{shift.pk}/rediger/",
        {
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"),
            "volunteers_needed": "1",
        },
    )
    assert response.status_code == 200
    assert "2 personer har allerede en plads" in response.content.decode()
    response = client.post(
        f"{base(organisation)}vagter/{shift.pk}/rediger/",
        {
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"),
            "volunteers_needed": "6",
        },
    )
    assert response.status_code == 302
    assert Shift.objects.get(pk=shift.pk).booking_slot.capacity == 6


def test_cancel_a_shift(client, organisation, coordinator, setup, run_on_commit):
    _opportunity, shift, booking, _entry = setup
    client.force_login(coordinator)
    response = client.post(f"{base(organisation)}vagter/{shift.pk}/aflys/", {"reason": ""})
    assert response.status_code == 200
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(f"{base(organisation)}vagter/{shift.pk}/aflys/", {"reason": "Storm"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Storm" in mail.outbox[0].body


# --- rosters -------------------------------------------------------------------------------------


def test_shift_roster_shows_who_is_coming_and_the_waiting_list_in_order(
    client, organisation, coordinator, opportunity
):
    shift = make_shift(opportunity=opportunity, volunteers_needed=1)
    confirmed = UserFactory(display_name="Anna Først")
    first_waiting = UserFactory(display_name="Bent Anden")
    second_waiting = UserFactory(display_name="Cecilie Tredje")
    for person in (confirmed, first_waiting, second_waiting):
        sign_up(shift, person)
    services.save_profile(
        user=confirmed, fields={"phone": "20 30 40 50", "share_phone": True, "about": "Har bil"}
    )
    services.save_profile(
        user=first_waiting,
        fields={
            "phone": "99 88 77 66",
            "share_phone": False,
            "share_profile": False,
            "about": "Hemmelig",
        },
    )
    client.force_login(coordinator)
    response = client.get(f"{base(organisation)}vagter/{shift.pk}/")
    content = response.content.decode()
    assert confirmed.email in content
    assert "20 30 40 50" in content
    assert "Har bil" in content
    # What a volunteer did not share is not shown.
    assert "99 88 77 66" not in content
    assert "Hemmelig" not in content
    assert content.index("Bent Anden") < content.index("Cecilie Tredje")
    roster = response.context["roster"]
    assert [b.user for b in roster.waitlisted] == [first_waiting, second_waiting]
    assert "Tilføj pladser" in content


def test_volunteers_not_on_the_roster_are_not_shown(client, organisation, coordinator, opportunity):
    """A volunteer who signed up with another organisation only is invisible here."""
    elsewhere = UserFactory(display_name="Andet Sted")
    services.save_profile(user=elsewhere, fields={"about": "Kun for den anden forening"})
    sign_up(make_shift(), elsewhere)
    shift = make_shift(opportunity=opportunity)
    client.force_login(coordinator)
    for url in (
        f"{base(organisation)}vagter/{shift.pk}/",
        f"{base(organisation)}{opportunity.pk}/deltagere/",
        f"{base(organisation)}{opportunity.pk}/deltagere.csv",
    ):
        content = client.get(url).content.decode("utf-8-sig")
        assert "Andet Sted" not in content
        assert elsewhere.email not in content


def test_fill_a_shift_from_the_waiting_list(
    client, organisation, coordinator, opportunity, run_on_commit
):
    shift = make_shift(opportunity=opportunity, volunteers_needed=1)
    sign_up(shift, UserFactory())
    waiting = UserFactory()
    sign_up(shift, waiting)
    client.force_login(coordinator)
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(f"{base(organisation)}vagter/{shift.pk}/pladser/", {"count": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#waiting-list")
    assert Booking.objects.get(user=waiting).status == Booking.Status.OFFERED
    assert mail.outbox[-1].to == [waiting.email]
    response = client.post(
        f"{base(organisation)}vagter/{shift.pk}/pladser/", {"count": "-3"}, follow=True
    )
    assert "Angiv et antal pladser mellem 1 og 100." in response.content.decode()


def test_mark_attendance_credits_hours(client, organisation, coordinator, setup, volunteer):
    _opportunity, shift, booking, _entry = setup
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    client.force_login(coordinator)
    response = client.post(
        f"{base(organisation)}vagter/{shift.pk}/fremmoede/{booking.pk}/", {"attendance": "attended"}
    )
    assert response.status_code == 302
    assert HoursEntry.objects.filter(booking=booking, source="shift").exists()
    client.post(
        f"{base(organisation)}vagter/{shift.pk}/fremmoede/{booking.pk}/", {"attendance": "bogus"}
    )
    client.post(
        f"{base(organisation)}vagter/{shift.pk}/fremmoede/{booking.pk}/", {"attendance": "no_show"}
    )
    assert not HoursEntry.objects.filter(booking=booking).exists()


def test_the_shift_roster_records_attendance_through_the_booking_engine_s_one_view(
    client, organisation, coordinator, setup
):
    _opportunity, shift, booking, _entry = setup
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    attendance_url = reverse("booking:mark_attendance", args=[shift.booking_slot.pk, booking.pk])
    client.force_login(coordinator)
    roster = client.get(f"{base(organisation)}vagter/{shift.pk}/").content.decode()
    assert f'action="{attendance_url}"' in roster

    response = client.post(attendance_url, {"attendance": "attended"})
    assert response.status_code == 302
    assert response["Location"] == f"{base(organisation)}vagter/{shift.pk}/#roster"
    assert HoursEntry.objects.filter(booking=booking, source="shift").exists()

    client.force_login(coordinator_of(OrganisationFactory()))
    assert client.post(attendance_url, {"attendance": "no_show"}).status_code == 403
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
    assert HoursEntry.objects.filter(booking=booking).exists()


@pytest.mark.django_db(transaction=True)
def test_a_thank_you_failing_after_commit_is_logged_and_the_attendance_kept(
    client, organisation, coordinator, opportunity, volunteer, monkeypatch, caplog
):
    """The thank-you is a background task. If it fails (here the database goes away), the
    failure is logged and the coordinator's request still succeeds; the periodic run sends
    the thank-you later."""
    shift = make_shift(opportunity=opportunity)
    booking = sign_up(shift, volunteer)
    shift = move_to(shift, starts_in=timedelta(hours=-3))

    def database_gone(entry_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "send_thank_you", database_gone)
    client.force_login(coordinator)
    mail.outbox.clear()
    with caplog.at_level(logging.ERROR, logger="samskab.core.tasks"):
        response = client.post(
            f"{base(organisation)}vagter/{shift.pk}/fremmoede/{booking.pk}/",
            {"attendance": "attended"},
            follow=True,
        )
    assert response.status_code == 200
    assert "Fremmøde gemt for Vera Frivillig" in response.content.decode()
    entry = HoursEntry.objects.get(booking=booking)
    assert entry.thanked_at is None
    assert not mail.outbox
    assert "Background task" in caplog.text
    assert "server closed the connection" in caplog.text

    monkeypatch.undo()
    assert services.send_due_thank_yous() == 1
    assert mail.outbox[-1].to == [volunteer.email]


def test_close_shift_records_no_shows(client, organisation, coordinator, setup):
    _opportunity, shift, booking, _entry = setup
    client.force_login(coordinator)
    response = client.post(f"{base(organisation)}vagter/{shift.pk}/afslut/", follow=True)
    assert "kan først afsluttes" in response.content.decode()
    move_to(shift, starts_in=timedelta(hours=-3))
    response = client.post(f"{base(organisation)}vagter/{shift.pk}/afslut/", follow=True)
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.NO_SHOW


def test_roster_csv_for_danish_excel(client, organisation, coordinator, opportunity):
    shift = make_shift(opportunity=opportunity, volunteers_needed=1)
    first = UserFactory(display_name="Søren Ærø", email="soeren@example.dk")
    formula = UserFactory(display_name='=HYPERLINK("http://x")', email="f@example.dk")
    sign_up(shift, first)
    sign_up(shift, formula)
    services.save_profile(user=first, fields={"phone": "20 30 40 50", "share_phone": True})
    client.force_login(coordinator)
    response = client.get(f"{base(organisation)}vagter/{shift.pk}/deltagere.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Vagten begynder", "Vagten slutter", "Status"]
    assert rows[1][4:7] == ["Søren Ærø", "soeren@example.dk", "20 30 40 50"]
    assert rows[1][2] == "Bekræftet"
    assert rows[2][3] == "1"
    assert rows[2][4].startswith("'=")
    english = client.get(f"/en{base(organisation)}vagter/{shift.pk}/deltagere.csv")
    assert english.content.decode("utf-8-sig").startswith("Shift starts;")


def test_opportunity_roster_and_csv_cover_coming_shifts(
    client, organisation, coordinator, opportunity
):
    shifts = [make_shift(opportunity=opportunity, starts_in=timedelta(days=d)) for d in (2, 3)]
    people = [UserFactory(), UserFactory()]
    sign_up(shifts[0], people[0])
    sign_up(shifts[1], people[1])
    client.force_login(coordinator)
    content = client.get(f"{base(organisation)}{opportunity.pk}/deltagere/").content.decode()
    assert people[0].email in content and people[1].email in content
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"{base(organisation)}{opportunity.pk}/deltagere.csv").content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert len(rows) == 3


def crossed_the_attest_rule(opportunity, person):
    """Sign the person up for four shifts within three months of an opportunity with
    children: more than the rule allows, so the organisation needs their børneattest."""
    help_on(opportunity, person, [soon(days) for days in (10, 30, 50, 70)])


def test_roster_query_counts_do_not_grow(client, organisation, coordinator, opportunity):
    """Also when rows carry børneattest statuses, stored or worked out from the bookings."""
    children = children_opportunity(organisation)
    shift = make_shift(opportunity=opportunity, volunteers_needed=30)
    first = UserFactory()
    services.save_profile(user=first, fields={"about": "Hej"})
    crossed_the_attest_rule(children, first)
    sign_up(shift, first)
    client.force_login(coordinator)
    urls = [
        f"{base(organisation)}vagter/{shift.pk}/",
        f"{base(organisation)}vagter/{shift.pk}/deltagere.csv",
        f"{base(organisation)}{opportunity.pk}/deltagere/",
        f"{base(organisation)}{opportunity.pk}/deltagere.csv",
        f"{base(organisation)}{opportunity.pk}/",
        base(organisation),
    ]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries.captured_queries)
    for number in range(9):
        person = UserFactory()
        services.save_profile(user=person, fields={"about": "Hej"})
        sign_up(shift, person)
        other = make_shift(opportunity=opportunity)
        sign_up(other, person)
        OpportunityFactory(organisation=organisation)
        if number % 4 != 3:
            crossed_the_attest_rule(children, person)
        if number % 4 == 1:
            attest_services.record_requested(
                volunteer=person, organisation=organisation, by=coordinator
            )
        elif number % 4 == 2:
            attest_services.record_approved(
                volunteer=person,
                organisation=organisation,
                by=coordinator,
                approved_on=timezone.localdate(),
            )
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries.captured_queries) == counts[url], url
    content = client.get(urls[0]).content.decode()
    assert content.count("Børneattest mangler") == 4
    assert content.count("Børneattest bestilt") == 2
    assert content.count("Børneattest godkendt") == 2


NEEDED_BADGE = r"{name}\s*<span class=\"badge [^\"]*\">Børneattest mangler</span>"


def test_rosters_show_who_needs_a_boerneattest(client, organisation, coordinator, volunteer):
    opportunity = children_opportunity(organisation, title_da="Lektiehjælp")
    bookings = help_on(opportunity, volunteer, [soon(days) for days in (10, 30, 50, 70)])
    shift = services.shift_for_slot(bookings[0].slot)
    sign_up(shift, UserFactory(display_name="Ole Enkelt"))
    client.force_login(coordinator)

    for url in (
        f"{base(organisation)}vagter/{shift.pk}/",
        f"{base(organisation)}{opportunity.pk}/deltagere/",
    ):
        content = client.get(url).content.decode()
        assert re.search(NEEDED_BADGE.format(name="Vera Frivillig"), content)
        assert re.search(r"Ole Enkelt\s*</td>", content), "nothing needed, no badge"
        english = client.get(f"/en{url}").content.decode()
        assert "Børneattest needed" in english

    attest_services.record_approved(
        volunteer=volunteer,
        organisation=organisation,
        by=coordinator,
        approved_on=timezone.localdate() - timedelta(days=1),
    )
    content = client.get(f"{base(organisation)}vagter/{shift.pk}/").content.decode()
    assert "Børneattest godkendt" in content
    assert "Børneattest mangler" not in content


def test_a_boerneattest_status_belongs_to_its_organisation(client, organisation, volunteer):
    """Crossing the rule with another organisation shows nothing on this one's roster."""
    elsewhere = OrganisationFactory()
    crossed_the_attest_rule(children_opportunity(elsewhere), volunteer)
    opportunity = children_opportunity(organisation)
    shift = make_shift(opportunity=opportunity)
    sign_up(shift, volunteer)
    client.force_login(coordinator_of(organisation))
    content = client.get(f"{base(organisation)}vagter/{shift.pk}/").content.decode()
    assert re.search(r"Vera Frivillig\s*</td>", content)
    assert "childsafety-badge" not in content


def test_roster_csv_has_the_boerneattest_column(client, organisation, coordinator, volunteer):
    opportunity = children_opportunity(organisation)
    bookings = help_on(opportunity, volunteer, [soon(days) for days in (10, 30, 50, 70)])
    shift = services.shift_for_slot(bookings[0].slot)
    approved = UserFactory(display_name="Anna Attest")
    crossed_the_attest_rule(opportunity, approved)
    sign_up(shift, approved)
    attest_services.record_approved(
        volunteer=approved, organisation=organisation, by=coordinator, approved_on=date(2025, 3, 12)
    )
    nobody = UserFactory(display_name="Ole Enkelt")
    sign_up(shift, nobody)
    client.force_login(coordinator)

    def csv_rows(url):
        text = client.get(url).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        return rows[0], {row[4]: row for row in rows[1:]}

    for url in (
        f"{base(organisation)}vagter/{shift.pk}/deltagere.csv",
        f"{base(organisation)}{opportunity.pk}/deltagere.csv",
    ):
        header, rows = csv_rows(url)
        column = header.index("Børneattest")
        assert rows["Vera Frivillig"][column] == "Børneattest mangler"
        assert rows["Anna Attest"][column] == "Børneattest godkendt 2025-03-12"
        assert rows["Ole Enkelt"][column] == ""
    header, rows = csv_rows(f"/en{base(organisation)}vagter/{shift.pk}/deltagere.csv")
    assert header[-1] == "Børneattest"
    assert rows["Vera Frivillig"][-1] == "Børneattest needed"
    assert rows["Anna Attest"][-1] == "Børneattest approved 2025-03-12"


# --- QR ------------------------------------------------------------------------------------------


def test_qr_page_and_image(client, organisation, coordinator, setup):
    _opportunity, shift, _booking, _entry = setup
    client.force_login(coordinator)
    page = client.get(f"{base(organisation)}vagter/{shift.pk}/qr/")
    content = page.content.decode()
    assert f"/frivillig/administrer/{organisation.slug}/vagter/{shift.pk}/qr.svg" in content
    assert f"/frivillig/tjek-ind/{shift.pk}/{shift.check_in_secret}/" in content
    assert 'lang="en"' in content  # the instructions in the other language too
    image = client.get(f"{base(organisation)}vagter/{shift.pk}/qr.svg")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/svg+xml"
    assert "no-store" in image["Cache-Control"]
    svg = image.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<path" in svg


def test_qr_code_encodes_the_check_in_url(client, organisation, coordinator, setup):
    import segno

    _opportunity, shift, _booking, _entry = setup
    client.force_login(coordinator)
    image = client.get(f"{base(organisation)}vagter/{shift.pk}/qr.svg").content
    expected = segno.make_qr(
        f"http://testserver/frivillig/tjek-ind/{shift.pk}/{shift.check_in_secret}/", error="m"
    )
    import io as _io

    buffer = _io.BytesIO()
    expected.save(buffer, kind="svg", scale=10, border=4, dark="#000", light="#fff")
    path = re.compile(rb' d="([^"]+)"')
    assert path.findall(image) == path.findall(buffer.getvalue())


# --- message all ---------------------------------------------------------------------------------


def test_message_all_from_the_shift(
    client, organisation, coordinator, setup, volunteer, run_on_commit
):
    _opportunity, shift, _booking, _entry = setup
    client.force_login(coordinator)
    response = client.get(f"{base(organisation)}vagter/{shift.pk}/besked/")
    assert "1 frivillig" in response.content.decode()
    response = client.post(
        f"{base(organisation)}vagter/{shift.pk}/besked/",
        {"subject": "", "body": "Tekst der bevares"},
    )
    assert response.status_code == 200
    assert "Tekst der bevares" in response.content.decode()
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(
            f"{base(organisation)}vagter/{shift.pk}/besked/",
            {"subject": "Parkering", "body": "Parkér bag hallen."},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert VolunteerMessage.objects.get().shift == shift


def test_message_with_nobody_confirmed_says_so(client, organisation, coordinator, opportunity):
    make_shift(opportunity=opportunity)
    client.force_login(coordinator)
    response = client.post(
        f"{base(organisation)}{opportunity.pk}/besked/", {"subject": "Hej", "body": "Hej"}
    )
    assert response.status_code == 200
    assert "ingen at sende beskeden til" in response.content.decode()
    assert not VolunteerMessage.objects.exists()


# --- hours ---------------------------------------------------------------------------------------


def test_approve_correct_and_reject_hours(client, organisation, coordinator, volunteer):
    first = HoursEntryFactory(volunteer=volunteer, organisation=organisation, hours=Decimal("3"))
    second = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    client.force_login(coordinator)
    page = client.get(f"{base(organisation)}timer/").content.decode()
    assert volunteer.email in page
    response = client.post(
        f"{base(organisation)}timer/{first.pk}/",
        {
            f"entry{first.pk}-decision": "approve",
            f"entry{first.pk}-hours": "2,5",
            f"entry{first.pk}-note": "",
        },
    )
    assert response.status_code == 400
    assert "Skriv i en note, hvorfor du retter timerne." in response.content.decode()
    first.refresh_from_db()
    assert first.is_pending
    response = client.post(
        f"{base(organisation)}timer/{first.pk}/",
        {
            f"entry{first.pk}-decision": "approve",
            f"entry{first.pk}-hours": "2,5",
            f"entry{first.pk}-note": "Frokost trukket fra",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.hours, first.claimed_hours) == (
        "approved",
        Decimal("2.5"),
        Decimal("3"),
    )
    client.post(
        f"{base(organisation)}timer/{second.pk}/",
        {f"entry{second.pk}-decision": "reject", f"entry{second.pk}-note": "Ikke for os"},
    )
    second.refresh_from_db()
    assert second.status == "rejected"
    assert client.get(f"{base(organisation)}timer/{second.pk}/").status_code == 302


def test_a_coordinator_cannot_approve_their_own_hours(client, organisation, coordinator):
    own = HoursEntryFactory(volunteer=coordinator, organisation=organisation)
    client.force_login(coordinator)
    page = client.get(f"{base(organisation)}timer/").content.decode()
    assert "Det er dine egne timer" in page
    assert f'action="/frivillig/administrer/{organisation.slug}/timer/{own.pk}/"' not in page
    response = client.post(
        f"{base(organisation)}timer/{own.pk}/", {f"entry{own.pk}-decision": "approve"}, follow=True
    )
    assert "Du kan ikke godkende eller rette dine egne timer." in response.content.decode()
    own.refresh_from_db()
    assert own.is_pending
    # Another coordinator of the organisation can.
    colleague = coordinator_of(organisation)
    client.force_login(colleague)
    client.post(
        f"{base(organisation)}timer/{own.pk}/",
        {f"entry{own.pk}-decision": "approve", f"entry{own.pk}-hours": "2,5"},
    )
    own.refresh_from_db()
    assert own.status == "approved"
    assert own.reviewed_by == colleague


def test_a_volunteer_cannot_approve_their_own_hours(client, organisation, volunteer):
    own = HoursEntryFactory(volunteer=volunteer, organisation=organisation)
    client.force_login(volunteer)
    response = client.post(
        f"{base(organisation)}timer/{own.pk}/", {f"entry{own.pk}-decision": "approve"}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.is_pending


# --- yearly summary ------------------------------------------------------------------------------


@pytest.fixture
def year_of_work(organisation, coordinator, opportunity):
    came = [UserFactory(), UserFactory()]
    stayed_away = UserFactory()
    shift = make_shift(opportunity=opportunity, volunteers_needed=3)
    bookings = [sign_up(shift, person) for person in (*came, stayed_away)]
    shift = move_to(shift, starts_in=timedelta(hours=-3))
    for booking in bookings[:2]:
        services.record_attendance(booking=booking, attended=True, by=coordinator)
    services.close_attendance(work=shift, by=coordinator)
    second = make_shift(opportunity=opportunity, volunteers_needed=4)
    sign_up(second, came[0])
    second = move_to(second, starts_in=timedelta(hours=-6))
    logged = HoursEntryFactory(
        volunteer=came[0],
        organisation=organisation,
        hours=Decimal("1.5"),
        date=timezone.localdate(),
    )
    services.approve_hours(entry=logged, by=coordinator)
    HoursEntryFactory(volunteer=came[1], organisation=organisation, date=timezone.localdate())
    return shift


def test_yearly_summary_page(client, organisation, coordinator, opportunity, year_of_work):
    client.force_login(coordinator)
    response = client.get(f"{base(organisation)}aarsopgoerelse/")
    summary = response.context["summary"]
    assert summary.year == timezone.localdate().year
    total = summary.total
    assert total.volunteers == 2
    assert total.hours == Decimal("5.50")
    assert (total.shifts, total.shifts_filled) == (2, 1)
    assert (total.places, total.places_taken) == (7, 4)
    assert (total.attended, total.no_shows) == (2, 1)
    assert total.no_show_rate == Decimal("33.3")
    assert summary.pending_entries == 1
    content = response.content.decode()
    assert "33,3 %" in content
    assert opportunity.title_da in content


def test_the_yearly_summary_table_scrolls_in_a_focusable_named_region(
    client, organisation, coordinator, opportunity, year_of_work
):
    """On a phone the table scrolls sideways: a keyboard must be able to reach the scrolling
    box, and a screen reader must say what it holds."""
    client.force_login(coordinator)
    year = timezone.localdate().year

    page = Page(client.get(f"{base(organisation)}aarsopgoerelse/"))

    region = page.one("div", class_="table--responsive-scroll")
    assert region.attrs["tabindex"] == "0"
    assert region.attrs["role"] == "region"
    assert region.attrs["aria-label"] == f"Tal for hver opgave i {year}"
    # The region holds the table, whose caption says the same.
    caption = page.one("caption").text
    assert caption == region.attrs["aria-label"] and caption in region.text


def test_yearly_summary_csv(client, organisation, coordinator, opportunity, year_of_work):
    client.force_login(coordinator)
    year = timezone.localdate().year
    response = client.get(f"{base(organisation)}aarsopgoerelse.csv?year={year}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"frivillighed-{organisation.slug}-{year}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Opgave"
    assert rows[-1][0] == "I alt"
    assert rows[-1][1:4] == ["2", "5,5", "2"]
    assert rows[-1][-1] == "33,3"


def test_summary_ignores_a_bad_year_with_a_notice(client, organisation, coordinator):
    client.force_login(coordinator)
    for year in ("abc", "1066", "99999999999999999999"):
        response = client.get(f"{base(organisation)}aarsopgoerelse/?year={year}")
        assert response.status_code == 200
        assert response.context["ignored_year"]
        assert response.context["summary"].year == timezone.localdate().year


def test_summary_query_count_does_not_grow(client, organisation, coordinator, opportunity):
    client.force_login(coordinator)
    url = f"{base(organisation)}aarsopgoerelse/"
    attend(make_shift(opportunity=opportunity), UserFactory(), by=coordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        other = OpportunityFactory(organisation=organisation)
        attend(make_shift(opportunity=other), UserFactory(), by=coordinator)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(one.captured_queries) == len(many.captured_queries)


def test_the_volunteering_tab_in_the_organisations_management(client, organisation, coordinator):
    client.force_login(coordinator)
    response = client.get(f"/foreninger/administrer/{organisation.slug}/")
    assert response.status_code == 200
    assert f'href="{base(organisation)}"' in response.content.decode()
    page = client.get(f"{base(organisation)}timer/").content.decode()
    assert f'href="{base(organisation)}" class="nav-link" aria-current="page"' in page


def test_the_engines_own_roster_page_knows_who_may_manage_a_shift(client, coordinator, setup):
    _opportunity, shift, _booking, _entry = setup
    url = f"/tilmelding/{shift.booking_slot.pk}/deltagere/"
    client.force_login(coordinator_of(OrganisationFactory()))
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_messages_are_limited_and_the_form_keeps_what_was_typed(
    client, organisation, coordinator, setup, monkeypatch
):
    from samskab.core.limits import USER, Limit
    from samskab.volunteering import views

    monkeypatch.setattr(views, "MESSAGES", (Limit("volunteering.message", "1/h", per=USER),))
    _opportunity, shift, _booking, _entry = setup
    client.force_login(coordinator)
    message_url = f"{base(organisation)}vagter/{shift.pk}/besked/"
    client.post(message_url, {"subject": "Parkering", "body": "Parkér bag hallen."})

    response = client.post(message_url, {"subject": "Igen", "body": "Tekst der bevares"})

    assert response.status_code == 429
    assert "Du har prøvet for mange gange på kort tid." in response.content.decode()
    assert "Tekst der bevares" in response.content.decode()
    assert VolunteerMessage.objects.count() == 1
