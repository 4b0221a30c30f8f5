"""The administration for municipal staff: lists render, deleting an activity tells the
people signed up, and sessions are cancelled through the booking engine."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from samskab.activities.models import Activity, ActivitySession
from samskab.booking import services as booking_services
from tests.factories import ActivityFactory, UserFactory, one_off, weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    # Municipal staff get the activities app's permissions once it declares staff_manages;
    # until then the test grants them.
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="activities"))
    client.force_login(staff)
    return client


def test_the_admin_lists_render(admin_client):
    activity = ActivityFactory()
    weekly(activity, weeks=2)
    for path in [
        "/admin/activities/activity/",
        f"/admin/activities/activity/{activity.pk}/change/",
        "/admin/activities/activityschedule/",
        "/admin/activities/activitysession/",
        "/admin/reference/town/",
        "/admin/reference/interest/",
        "/admin/reference/agegroup/",
        "/admin/reference/language/",
    ]:
        assert admin_client.get(path).status_code == 200, path


def test_deleting_an_activity_in_the_admin_tells_the_people_signed_up(admin_client, run_on_commit):
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    session = one_off(activity, capacity=3)
    user = UserFactory()
    booking_services.request_booking(slot=session.booking_slot, user=user)
    mail.outbox.clear()
    with run_on_commit():
        response = admin_client.post(
            f"/admin/activities/activity/{activity.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_cancelling_sessions_in_the_admin_goes_through_the_engine(admin_client, run_on_commit):
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    session = one_off(activity, capacity=3)
    user = UserFactory()
    booking_services.request_booking(slot=session.booking_slot, user=user)
    mail.outbox.clear()
    with run_on_commit():
        admin_client.post(
            "/admin/activities/activitysession/",
            {"action": "cancel_sessions", "_selected_action": [session.pk]},
        )
    assert ActivitySession.objects.prefetch_related("booking_slots").get(pk=session.pk).is_cancelled
    assert [message.to for message in mail.outbox] == [[user.email]]
