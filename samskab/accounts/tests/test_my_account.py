import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.accounts import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_my_account_requires_login(client):
    response = client.get("/min-konto/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/min-konto/"


def test_my_account_requires_login_in_english_too(client):
    response = client.get("/en/min-konto/")

    assert response.status_code == 302
    assert response["Location"] == "/en/konto/login/?next=/en/min-konto/"


def test_my_account_shows_the_profile_and_the_ways_to_manage_the_account(logged_in_client, user):
    response = logged_in_client.get("/min-konto/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "<h1>Min konto</h1>" in html
    assert user.email in html
    assert user.display_name in html
    assert "Dansk" in html
    assert 'href="/konto/password/change/"' in html
    assert 'href="/konto/email/"' in html
    assert 'href="/min-konto/mine-data/"' in html
    assert 'href="/min-konto/slet/"' in html
    assert f'name="display_name" value="{user.display_name}"' in html


def test_my_account_is_english_under_en(logged_in_client):
    html = logged_in_client.get("/en/min-konto/").content.decode()

    assert "<h1>My account</h1>" in html
    assert "Download my data" in html
    assert "Delete my account" in html
    assert 'href="/en/konto/password/change/"' in html


def test_editing_the_profile_saves_and_confirms(logged_in_client, user):
    response = logged_in_client.post(
        "/min-konto/", {"display_name": "  Søren Ærø  ", "preferred_language": "en"}, follow=True
    )

    assert response.redirect_chain == [("/min-konto/", 302)]
    assert "Din profil er gemt." in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Søren Ærø"
    assert user.preferred_language == "en"


def test_the_display_name_may_be_left_empty(logged_in_client, user):
    logged_in_client.post("/min-konto/", {"display_name": "", "preferred_language": "da"})

    user.refresh_from_db()
    assert user.display_name == ""


def test_a_too_long_display_name_is_refused_and_what_was_typed_is_kept(logged_in_client, user):
    too_long = "Å" * 151

    response = logged_in_client.post(
        "/min-konto/", {"display_name": too_long, "preferred_language": "en"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Denne værdi må højst have 150 tegn (den har 151)." in html
    assert f'value="{too_long}"' in html
    # The profile above the form still shows what is saved, not what was typed.
    assert html.count(too_long) == 1
    user.refresh_from_db()
    assert user.display_name != too_long
    assert user.preferred_language == "da"


def test_an_unknown_language_is_refused_in_the_page_language(logged_in_client, user):
    response = logged_in_client.post(
        "/en/min-konto/", {"display_name": "Kim", "preferred_language": "xx"}
    )

    assert response.status_code == 200
    assert "Select a valid choice. xx is not one of the available choices." in (
        response.content.decode()
    )
    user.refresh_from_db()
    assert user.display_name != "Kim"


def test_update_profile_refuses_a_language_the_site_does_not_have(user):
    with pytest.raises(ValidationError):
        services.update_profile(user=user, display_name="Kim", preferred_language="xx")


def test_my_account_does_a_fixed_number_of_queries(client):
    first = UserFactory()
    client.force_login(first)
    with CaptureQueriesContext(connection) as few_users:
        client.get("/min-konto/")

    UserFactory.create_batch(9)
    with CaptureQueriesContext(connection) as many_users:
        client.get("/min-konto/")

    assert len(many_users) == len(few_users)


def test_update_profile_refuses_a_too_long_display_name(user):
    with pytest.raises(ValidationError) as error:
        services.update_profile(user=user, display_name="x" * 151, preferred_language="da")

    assert "display_name" in error.value.message_dict
