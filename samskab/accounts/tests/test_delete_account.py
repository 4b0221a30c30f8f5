import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from samskab.accounts import services
from samskab.accounts.models import User
from samskab.accounts.tests.helpers import is_logged_in
from samskab.core.extensions import PersonalData
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_account_requires_login(client):
    response = client.get("/min-konto/slet/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_the_confirmation_page_explains_and_asks_for_the_password(logged_in_client):
    response = logged_in_client.get("/min-konto/slet/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "<h1>Slet min konto</h1>" in html
    assert "Du kan ikke fortryde" in html
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'type="password" name="password"' in html
    assert 'href="/min-konto/mine-data/"' in html


def test_the_confirmation_page_is_english_under_en(logged_in_client):
    html = logged_in_client.get("/en/min-konto/slet/").content.decode()

    assert "<h1>Delete my account</h1>" in html
    assert "You cannot undo this." in html


def test_a_wrong_password_deletes_nothing_and_says_so(logged_in_client, user):
    response = logged_in_client.post("/min-konto/slet/", {"password": "wrong"})

    assert response.status_code == 200
    assert "Adgangskoden er forkert. Intet er slettet." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert is_logged_in(logged_in_client)


def test_a_missing_password_is_explained_in_english_on_english_pages(logged_in_client, user):
    response = logged_in_client.post("/en/min-konto/slet/", {"password": ""})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_the_right_password_deletes_the_account_logs_out_and_confirms(logged_in_client, user):
    someone_else = UserFactory()

    response = logged_in_client.post("/min-konto/slet/", {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Din konto og dine personoplysninger er slettet." in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert not is_logged_in(logged_in_client)
    assert logged_in_client.get("/min-konto/").status_code == 302
    assert User.objects.filter(pk=someone_else.pk).exists()
    assert EmailAddress.objects.filter(email=someone_else.email).exists()


def test_the_deleted_user_cannot_log_in_again(client, user):
    client.force_login(user)
    client.post("/min-konto/slet/", {"password": PASSWORD})

    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert not is_logged_in(client)


def test_deletion_hooks_run_before_the_user_row_is_deleted(logged_in_client, user, declare):
    seen = []

    def remember_the_user_still_exists(deleted_user):
        seen.append((deleted_user.pk, User.objects.filter(pk=deleted_user.pk).exists()))

    declare(
        "hook1",
        personal_data=PersonalData("hook1", collect=list, forget=remember_the_user_still_exists),
    )

    logged_in_client.post("/min-konto/slet/", {"password": PASSWORD})

    assert seen == [(user.pk, True)]


def test_hooks_are_not_called_when_the_password_is_wrong(logged_in_client, declare):
    calls = []
    declare("hook2", personal_data=PersonalData("hook2", collect=list, forget=calls.append))

    logged_in_client.post("/min-konto/slet/", {"password": "wrong"})

    assert calls == []


def test_a_failing_hook_leaves_everything_as_it_was(user, declare):
    def first_hook(deleted_user):
        User.objects.filter(pk=deleted_user.pk).update(display_name="anonymised")

    def failing_hook(deleted_user):
        raise RuntimeError("the volunteering app could not anonymise")

    declare("hook3", personal_data=PersonalData("hook3", collect=list, forget=first_hook))
    declare("hook4", personal_data=PersonalData("hook4", collect=list, forget=failing_hook))

    with pytest.raises(RuntimeError):
        services.delete_account(user=user)

    user.refresh_from_db()
    assert user.display_name != "anonymised"
    assert EmailAddress.objects.filter(user=user).exists()


def test_deleting_requires_a_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/min-konto/slet/", {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


def test_the_delete_page_cannot_be_used_to_guess_the_password(logged_in_client, user):
    for _attempt in range(5):
        logged_in_client.post("/min-konto/slet/", {"password": "wrong"})

    response = logged_in_client.post("/min-konto/slet/", {"password": PASSWORD})

    assert response.status_code == 429
    assert "Du har prøvet at logge ind for mange gange." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_data_that_blocks_deletion_gives_a_clear_message_and_deletes_nothing(
    logged_in_client, user, declare, monkeypatch
):
    from django.db.models import ProtectedError

    def forget_email_addresses(deleted_user):
        EmailAddress.objects.filter(user=deleted_user).delete()

    def refuse(self, *args, **kwargs):
        raise ProtectedError("A coordinator role still points at the user.", set())

    declare(
        "hook5", personal_data=PersonalData("hook5", collect=list, forget=forget_email_addresses)
    )
    monkeypatch.setattr(User, "delete", refuse)

    response = logged_in_client.post("/min-konto/slet/", {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/min-konto/slet/", 302)]
    assert "Din konto kunne ikke slettes" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    # The hook's work was rolled back with the rest.
    assert EmailAddress.objects.filter(user=user).exists()
    assert is_logged_in(logged_in_client)
