import logging
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from samskab.core import emails

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
def test_an_email_goes_after_commit_and_not_after_a_rollback():
    with transaction.atomic():
        emails.send_email_after_commit(
            subject_template="test/email_subject.txt",
            body_template="test/email.txt",
            context={"url": "/"},
            to="karen@example.org",
            language="en",
        )
        assert mail.outbox == []
    assert [message.subject for message in mail.outbox] == ["Hi in en"]

    with pytest.raises(RuntimeError), transaction.atomic():
        emails.send_after_commit(lambda: _email("da"), what="a change rolled back")
        raise RuntimeError("rolled back")
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_is_logged_and_does_not_undo_the_change(monkeypatch, caplog):
    def broken(self, messages):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    with caplog.at_level(logging.ERROR, logger="samskab.core.emails"), transaction.atomic():
        emails.send_after_commit(lambda: _email("da"), what="Karen's booking")
    assert "Karen's booking" in caplog.text
    with pytest.raises(OSError):
        emails.send(_email("da"))


def test_send_counts_and_shares_a_connection():
    assert emails.send([]) == 0
    with emails.connection() as connection:
        assert emails.send([_email("da"), _email("en")], connection=connection) == 2
    assert len(mail.outbox) == 2
