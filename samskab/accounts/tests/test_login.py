import pytest

from samskab.accounts.tests.helpers import is_logged_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_danish_with_labels_and_a_forgotten_password_link(client):
    response = client.get("/konto/login/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Log ind · Samskab" in html
    assert html.count("<h1>") == 1
    assert '<label class="form-label" for="id_login">E-mailadresse</label>' in html
    assert '<label class="form-label" for="id_password">Adgangskode</label>' in html
    assert 'href="/konto/password/reset/">Glemt din adgangskode?</a>' in html
    assert "placeholder=" not in html


def test_login_page_is_english_under_en(client):
    html = client.get("/en/konto/login/").content.decode()

    assert "<h1>Log in</h1>" in html
    assert 'for="id_login">Email address</label>' in html
    assert 'href="/en/konto/password/reset/">Forgot your password?</a>' in html


def test_login_sends_the_user_on_in_their_preferred_language(client):
    user = UserFactory(preferred_language="en")

    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/en/min-konto/"
    assert is_logged_in(client)


def test_login_keeps_an_explicit_next_page_as_it_is(client):
    user = UserFactory(preferred_language="en")

    response = client.post(
        "/konto/login/?next=/tilgaengelighed/",
        {"login": user.email, "password": PASSWORD, "next": "/tilgaengelighed/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/tilgaengelighed/"


def test_login_ignores_a_next_page_on_another_site(client, user):
    response = client.post(
        "/konto/login/",
        {"login": user.email, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/min-konto/"


def test_login_is_case_insensitive_for_the_email_address(client, user):
    response = client.post("/konto/login/", {"login": user.email.upper(), "password": PASSWORD})

    assert response.status_code == 302
    assert is_logged_in(client)


def test_wrong_password_gives_a_clear_danish_message_and_keeps_the_email(client, user):
    response = client.post("/konto/login/", {"login": user.email, "password": "wrong"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "E-mailadressen eller adgangskoden er forkert." in html
    assert f'value="{user.email}"' in html
    assert not is_logged_in(client)


def test_too_many_failed_logins_are_throttled_with_a_clear_message(client, user):
    for _attempt in range(5):
        response = client.post("/konto/login/", {"login": user.email, "password": "wrong"})
        assert "for mange gange" not in response.content.decode()

    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "Du har prøvet at logge ind for mange gange." in response.content.decode()
    assert f'value="{user.email}"' in response.content.decode()
    assert not is_logged_in(client)


def test_the_throttling_message_is_english_on_english_pages(client, user):
    for _attempt in range(6):
        response = client.post("/en/konto/login/", {"login": user.email, "password": "wrong"})

    assert "You have tried to log in too many times." in response.content.decode()


def test_logout_asks_first_and_returns_to_the_front_page_in_the_same_language(
    logged_in_client,
):
    page = logged_in_client.get("/en/konto/logout/")
    assert page.status_code == 200
    assert "<h1>Log out</h1>" in page.content.decode()

    response = logged_in_client.post("/en/konto/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert not is_logged_in(logged_in_client)
    assert "You are logged out." in logged_in_client.get("/en/").content.decode()


def test_logout_from_a_danish_page_returns_to_the_danish_front_page(logged_in_client):
    response = logged_in_client.post("/konto/logout/")

    assert response["Location"] == "/"


def test_the_logged_in_message_is_in_the_language_of_the_page_the_user_lands_on(client):
    user = UserFactory(preferred_language="en", display_name="Kim")

    response = client.post(
        "/konto/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain == [("/en/min-konto/", 302)]
    html = response.content.decode()
    assert "You are logged in as Kim." in html
    assert "Du er logget ind" not in html


def test_the_logged_in_message_follows_an_explicit_next_page(client):
    user = UserFactory(preferred_language="en", display_name="Kim")

    response = client.post(
        "/konto/login/",
        {"login": user.email, "password": PASSWORD, "next": "/min-konto/"},
        follow=True,
    )

    assert response.redirect_chain == [("/min-konto/", 302)]
    assert "Du er logget ind som Kim." in response.content.decode()


def test_many_logins_from_one_address_are_limited_and_the_form_keeps_the_email(
    client, user, monkeypatch
):
    from samskab.accounts import forms
    from samskab.core.limits import Limit

    monkeypatch.setattr(forms, "LOGIN_LIMITS", (Limit("accounts.login", "2/h"),))
    for _attempt in range(2):
        client.post("/konto/login/", {"login": "someone@example.dk", "password": "wrong"})

    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 429
    html = response.content.decode()
    assert "Du har prøvet for mange gange på kort tid." in html
    assert f'value="{user.email}"' in html
    assert not is_logged_in(client)
