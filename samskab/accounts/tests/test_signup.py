import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from samskab.accounts.models import User
from samskab.accounts.tests.helpers import SUBJECT_END, is_logged_in, link_in, without_csrf_tokens
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "karen@example.dk",
        "display_name": "Karen",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_signup_page_asks_for_email_password_twice_and_an_optional_display_name(client):
    response = client.get("/konto/signup/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Opret en konto</h1>" in html
    assert 'name="email"' in html
    assert 'name="password1"' in html
    assert 'name="password2"' in html
    assert 'for="id_display_name">Visningsnavn <span class="weight-normal">(valgfri)</span>' in html


def test_signup_in_danish_sends_a_danish_verification_email(client):
    response = client.post("/konto/signup/", signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert not is_logged_in(client)
    user = User.objects.get(email="karen@example.dk")
    assert user.display_name == "Karen"
    assert user.preferred_language == "da"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karen@example.dk"]
    assert message.subject == f"Bekræft din e-mailadresse for at gøre din konto klar{SUBJECT_END}"
    assert "[" not in message.subject
    assert "Esbjerg Kommune" in message.body
    assert "Tak, fordi du har oprettet en konto" in message.body
    assert link_in(message, "/confirm-email/").startswith("/konto/confirm-email/")


def test_signup_in_english_sends_an_english_verification_email(client):
    response = client.post("/en/konto/signup/", signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/en/konto/confirm-email/"
    user = User.objects.get(email="karen@example.dk")
    assert user.preferred_language == "en"
    message = mail.outbox[0]
    assert message.subject == (
        f"Confirm your email address to finish creating your account{SUBJECT_END}"
    )
    assert "Esbjerg Kommune" in message.body
    assert "Thank you for creating an account" in message.body
    assert link_in(message, "/confirm-email/").startswith("/en/konto/confirm-email/")


def test_the_verification_page_after_signup_is_translated(client):
    response = client.post("/konto/signup/", signup_data(), follow=True)
    assert "<h1>Tjek din e-mail</h1>" in response.content.decode()

    response = client.post("/en/konto/signup/", signup_data(email="ole@example.dk"), follow=True)
    assert "<h1>Check your email</h1>" in response.content.decode()


def test_the_confirmation_link_opens_a_page_with_a_button_and_then_login_works(client):
    client.post("/konto/signup/", signup_data())
    confirm_path = link_in(mail.outbox[0], "/confirm-email/")

    page = client.get(confirm_path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Bekræft din e-mailadresse</h1>" in html
    # The button posts to a confirmation address of its own (signed anew when the page is
    # made, so its time stamp may be a second later than the email's).
    (action,) = re.findall(r'action="(/konto/confirm-email/[^"]+/)"', html)
    # Opening the link alone confirms nothing: mail scanners follow links.
    assert not EmailAddress.objects.get(email="karen@example.dk").verified

    confirmed = client.post(action)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/konto/login/"
    assert EmailAddress.objects.get(email="karen@example.dk").verified

    login = client.post("/konto/login/", {"login": "karen@example.dk", "password": PASSWORD})
    assert login.status_code == 302
    assert login["Location"] == "/min-konto/"
    assert is_logged_in(client)


def test_an_unverified_user_cannot_log_in_and_gets_a_new_link(client):
    client.post("/konto/signup/", signup_data())
    mail.outbox.clear()

    response = client.post("/konto/login/", {"login": "karen@example.dk", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert not is_logged_in(client)
    assert client.get("/min-konto/").status_code == 302
    # The link from the sign-up is still fresh, so no second email yet (ACCOUNT_RATE_LIMITS)...
    assert mail.outbox == []

    # ...but once the limit has run out, logging in sends a new link.
    cache.clear()
    client.post("/konto/login/", {"login": "karen@example.dk", "password": PASSWORD})
    assert not is_logged_in(client)
    assert len(mail.outbox) == 1
    assert link_in(mail.outbox[0], "/confirm-email/").startswith("/konto/confirm-email/")


def test_signup_with_an_existing_email_looks_exactly_like_a_new_signup(client):
    existing = UserFactory(email="karen@example.dk")

    new = client.post("/konto/signup/", signup_data(email="new@example.dk"))
    new_page = client.get(new["Location"])
    taken = client.post("/konto/signup/", signup_data(display_name="Someone else"))
    taken_page = client.get(taken["Location"])

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    # Identical apart from the address the visitor typed (shown in "we have sent an email to").
    assert without_csrf_tokens(taken_page.content.decode()) == without_csrf_tokens(
        new_page.content.decode().replace("new@example.dk", "karen@example.dk")
    )
    assert User.objects.filter(email="karen@example.dk").count() == 1
    existing.refresh_from_db()
    assert existing.display_name != "Someone else"
    # The owner of the address is told, in the visitor's language, instead.
    warning = mail.outbox[-1]
    assert warning.to == ["karen@example.dk"]
    assert warning.subject == f"Du har allerede en konto{SUBJECT_END}"


def test_signup_with_mistakes_keeps_what_was_typed_and_explains_in_danish(client):
    response = client.post("/konto/signup/", signup_data(password2="something-else-entirely"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="karen@example.dk"' in html
    assert 'value="Karen"' in html
    assert "form-error-message" in html
    assert "Du skal skrive den samme adgangskode hver gang." in html
    assert not User.objects.filter(email="karen@example.dk").exists()


def test_signup_with_mistakes_is_explained_in_english_on_english_pages(client):
    response = client.post("/en/konto/signup/", signup_data(email="not-an-email"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="not-an-email"' in html


def test_sign_ups_to_one_address_are_limited_and_the_form_keeps_what_was_typed(client):
    for _attempt in range(5):
        client.post("/konto/signup/", signup_data(email="target@example.dk"))
    sent = len(mail.outbox)

    response = client.post(
        "/konto/signup/", signup_data(email="TARGET@example.dk", display_name="Karen K")
    )

    assert response.status_code == 429
    html = response.content.decode()
    assert "Du har prøvet for mange gange på kort tid." in html
    assert 'value="TARGET@example.dk"' in html
    assert 'value="Karen K"' in html
    assert len(mail.outbox) == sent
