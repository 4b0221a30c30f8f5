from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from samskab.core import emails
from samskab.core.models import OutgoingEmail

TEMPLATES = {
    "test/email_subject.txt": (
        "{% load i18n %}\n  {% get_current_language as lang %}Hi   in {{ lang }}\n"
    ),
    "test/email.txt": "{% load i18n %}{% get_current_language as lang %}{{ lang }}: {{ url }}\n",
    "test/email.html": "<p>{{ url }}</p>",
}


@pytest.fixture(autouse=True)
def email_templates(settings):
    settings.SITE_URL = "https://samskab.example.dk/"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    engine = dict(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", TEMPLATES),
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine]


def test_site_url_and_absolute_url():
    assert emails.site_url() == "https://samskab.example.dk"
    assert emails.absolute_url("/en/") == "https://samskab.example.dk/en/"
    assert emails.absolute_url("https://elsewhere.dk/x") == "https://elsewhere.dk/x"
    assert emails.absolute_url("") == ""
    assert emails.absolute_url("/x/", base_url="http://testserver/") == "http://testserver/x/"


def test_language_of():
    assert emails.language_of(SimpleNamespace(preferred_language="en")) == "en"
    assert emails.language_of(SimpleNamespace(preferred_language="")) == "da"
    assert emails.language_of(SimpleNamespace(preferred_language="xx")) == "da"
    assert emails.language_of(None) == "da"


def _email(language, **options):
    return emails.render_email(
        subject_template="test/email_subject.txt",
        body_template="test/email.txt",
        context=lambda: {"url": emails.absolute_url(reverse("vision:front_page"))},
        to="karen@example.org",
        language=language,
        **options,
    )


def test_an_email_is_rendered_in_the_recipients_language():
    with translation.override("da"):
        message = _email("en", html_template="test/email.html")
        assert translation.get_language() == "da"
    assert message.subject == "Hi in en"
    assert message.body == "en: https://samskab.example.dk/en/\n"
    assert message.alternatives[0][0] == "<p>https://samskab.example.dk/en/</p>"
    assert message.to == ["karen@example.org"]
    assert message.extra_headers == {"Auto-Submitted": "auto-generated"}
    danish = _email("da", reply_to="ole@example.org", automatic=False)
    assert danish.body == "da: https://samskab.example.dk/\n"
    assert danish.reply_to == ["ole@example.org"]
    assert danish.extra_headers == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.django_db
def test_an_email_is_delivered_after_commit_and_never_after_a_rollback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        emails.send_email_later(
            subject_template="test/email_subject.txt",
            body_template="test/email.txt",
            context={"url": "/"},
            to="karen@example.org",
            language="en",
        )
        assert mail.outbox == []
        assert OutgoingEmail.objects.get().recipients == "karen@example.org"
    assert [message.subject for message in mail.outbox] == ["Hi in en"]
    assert not OutgoingEmail.objects.exists()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        emails.send_later(_email("da"), about="a change rolled back")
        raise RuntimeError("rolled back")
    assert len(mail.outbox) == 1
    assert not OutgoingEmail.objects.exists()


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    return monkeypatch


@pytest.mark.django_db
def test_a_failing_mail_server_keeps_the_email_and_tries_again_later(
    mail_server_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        emails.send_later(_email("da"), about="Karen's booking")
    waiting = OutgoingEmail.objects.get()
    assert waiting.attempts == 1
    assert waiting.last_error == "ConnectionRefusedError: mail server down"
    assert "Karen's booking" in caplog.text
    first_try = waiting.next_attempt_at - timedelta(minutes=1)

    mail_server_down.undo()
    assert emails.deliver_outgoing_emails(now=first_try + timedelta(seconds=59)) == 0
    assert emails.deliver_outgoing_emails(now=first_try + timedelta(minutes=1)) == 1
    assert [message.subject for message in mail.outbox] == ["Hi in da"]
    assert not OutgoingEmail.objects.exists()


def test_each_failure_waits_twice_as_long_up_to_an_hour():
    assert [emails.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4, 7, 20)] == [
        1,
        2,
        4,
        8,
        60,
        60,
    ]


@pytest.mark.django_db
def test_after_the_last_attempt_it_is_given_up_and_staff_can_send_it_again(
    mail_server_down, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 2
    emails.send_later(_email("da"), about="an invitation")
    now = timezone.now()
    for minutes in (0, 5):
        emails.deliver_outgoing_emails(now=now + timedelta(minutes=minutes))
    given_up = OutgoingEmail.objects.get()
    assert (given_up.attempts, given_up.gave_up_at) == (2, now + timedelta(minutes=5))
    assert emails.deliver_outgoing_emails(now=now + timedelta(days=1)) == 0

    mail_server_down.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert emails.send_again([given_up.pk]) == 1
    assert len(mail.outbox) == 1
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_when_the_server_is_unreachable_the_rest_wait_without_an_attempt_counted(
    mail_server_down,
):
    first, second, third = emails.send_later(
        [_email("da"), _email("en"), _email("da")], about="a message to volunteers"
    )
    emails.deliver_outgoing_emails()
    attempts = dict(OutgoingEmail.objects.values_list("pk", "attempts"))
    assert attempts == {first: 1, second: 0, third: 0}
    assert OutgoingEmail.objects.filter(next_attempt_at__lte=timezone.now()).count() == 0


@pytest.mark.django_db
def test_an_email_one_worker_is_sending_is_not_sent_by_another():
    (pk,) = emails.send_later(_email("da"), about="a reminder")
    # Another worker claimed it a moment ago.
    OutgoingEmail.objects.filter(pk=pk).update(next_attempt_at=timezone.now() + emails.CLAIM)
    assert emails.deliver_outgoing_emails() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_emails_given_up_on_long_ago_are_purged(settings):
    settings.EMAIL_KEEP_FAILED_DAYS = 30
    old, recent, waiting = emails.send_later(
        [_email("da"), _email("da"), _email("da")], about="alerts"
    )
    now = timezone.now()
    OutgoingEmail.objects.filter(pk=old).update(gave_up_at=now - timedelta(days=31))
    OutgoingEmail.objects.filter(pk=recent).update(gave_up_at=now - timedelta(days=29))
    assert emails.purge_given_up_emails(now=now) == 1
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent, waiting}


@pytest.mark.django_db
def test_a_large_mailing_is_split_into_delivery_tasks(monkeypatch):
    enqueued = []
    monkeypatch.setattr(emails, "DELIVERY_BATCH", 2)
    monkeypatch.setattr(
        "samskab.core.tasks.enqueue", lambda function, ids: enqueued.append((function, ids))
    )
    ids = emails.send_later([_email("da") for _ in range(5)], about="need alerts")
    assert enqueued == [
        (emails.deliver_outgoing_emails, ids[0:2]),
        (emails.deliver_outgoing_emails, ids[2:4]),
        (emails.deliver_outgoing_emails, ids[4:5]),
    ]


def test_send_counts_and_shares_a_connection():
    assert emails.send([]) == 0
    with emails.connection() as connection:
        assert emails.send([_email("da"), _email("en")], connection=connection) == 2
    assert len(mail.outbox) == 2
