import pytest
from django.core import mail

from samskab.accounts.tests.helpers import SUBJECT_END, is_logged_in, link_in, without_csrf_tokens
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Vadehavet-Tidevand-77"


def test_password_reset_sends_a_danish_email_whose_link_sets_a_new_password(client, user):
    response = client.post("/konto/password/reset/", {"email": user.email})

    assert response.status_code == 302
    assert response["Location"] == "/konto/password/reset/done/"
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == f"Vælg en ny adgangskode{SUBJECT_END}"
    assert "Esbjerg Kommune" in message.body
    reset_path = link_in(message, "/password/reset/key/")
    assert reset_path.startswith("/konto/password/reset/key/")

    form_page = client.get(reset_path, follow=True)
    assert "<h1>Vælg en ny adgangskode</h1>" in form_page.content.decode()
    set_password = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_path,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert set_password.status_code == 302
    assert set_password["Location"] == "/konto/password/reset/key/done/"

    login = client.post("/konto/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert is_logged_in(client)


def test_password_reset_email_is_english_when_asked_for_on_an_english_page(client, user):
    client.post("/en/konto/password/reset/", {"email": user.email})

    message = mail.outbox[0]
    assert message.subject == f"Choose a new password{SUBJECT_END}"
    assert "Open this link to choose a new password" in message.body
    assert "Esbjerg Kommune" in message.body
    assert link_in(message, "/password/reset/key/").startswith("/en/konto/password/reset/key/")


def test_password_reset_for_an_unknown_email_looks_exactly_like_success(client, user):
    known = client.post("/konto/password/reset/", {"email": user.email})
    known_page = client.get(known["Location"])
    unknown = client.post("/konto/password/reset/", {"email": "nobody@example.dk"})
    unknown_page = client.get(unknown["Location"])

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert without_csrf_tokens(unknown_page.content.decode()) == without_csrf_tokens(
        known_page.content.decode()
    )
    assert "<h1>Tjek din e-mail</h1>" in unknown_page.content.decode()


def test_a_used_or_broken_reset_link_explains_what_to_do(client):
    response = client.get("/konto/password/reset/key/1-not-a-real-key/", follow=True)

    html = response.content.decode()
    assert "<h1>Linket virker ikke</h1>" in html
    assert 'href="/konto/password/reset/"' in html


def test_password_change_needs_the_current_password(logged_in_client, user):
    response = logged_in_client.post(
        "/konto/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "Din nuværende adgangskode er forkert." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_rejects_a_weak_new_password_in_danish(logged_in_client, user):
    response = logged_in_client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": "12345678", "password2": "12345678"},
    )

    assert response.status_code == 200
    assert "Denne adgangskode er for almindelig." in response.content.decode()


def test_password_change_works_and_keeps_the_user_logged_in(logged_in_client, user):
    page = logged_in_client.get("/konto/password/change/")
    assert "<h1>Skift adgangskode</h1>" in page.content.decode()

    response = logged_in_client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert "Din adgangskode er ændret." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert is_logged_in(logged_in_client)


def test_password_pages_for_logged_in_users_require_login(client):
    response = client.get("/konto/password/change/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_password_reset_email_goes_only_to_the_account_asked_for(client):
    first = UserFactory()
    UserFactory()

    client.post("/konto/password/reset/", {"email": first.email})

    assert [message.to for message in mail.outbox] == [[first.email]]


def test_password_resets_for_one_address_are_limited_and_the_form_keeps_it(client, user):
    for _attempt in range(5):
        client.post("/en/konto/password/reset/", {"email": user.email})
    sent = len(mail.outbox)

    response = client.post("/en/konto/password/reset/", {"email": user.email})

    assert response.status_code == 429
    html = response.content.decode()
    assert "You have tried this too many times in a short while." in html
    assert f'value="{user.email}"' in html
    assert len(mail.outbox) == sent == 5
