"""Staff see the emails waiting for the mail server or given up on, and send them again."""

import pytest
from django.core import mail
from django.utils import timezone

from samskab.core import emails
from samskab.core.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _given_up(**overrides) -> OutgoingEmail:
    message = emails.render_email(
        subject_template="account/email/email_confirmation_subject.txt",
        body_template="account/email/email_confirmation_message.txt",
        context={"activate_url": "https://samskab.example/konto/", "code": "ABC"},
        to="karen@example.dk",
        language="da",
    )
    (pk,) = emails.send_later(message, about="account/email/email_confirmation")
    OutgoingEmail.objects.filter(pk=pk).update(
        attempts=24, gave_up_at=timezone.now(), last_error="ConnectionRefusedError: down"
    )
    return OutgoingEmail.objects.get(pk=pk)


def test_staff_see_what_was_given_up_and_why(client, staff):
    email = _given_up()
    client.force_login(staff)

    listing = client.get("/admin/core/outgoingemail/?state=given_up")
    detail = client.get(f"/admin/core/outgoingemail/{email.pk}/change/")

    assert listing.status_code == 200
    assert "karen@example.dk" in listing.content.decode()
    assert "ConnectionRefusedError: down" in detail.content.decode()


def test_staff_send_it_again(client, staff, django_capture_on_commit_callbacks):
    email = _given_up()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/core/outgoingemail/",
            {"action": "send_again", "_selected_action": [email.pk]},
            follow=True,
        )
    assert "1 e-mail bliver sendt igen nu." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["karen@example.dk"]]
    assert not OutgoingEmail.objects.exists()


def test_citizens_and_coordinators_cannot_see_the_outbox(client, coordinator):
    email = _given_up()
    for person in (UserFactory(), coordinator):
        client.force_login(person)
        for path in ["/admin/core/outgoingemail/", f"/admin/core/outgoingemail/{email.pk}/change/"]:
            response = client.get(path)
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
