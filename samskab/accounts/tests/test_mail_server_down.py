"""With the mail server down, signing up still works at once and the confirmation arrives
when the mail server is back (a real SMTP server that the test stops and starts)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.accounts.models import User
from samskab.core import emails
from samskab.core.models import OutgoingEmail
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_sign_up_with_the_mail_server_down_succeeds_and_its_email_arrives_later(
    client, smtp_server
):
    smtp_server.stop()
    response = client.post(
        "/konto/signup/",
        {
            "email": "karen@example.dk",
            "display_name": "Karen",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert User.objects.filter(email="karen@example.dk").exists()
    waiting = OutgoingEmail.objects.get()
    assert (waiting.recipients, waiting.attempts) == ("karen@example.dk", 1)
    assert "Connection refused" in waiting.last_error

    smtp_server.start()
    # The worker's periodic delivery, once the wait after the failed attempt is over.
    assert emails.deliver_outgoing_emails(now=timezone.now() + timedelta(minutes=1)) == 1
    (message,) = smtp_server.received
    assert message["X-Envelope-To"] == "karen@example.dk"
    assert "Bekræft din e-mailadresse" in message["Subject"]
    assert "/konto/confirm-email/" in smtp_server.bodies()[0]
    assert not OutgoingEmail.objects.exists()


def test_a_sign_up_with_the_mail_server_up_is_delivered_at_commit(client, smtp_server):
    client.post(
        "/konto/signup/",
        {"email": "ole@example.dk", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert [message["X-Envelope-To"] for message in smtp_server.received] == ["ole@example.dk"]
    assert not OutgoingEmail.objects.exists()
