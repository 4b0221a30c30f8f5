import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from samskab.accounts import personal_data
from samskab.core.extensions import PersonalData
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def download(client):
    response = client.get("/min-konto/mine-data/")
    assert response.status_code == 200
    return response


def test_downloading_data_requires_login(client):
    response = client.get("/min-konto/mine-data/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")


def test_the_download_is_a_readable_utf8_json_attachment(client):
    user = UserFactory(display_name="Søren Ærø")
    client.force_login(user)

    response = download(client)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="samskab-')
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert "Søren Ærø" in text
    assert '\n  "user": {\n' in text


def test_the_download_holds_the_user_record_without_the_password_hash(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    data = json.loads(download(client).content)

    assert data["user"]["email"] == user.email
    assert data["user"]["display_name"] == user.display_name
    assert data["user"]["preferred_language"] == "en"
    assert "date_joined" in data["user"]
    assert "password" not in data["user"]
    assert user.password not in download(client).content.decode()
    assert data["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    assert "Esbjerg Kommune" in data["service"]


def test_declared_sections_are_included_with_only_the_users_own_data(client, declare):
    me = UserFactory()
    someone_else = UserFactory()
    notes = {me.pk: ["I help at the library café"], someone_else.pk: ["Secret of someone else"]}
    declare("notes", personal_data=PersonalData("notes", collect=lambda user: notes[user.pk]))
    client.force_login(me)

    response = download(client)

    data = json.loads(response.content)
    assert data["notes"] == ["I help at the library café"]
    text = response.content.decode()
    assert someone_else.email not in text
    assert someone_else.display_name not in text
    assert "Secret of someone else" not in text


def test_another_users_data_never_appears(client):
    me = UserFactory()
    other = UserFactory()
    client.force_login(me)

    text = download(client).content.decode()

    assert me.email in text
    assert other.email not in text
    assert other.display_name not in text


def test_section_names_cannot_clash(declare):
    def collect(user):
        return []

    declare("first", personal_data=PersonalData("activities", collect=collect))

    with pytest.raises(ImproperlyConfigured):
        declare("second", personal_data=PersonalData("activities", collect=lambda user: []))
    declare("third", personal_data=PersonalData("user", collect=collect))
    with pytest.raises(ImproperlyConfigured):
        personal_data.personal_data_sections()
