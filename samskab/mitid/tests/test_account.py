"""Linking MitID to an account, through the real test provider, and the pages: the login
page (the test persons only with the test provider; "not available" without an issuer),
the account page, and the data download."""

import json
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from samskab.mitid import identity, services
from samskab.mitid.models import MitIDLink
from tests.factories import UserFactory
from tests.mitid import callback_url_at_provider
from tests.servers.oidc import persons

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("mitid:account")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def link_with_mitid(client, person):
    start = client.post(reverse("mitid:login"), {"next": ACCOUNT, "purpose": "link"})
    assert start.status_code == 302
    callback = urlsplit(callback_url_at_provider(start["Location"], person))
    return client.get(f"{callback.path}?{callback.query}")


def test_a_user_links_and_unlinks_mitid(client, mitid_provider):
    user = UserFactory()
    client.force_login(user)

    response = link_with_mitid(client, "voksen")

    assert response["Location"] == ACCOUNT
    assert messages_of(response) == ["MitID er nu knyttet til din konto."]
    expected = identity.identity_hash(persons()["voksen"]["sub"])
    assert identity.linked_identity_hash(user) == expected
    # Linking is not signing: nothing proven is left in the session.
    assert identity.verified_person(response.wsgi_request) is None
    page = client.get(ACCOUNT)
    assert "MitID er knyttet til din konto" in page.text
    assert "Fjern MitID" in page.text

    response = client.post(ACCOUNT)

    assert response.status_code == 302
    assert messages_of(response) == ["MitID er ikke længere knyttet til din konto."]
    assert identity.linked_identity_hash(user) is None
    assert not MitIDLink.objects.exists()


def test_a_mitid_linked_to_another_account_is_refused(client, mitid_provider):
    other = UserFactory()
    services.link(user=other, identity_hash=identity.identity_hash(persons()["nabo"]["sub"]))
    user = UserFactory()
    client.force_login(user)

    response = link_with_mitid(client, "nabo")

    assert "allerede knyttet til en anden Samskab-konto" in messages_of(response)[0]
    assert identity.linked_identity_hash(user) is None
    assert identity.linked_identity_hash(other) is not None


def test_unlinking_touches_only_ones_own_link(client, db):
    owner = UserFactory()
    services.link(user=owner, identity_hash="a" * 64)
    intruder = UserFactory()
    client.force_login(intruder)

    response = client.post(ACCOUNT)

    assert messages_of(response) == ["Der er ikke knyttet MitID til din konto."]
    assert identity.linked_identity_hash(owner) == "a" * 64


def test_linking_again_replaces_ones_own_link(db):
    user = UserFactory()
    services.link(user=user, identity_hash="a" * 64)
    services.link(user=user, identity_hash="b" * 64)

    assert identity.linked_identity_hash(user) == "b" * 64
    assert MitIDLink.objects.count() == 1


def test_linking_needs_the_same_account_at_the_end(client, mitid_provider):
    user = UserFactory()
    client.force_login(user)
    start = client.post(reverse("mitid:login"), {"next": ACCOUNT, "purpose": "link"})
    callback = urlsplit(callback_url_at_provider(start["Location"], "voksen"))
    client.force_login(UserFactory())

    response = client.get(f"{callback.path}?{callback.query}")

    assert response.status_code == 302
    assert not MitIDLink.objects.exists()


def test_a_visitor_cannot_start_linking(client, mitid_provider):
    response = client.post(reverse("mitid:login"), {"next": ACCOUNT, "purpose": "link"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_account_page_needs_a_login(client, db):
    response = client.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_account_page_offers_linking(client, mitid_provider):
    client.force_login(UserFactory())

    page = client.get(ACCOUNT)

    assert "MitID er ikke knyttet til din konto." in page.text
    assert 'name="purpose" value="link"' in page.text


def test_my_account_links_to_the_mitid_page(client, db):
    client.force_login(UserFactory())

    page = client.get(reverse("accounts:my_account"))

    assert f'href="{ACCOUNT}"' in page.text


def test_the_login_page_lists_test_persons_only_with_the_test_provider(
    client, mitid_provider, settings
):
    page = client.get(identity.login_url("/ideer/"))

    assert page.status_code == 200
    assert "Du bliver nu sendt til MitID for at bevise, hvem du er." in page.text
    assert 'name="next" value="/ideer/"' in page.text
    assert "<code>voksen</code>" in page.text
    assert "<code>ung14</code>" in page.text
    # The form is sent on to the provider: the page's CSP allows its origin as form-action.
    csp = page["Content-Security-Policy"]
    assert f"form-action 'self' {mitid_provider.issuer}" in csp

    settings.MITID_TEST_PROVIDER = False
    page = client.get(identity.login_url("/ideer/"))

    assert "voksen" not in page.text
    assert "Testpersoner" not in page.text


def test_without_an_issuer_the_login_page_says_mitid_is_not_available(client, db):
    page = client.get(identity.login_url("/ideer/"))

    assert "Underskrift med MitID er ikke muligt lige nu." in page.text
    assert 'action="/mitid/"' not in page.text

    response = client.post(reverse("mitid:login"), {"next": "/ideer/"})

    assert response["Location"] == "/ideer/"
    assert messages_of(response) == ["Underskrift med MitID er ikke muligt lige nu."]


def test_the_data_download_tells_whether_mitid_is_linked(client, db):
    user = UserFactory()
    services.link(user=user, identity_hash="c" * 64)
    client.force_login(user)

    response = client.get(reverse("accounts:download_data"))

    content = b"".join(response.streaming_content) if response.streaming else response.content
    data = json.loads(content)
    assert data["mitid"]["linked"] is True
    assert data["mitid"]["linked_at"]
    assert "c" * 64 not in json.dumps(data)


def test_deleting_the_account_deletes_the_link(db):
    user = UserFactory()
    services.link(user=user, identity_hash="d" * 64)

    user.delete()

    assert not MitIDLink.objects.exists()
