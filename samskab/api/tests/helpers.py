import base64
import json

from samskab.api import services
from samskab.api.scopes import ACTIVITIES_WRITE


def api_client_of(organisation, *, scopes=(ACTIVITIES_WRITE,), name="Klubsystem"):
    """An API client of ``organisation`` and its secret in clear, as the site creates them."""
    return services.create_client(organisation=organisation, name=name, scopes=scopes, by=None)


def token_for(client, new_client) -> str:
    """An access token from the token endpoint (client credentials, HTTP Basic)."""
    credentials = f"{new_client.client.client_id}:{new_client.client_secret}"
    response = client.post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(credentials.encode()).decode(),
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


class Api:
    """Django's test client speaking JSON to the API, with a bearer token if given."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path, data=None, **extra):
        return self.client.get(path, data, **self.headers, **extra)

    def put(self, path, body, **extra):
        return self.client.put(
            path, json.dumps(body), content_type="application/json", **self.headers, **extra
        )

    def delete(self, path, body=None, **extra):
        return self.client.delete(
            path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            **self.headers,
            **extra,
        )


def activity_body(**overrides) -> dict:
    body = {
        "title": {"da": "Gåtur ved åen", "en": "Walk by the river"},
        "description": {"da": "Vi går en tur langs Ribe Å og drikker kaffe bagefter."},
        "focus_areas": ["faellesskab"],
        "town": "ribe",
        "place_name": "Ribe Domkirke, hovedindgangen",
        "participation": "sign_up",
        "come_alone_welcome": True,
    }
    body.update(overrides)
    return body


def problem_of(response) -> dict:
    assert response["Content-Type"] == "application/problem+json", response.content
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == response.status_code
    return body
