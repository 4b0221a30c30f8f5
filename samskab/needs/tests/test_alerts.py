"""Who is alerted about a need, when, how often, and what the email says."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samskab.needs import services
from samskab.needs.models import NeedAlert
from samskab.volunteering import services as volunteering_services
from tests.factories import (
    OrganisationFactory,
    SkillFactory,
    coordinator_of,
    make_need,
    make_volunteer,
    next_weekday_at,
    town,
)

pytestmark = pytest.mark.django_db

ALERT = NeedAlert.Status


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def at_local(day, hour, minute=0):
    return timezone.make_aware(
        datetime.combine(day, time(hour, minute)), timezone.get_current_timezone()
    )


def test_posting_a_need_alerts_the_volunteers_it_fits(run_on_commit):
    driving = SkillFactory(slug="koerekort", name_da="Kørekort", name_en="Driving licence")
    fits = make_volunteer(email="fits@example.dk", skills=[driving], availability=["6-morning"])
    anywhere_anytime = make_volunteer(email="anywhere@example.dk", towns=(), skills=[driving])
    nearby = make_volunteer(email="nearby@example.dk", towns=("vester-vedsted",), skills=[driving])
    make_volunteer(email="far@example.dk", towns=("esbjerg",), skills=[driving])
    make_volunteer(email="no-skill@example.dk")
    make_volunteer(email="busy@example.dk", skills=[driving], availability=["2-evening"])
    make_volunteer(email="no-alerts@example.dk", skills=[driving], alerts=False)
    inactive = make_volunteer(email="gone@example.dk", skills=[driving])
    inactive.is_active = False
    inactive.save()

    with run_on_commit():
        need = make_need(skills=[driving], starts_at=next_weekday_at(6, 10))

    assert recipients() == sorted([fits.email, anywhere_anytime.email, nearby.email])
    assert set(need.alerts.values_list("status", flat=True)) == {ALERT.SENT}
    assert need.alerts.filter(sent_at__isnull=False).count() == 3


def test_the_person_who_posted_is_not_alerted(run_on_commit):
    organisation = OrganisationFactory()
    poster = coordinator_of(organisation)
    services_profile = make_volunteer(email="other@example.dk")
    from samskab.volunteering import services as volunteering_services

    volunteering_services.save_profile(user=poster, fields={"ad_hoc_alerts": True})
    with run_on_commit():
        make_need(organisation=organisation, by=poster)
    assert recipients() == [services_profile.email]


def test_a_need_done_from_home_goes_to_volunteers_anywhere(run_on_commit):
    far = make_volunteer(towns=("esbjerg",))
    with run_on_commit():
        make_need(from_home=True, place_name="", street="", postcode="")
    assert recipients() == [far.email]


def test_a_volunteer_is_alerted_once_per_need(run_on_commit):
    volunteer = make_volunteer()
    with run_on_commit():
        need = make_need()
    services.alert_volunteers(need=need)
    services.alert_volunteers(need=need)
    assert recipients() == [volunteer.email]
    assert need.alerts.count() == 1


def test_the_weekly_limit_counts_alerts_sent_in_the_last_seven_days(run_on_commit):
    volunteer = make_volunteer(max_alerts=2)
    earlier = [make_need(title_da=f"Tidligere behov {n}") for n in range(3)]
    now = timezone.now()
    NeedAlert.objects.create(
        need=earlier[0],
        volunteer=volunteer,
        status=ALERT.SENT,
        sent_at=now - timedelta(days=8),
        send_after=now - timedelta(days=8),
    )
    NeedAlert.objects.create(
        need=earlier[1],
        volunteer=volunteer,
        status=ALERT.SENT,
        sent_at=now - timedelta(days=5),
        send_after=now - timedelta(days=5),
    )

    with run_on_commit():
        second_this_week = make_need(title_da="Andet behov i ugen")
    with run_on_commit():
        third_this_week = make_need(title_da="Tredje behov i ugen")

    assert recipients() == [volunteer.email]
    assert second_this_week.alerts.get().status == ALERT.SENT
    skipped = third_this_week.alerts.get()
    assert (skipped.status, skipped.skip_reason) == (
        ALERT.SKIPPED,
        NeedAlert.SkipReason.WEEKLY_LIMIT,
    )
    assert skipped.sent_at is None


def test_alerts_waiting_for_quiet_hours_count_towards_the_limit():
    volunteer = make_volunteer(max_alerts=1, quiet_hours=(time(21), time(8)))
    starts_at = next_weekday_at(6, 10, after_days=3)
    late_evening = at_local(timezone.localdate() + timedelta(days=1), 22, 30)
    first, second = make_need(starts_at=starts_at), make_need(starts_at=starts_at)

    services.alert_volunteers(need=first, now=late_evening)
    services.alert_volunteers(need=second, now=late_evening)

    assert first.alerts.get(volunteer=volunteer).status == ALERT.QUEUED
    assert second.alerts.get(volunteer=volunteer).skip_reason == NeedAlert.SkipReason.WEEKLY_LIMIT


def test_an_alert_in_quiet_hours_is_queued_and_sent_when_they_end():
    volunteer = make_volunteer(quiet_hours=(time(21), time(8)))
    need = make_need(starts_at=next_weekday_at(6, 10, after_days=3))
    evening_day = timezone.localdate() + timedelta(days=1)
    late_evening = at_local(evening_day, 22, 30)

    round_ = services.alert_volunteers(need=need, now=late_evening)

    alert = need.alerts.get(volunteer=volunteer)
    assert round_.queued == 1
    assert alert.status == ALERT.QUEUED
    assert alert.send_after == at_local(evening_day + timedelta(days=1), 8)
    assert mail.outbox == []

    assert services.send_due_alerts(now=at_local(evening_day + timedelta(days=1), 7, 59)) == 0
    assert services.send_due_alerts(now=at_local(evening_day + timedelta(days=1), 8)) == 1
    assert services.send_due_alerts(now=at_local(evening_day + timedelta(days=1), 9)) == 0
    assert recipients() == [volunteer.email]
    alert.refresh_from_db()
    assert alert.status == ALERT.SENT


def test_the_background_worker_sends_the_queued_alerts_once(settings):
    volunteer = make_volunteer()
    need = make_need()
    NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=timezone.now())

    call_command("run_tasks", only=["needs.send_due_alerts"], stdout=StringIO())
    call_command("run_tasks", only=["needs.send_due_alerts"], stdout=StringIO())

    assert recipients() == [volunteer.email]


def test_a_queued_alert_for_a_need_filled_meanwhile_is_skipped():
    volunteer = make_volunteer()
    need = make_need(people=1)
    alert = NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=timezone.now())
    services.accept_need(need=need, user=make_volunteer(email="quick@example.dk"))
    # Filling the need drops the alerts that were waiting.
    alert.refresh_from_db()
    assert (alert.status, alert.skip_reason) == (ALERT.SKIPPED, NeedAlert.SkipReason.FILLED)

    NeedAlert.objects.filter(pk=alert.pk).update(status=ALERT.QUEUED, skip_reason="")
    assert services.send_due_alerts() == 0
    alert.refresh_from_db()
    assert (alert.status, alert.skip_reason) == (ALERT.SKIPPED, NeedAlert.SkipReason.FILLED)
    assert not [m for m in mail.outbox if volunteer.email in m.to]


def test_a_volunteer_who_turned_alerts_off_meanwhile_is_skipped():
    volunteer = make_volunteer()
    need = make_need()
    alert = NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=timezone.now())
    volunteer.volunteer_profile.ad_hoc_alerts = False
    volunteer.volunteer_profile.save()
    assert services.send_due_alerts() == 0
    alert.refresh_from_db()
    assert alert.skip_reason == NeedAlert.SkipReason.OPTED_OUT


def test_a_failed_alert_is_sent_by_a_later_run(monkeypatch):
    volunteer = make_volunteer()
    need = make_need()
    alert = NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=timezone.now())

    def broken(self, messages):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    assert services.send_due_alerts() == 0
    alert.refresh_from_db()
    assert (alert.status, alert.sent_at) == (ALERT.QUEUED, None)

    monkeypatch.undo()
    assert services.send_due_alerts() == 1
    assert recipients() == [volunteer.email]


def test_a_reopened_need_alerts_volunteers_skipped_for_their_limit_earlier(run_on_commit):
    volunteer = make_volunteer()
    need = make_need(people=1)
    NeedAlert.objects.create(
        need=need,
        volunteer=volunteer,
        status=ALERT.SKIPPED,
        skip_reason=NeedAlert.SkipReason.WEEKLY_LIMIT,
        send_after=timezone.now(),
    )
    with run_on_commit():
        services.alert_volunteers(need=need)
    alert = need.alerts.get(volunteer=volunteer)
    assert alert.status == ALERT.SENT
    assert recipients() == [volunteer.email]


# --- the email ---------------------------------------------------------------------------------


def test_the_alert_email_is_in_danish_with_a_one_click_accept_link(run_on_commit):
    volunteer = make_volunteer(display_name="Vera Frivillig", preferred_language="da")
    with run_on_commit():
        need = make_need(people=2)
    alert = need.alerts.get()
    message = mail.outbox[0]
    assert message.subject == "Kan du hjælpe? 2 til at bære stole på Ribe Bibliotek"
    assert message.to == [volunteer.email]
    assert "Kære Vera Frivillig" in message.body
    assert f"https://samskab.example/behov/svar/{need.pk}/{alert.token}/" in message.body
    assert "Ledige pladser: 2" in message.body
    assert "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe" in message.body
    assert "https://samskab.example/frivillig/min-profil/" in message.body
    assert "75 11 22 33" not in message.body


def test_the_alert_email_is_in_english_for_an_english_speaking_volunteer(run_on_commit):
    make_volunteer(preferred_language="en")
    with run_on_commit():
        need = make_need()
    alert = need.alerts.get()
    message = mail.outbox[0]
    assert message.subject == "Can you help? 2 people to carry chairs in Ribe library"
    assert f"https://samskab.example/en/behov/svar/{need.pk}/{alert.token}/" in message.body
    assert "the first to say yes get it" in message.body


def test_the_alert_for_a_citizens_errand_names_only_the_town(run_on_commit):
    from tests.factories import make_municipal_staff

    make_volunteer()
    staff = make_municipal_staff()
    with run_on_commit():
        make_need(
            by=staff,
            on_behalf_of_citizen=True,
            place_name="",
            street="Storegade 3",
            title_da="Hjælp til at bære en sofa",
        )
    body = mail.outbox[0].body
    assert "Storegade 3" not in body
    assert "Ribe" in body


def test_posting_hands_the_alerts_to_workers_in_batches(run_on_commit, monkeypatch):
    monkeypatch.setattr(services, "ALERT_BATCH", 2)
    sending_tasks = []
    send_due_alerts = services.send_due_alerts

    def send_batch(**kwargs):
        sending_tasks.append(kwargs["alert_ids"])
        return send_due_alerts(**kwargs)

    monkeypatch.setattr(services, "send_due_alerts", send_batch)
    volunteers = [make_volunteer(email=f"many{n}@example.dk") for n in range(5)]
    with run_on_commit():
        need = make_need(people=5)
    assert [len(batch) for batch in sending_tasks] == [2, 2, 1]
    assert need.alerts.filter(status=ALERT.QUEUED).count() == 0
    assert recipients() == sorted(volunteer.email for volunteer in volunteers)


def test_a_new_volunteer_hears_about_the_open_needs_that_fit_them(run_on_commit):
    driving = SkillFactory(slug="koerekort", name_da="Kørekort", name_en="Driving licence")
    fitting = make_need(skills=[driving], starts_at=next_weekday_at(6, 10))
    make_need(skills=[driving], town_slug="esbjerg", starts_at=next_weekday_at(6, 10))
    assert mail.outbox == []

    with run_on_commit():
        volunteer = make_volunteer(email="new@example.dk", skills=[driving])

    assert recipients() == [volunteer.email]
    assert fitting.alerts.get().volunteer == volunteer
    assert fitting.title_da in mail.outbox[0].subject

    # Saving the profile again alerts nobody twice.
    with run_on_commit():
        volunteering_services.save_profile(
            user=volunteer, fields={"ad_hoc_alerts": True}, skills=[driving], towns=[town("ribe")]
        )
    assert len(mail.outbox) == 1


def test_a_volunteer_without_alerts_is_not_told_about_open_needs(run_on_commit):
    make_need(starts_at=next_weekday_at(6, 10))
    with run_on_commit():
        make_volunteer(email="quiet@example.dk", alerts=False)
    assert mail.outbox == []
