"""Administrators of an organisation create API clients in the site (the secret shown once,
stored hashed) and revoke them (their tokens stop working at once)."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from oauth2_provider.models import AccessToken, Application

from samskab.api.models import ApiClient
from samskab.api.tests.helpers import Api, api_client_of, token_for
from samskab.organisations.models import Membership
from tests.factories import OrganisationFactory, coordinator_of

pytestmark = pytest.mark.django_db

PAGE = "/foreninger/administrer/{}/api/"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Ribe Vandreklub")


@pytest.fixture
def administrator(organisation):
    return coordinator_of(organisation, role=Membership.Role.ADMINISTRATOR)


def test_an_administrator_creates_a_client_and_sees_its_secret_once(
    client, organisation, administrator
):
    client.force_login(administrator)
    page = client.get(PAGE.format(organisation.slug))
    assert page.status_code == 200
    assert "Opret klient" in page.content.decode()

    created = client.post(
        PAGE.format(organisation.slug),
        {"name": "Booking-system", "scopes": ["activities:write"]},
    )
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    api_client = ApiClient.objects.get()
    html = created.content.decode()
    secret = html.split('id="api-client-secret">')[1].split("<")[0]
    assert len(secret) >= 40
    assert api_client.client_id in html
    # Stored hashed, never in clear.
    stored = Application.objects.get().client_secret
    assert secret not in stored and identify_hasher(stored)
    assert secret not in client.get(PAGE.format(organisation.slug)).content.decode()

    # The secret works at the token endpoint, once written down.
    from samskab.api.services import NewClient

    token = token_for(client, NewClient(client=api_client, client_secret=secret))
    assert Api(client, token).get("/api/v1/sources/activities/").status_code == 200
    assert (api_client.created_by, api_client.scopes) == (administrator, ["activities:write"])


def test_a_client_needs_a_name_and_a_scope(client, organisation, administrator):
    client.force_login(administrator)
    response = client.post(PAGE.format(organisation.slug), {"name": ""})
    assert response.status_code == 400
    assert not ApiClient.objects.exists()


def test_revoking_a_client_stops_its_tokens_at_once(client, organisation, administrator):
    new = api_client_of(organisation)
    api = Api(client, token_for(client, new))
    assert api.get("/api/v1/sources/activities/").status_code == 200

    client.force_login(administrator)
    response = client.post(PAGE.format(organisation.slug) + f"{new.client.pk}/tilbagekald/")
    assert response.status_code == 302
    client.logout()
    assert api.get("/api/v1/sources/activities/").status_code == 401
    assert not AccessToken.objects.exists()
    new.client.refresh_from_db()
    assert new.client.revoked_by == administrator and not new.client.is_active
    # Nor can it get a new token.
    import base64

    credentials = base64.b64encode(f"{new.client.client_id}:{new.client_secret}".encode())
    refused = client.post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION="Basic " + credentials.decode(),
    )
    assert refused.status_code == 401


def test_only_the_organisations_administrators_manage_its_clients(client, organisation):
    other = OrganisationFactory()
    new = api_client_of(other)
    coordinator = coordinator_of(organisation)
    client.force_login(coordinator)
    assert client.get(PAGE.format(organisation.slug)).status_code == 403
    administrator = coordinator_of(organisation, role=Membership.Role.ADMINISTRATOR)
    client.force_login(administrator)
    assert client.get(PAGE.format(other.slug)).status_code == 403
    revoke_theirs = PAGE.format(organisation.slug) + f"{new.client.pk}/tilbagekald/"
    assert client.post(revoke_theirs).status_code == 404
    new.client.refresh_from_db()
    assert new.client.is_active


def test_the_tab_is_shown_to_administrators(client, organisation, administrator):
    client.force_login(administrator)
    overview = client.get(f"/foreninger/administrer/{organisation.slug}/")
    assert PAGE.format(organisation.slug) in overview.content.decode()
    client.force_login(coordinator_of(organisation))
    overview = client.get(f"/foreninger/administrer/{organisation.slug}/")
    assert PAGE.format(organisation.slug) not in overview.content.decode()
