import pytest
from django.contrib.auth.models import Group

from samskab.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/konto/login/")
    assert response.status_code == 200


def test_a_citizen_cannot_reach_the_admin(logged_in_client):
    response = logged_in_client.get("/admin/", follow=True)

    assert response.status_code == 403


def test_staff_can_reach_the_admin(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/admin/").status_code == 200


def test_the_user_list_shows_email_display_name_staff_active_and_date_joined(superuser_client):
    UserFactory(email="karen@example.dk", display_name="Karen Sørensen")

    response = superuser_client.get("/admin/accounts/user/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "karen@example.dk" in html
    assert "Karen Sørensen" in html
    for column in ("column-email", "column-display_name", "column-is_staff", "column-is_active"):
        assert column in html
    assert "column-date_joined" in html


def test_the_user_list_can_be_searched_and_filtered(superuser_client):
    UserFactory(email="karen@example.dk")
    UserFactory(email="ole@example.dk")
    UserFactory(is_staff=True, email="staff@example.dk")

    found = superuser_client.get("/admin/accounts/user/", {"q": "karen"}).content.decode()
    staff = superuser_client.get("/admin/accounts/user/", {"is_staff__exact": "1"}).content.decode()

    assert "karen@example.dk" in found
    assert "ole@example.dk" not in found
    assert "staff@example.dk" in staff
    assert "ole@example.dk" not in staff


def test_staff_add_users_with_email_and_password(superuser_client):
    form = superuser_client.get("/admin/accounts/user/add/").content.decode()
    assert 'name="email"' in form
    assert 'name="password1"' in form
    assert 'name="username"' not in form

    response = superuser_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "New.Person@Example.dk",
            "usable_password": "true",
            "password1": "Ribe-Domkirke-1300",
            "password2": "Ribe-Domkirke-1300",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.dk")
    assert user.check_password("Ribe-Domkirke-1300")


def test_the_admin_refuses_an_email_another_account_has(superuser_client):
    UserFactory(email="karen@example.dk")

    response = superuser_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "KAREN@example.dk",
            "usable_password": "true",
            "password1": "Ribe-Domkirke-1300",
            "password2": "Ribe-Domkirke-1300",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact="karen@example.dk").count() == 1


def test_the_change_form_has_profile_groups_and_permissions(superuser_client):
    user = UserFactory()
    group = Group.objects.create(name="Coordinators")

    html = superuser_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()

    assert 'name="display_name"' in html
    assert 'name="preferred_language"' in html
    assert 'name="groups"' in html
    assert 'name="user_permissions"' in html
    assert group.name in html


def test_admin_labels_are_translated(superuser_client):
    superuser_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "da"
    user = UserFactory()

    html = superuser_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()

    assert "Visningsnavn" in html
    assert "Foretrukket sprog" in html
