"""Notifications: told in one's own language, by email at once or in a digest as chosen,
on the site always; following; one-click unsubscribe; nobody reads another's list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.extensions import NotificationKind
from samskab.notifications import selectors, services, tokens
from samskab.notifications.models import Follow, Notification, NotificationSettings
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kinds(declare):
    declare(
        "notifications",
        notification_kinds=(
            NotificationKind("tests.reply", "Replies to you", direct=True),
            NotificationKind("tests.news", "News on what you follow"),
        ),
        followable=("organisations.Organisation",),
    )


@pytest.fixture
def target():
    return OrganisationFactory(name="Ribe Strikkeklub")


def tell(kind, target, **kwargs):
    # "Log in" is in Django's own catalogues, so it shows the recipient's language.
    return services.notify(
        kind=kind, target=target, message=lambda: _("Log in"), url="/foreninger/", **kwargs
    )


def test_each_recipient_is_told_in_their_language_and_the_actor_not_at_all(target, run_on_commit):
    danish, english = UserFactory(preferred_language="da"), UserFactory(preferred_language="en")
    actor = UserFactory()
    with run_on_commit():
        made = tell("tests.reply", target, recipients=[danish, english, actor], exclude=[actor])
    assert made == 2
    messages = dict(Notification.objects.values_list("recipient__email", "message"))
    assert messages == {danish.email: "Log ind", english.email: "Log in"}
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Log in", "Log ind"]


def test_a_direct_email_says_why_and_unsubscribes_in_one_click(target, run_on_commit):
    person = UserFactory(preferred_language="en")
    with run_on_commit():
        tell("tests.reply", target, recipients=[person])
    (message,) = mail.outbox
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "You get this email because it concerns you directly." in message.body
    assert unsubscribe in message.body
    assert "https://samskab.example/en/notifikationer/indstillinger/" in message.body

    # A mail program's one-click POST carries no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe.removeprefix("https://samskab.example")
    )
    assert response.status_code == 200
    assert selectors.settings_of(person).direct == NotificationSettings.Direct.OFF
    with run_on_commit():
        tell("tests.reply", target, recipients=[person])
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=person).count() == 2


def test_the_unsubscribe_link_asks_before_it_stops_and_refuses_forged_tokens(client):
    person = UserFactory()
    path = f"/notifikationer/afmeld/{tokens.make(person.pk, 'following')}/"
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop disse e-mails" in page.content.decode()
    assert selectors.settings_of(person).following == NotificationSettings.Following.DAILY
    assert client.get("/notifikationer/afmeld/forged/").status_code == 404
    assert (
        client.post(f"/notifikationer/afmeld/{tokens.make(person.pk, 'all')}x/").status_code == 404
    )


def test_news_for_followers_waits_for_the_daily_digest_grouped_by_what_it_is_about(
    target, run_on_commit
):
    other = OrganisationFactory(name="Esbjerg Roklub")
    follower = UserFactory(preferred_language="da")
    services.follow(user=follower, target=target)
    services.follow(user=follower, target=other)
    with run_on_commit():
        tell("tests.news", target, followers=True)
        tell("tests.news", other, followers=True)
        tell("tests.news", target, followers=True)
    assert mail.outbox == []

    now = timezone.now()
    with run_on_commit():
        assert services.send_due_digests(now=now) == 1
    (digest,) = mail.outbox
    assert digest.subject == "3 nye ting om det, du følger"
    assert digest.body.index("Esbjerg Roklub") < digest.body.index("Ribe Strikkeklub")
    assert digest.body.count("- Log ind") == 3
    assert "List-Unsubscribe" in digest.extra_headers

    with run_on_commit():
        tell("tests.news", target, followers=True)
        assert services.send_due_digests(now=now + timedelta(hours=23)) == 0
        assert services.send_due_digests(now=now + timedelta(hours=24)) == 1
    assert len(mail.outbox) == 2


def test_a_weekly_digest_comes_once_a_week_and_site_only_never(target, run_on_commit):
    weekly, site_only = UserFactory(), UserFactory()
    services.save_settings(user=weekly, direct="instant", following="weekly")
    services.save_settings(user=site_only, direct="off", following="off")
    now = timezone.now()
    NotificationSettings.objects.filter(user=weekly).update(last_digest_at=now - timedelta(days=6))
    with run_on_commit():
        tell("tests.news", target, recipients=[weekly, site_only])
        tell("tests.reply", target, recipients=[site_only])
        assert services.send_due_digests(now=now) == 0
        assert services.send_due_digests(now=now + timedelta(days=1)) == 1
    assert [message.to for message in mail.outbox] == [[weekly.email]]
    assert Notification.objects.filter(recipient=site_only).count() == 2


def test_stopping_keeps_an_automatic_follow_from_starting_again(target):
    person = UserFactory()
    services.follow(user=person, target=target, automatically=True)
    assert selectors.is_following(person, target)
    services.stop_following(user=person, target=target)
    services.follow(user=person, target=target, automatically=True)
    assert not selectors.is_following(person, target)
    services.follow(user=person, target=target)
    assert selectors.is_following(person, target)
    assert Follow.objects.count() == 1


def test_following_through_the_site(client, target):
    person = UserFactory()
    client.force_login(person)
    content_type = target.__class__._meta
    from django.contrib.contenttypes.models import ContentType

    type_id = ContentType.objects.get_for_model(target).pk
    response = client.post(
        f"/notifikationer/foelg/{type_id}/{target.pk}/", {"next": "/foreninger/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/foreninger/"
    assert selectors.is_following(person, target)
    response = client.post(f"/notifikationer/stop/{type_id}/{target.pk}/", HTTP_HX_REQUEST="true")
    assert "Følg" in response.content.decode()
    assert not selectors.is_following(person, target)
    assert content_type.label == "organisations.Organisation"


def test_only_followable_visible_things_can_be_followed(client, target, monkeypatch):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(UserFactory())
    user_type = ContentType.objects.get_for_model(UserFactory._meta.model).pk
    assert client.post(f"/notifikationer/foelg/{user_type}/1/").status_code == 404
    type_id = ContentType.objects.get_for_model(target).pk
    monkeypatch.setattr(type(target), "is_visible_to", lambda self, user: False, raising=False)
    assert client.post(f"/notifikationer/foelg/{type_id}/{target.pk}/").status_code == 404
    assert client.get(f"/notifikationer/foelg/{type_id}/{target.pk}/").status_code == 405


def test_the_list_shows_unread_first_in_the_header_and_opening_marks_read(client, target):
    person = UserFactory()
    tell("tests.reply", target, recipients=[person])
    client.force_login(person)
    page = client.get("/notifikationer/").content.decode()
    assert "Notifikationer (1 ulæst)" in page
    assert '<strong><span class="sr-only">Ulæst: </span>Log ind</strong>' in page
    notification = Notification.objects.get()
    response = client.get(f"/notifikationer/{notification.pk}/")
    assert response["Location"] == "/foreninger/"
    assert Notification.objects.get().read_at is not None
    assert "Notifikationer (1 ulæst)" not in client.get("/notifikationer/").content.decode()


def test_nobody_opens_another_persons_notification(client, target):
    owner, other = UserFactory(), UserFactory()
    tell("tests.reply", target, recipients=[owner])
    client.force_login(other)
    assert client.get(f"/notifikationer/{Notification.objects.get().pk}/").status_code == 404
    assert Notification.objects.get().read_at is None
    client.logout()
    assert client.get("/notifikationer/").status_code == 302


def test_the_list_costs_the_same_queries_however_long(
    client, target, django_assert_max_num_queries
):
    person = UserFactory()
    client.force_login(person)
    tell("tests.reply", target, recipients=[person])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/notifikationer/")
    for _number in range(30):
        tell("tests.reply", target, recipients=[person])
    with CaptureQueriesContext(connection) as many:
        client.get("/notifikationer/")
    assert len(many) == len(few)


def test_settings_page_saves_the_choices(client):
    person = UserFactory()
    client.force_login(person)
    assert client.get("/en/notifikationer/indstillinger/").status_code == 200
    response = client.post(
        "/notifikationer/indstillinger/", {"direct": "instant", "following": "weekly"}
    )
    assert response.status_code == 302
    assert selectors.settings_of(person).following == "weekly"
    bad = client.post("/notifikationer/indstillinger/", {"direct": "x", "following": "weekly"})
    assert bad.status_code == 200
    assert "checked" in bad.content.decode()


def test_the_data_download_has_them(client, target):
    person = UserFactory()
    tell("tests.reply", target, recipients=[person])
    client.force_login(person)
    data = client.get("/min-konto/mine-data/").json()
    assert data["notifications"]["notifications"][0]["message"] == "Log ind"
