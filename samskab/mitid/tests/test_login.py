"""Proving who you are with MitID, through the real test provider (testidp/): the person
logs in there and comes back with a verified ID token, or with a fault that Samskab must
refuse kindly (a tampered signature, another nonce, an expired token, a cancelled login, a
state that does not match, a provider that cannot be reached), storing nothing."""

import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from samskab.mitid import identity
from samskab.mitid.identity import VerifiedPerson
from samskab.mitid.models import MitIDLink
from tests.mitid import callback_url_at_provider, sign_in_with_mitid, start_mitid_login
from tests.servers.oidc import OidcProvider, age_of, persons

pytestmark = pytest.mark.django_db

NEXT = "/ideer/"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def stored_keys(client) -> set[str]:
    return set(client.session.keys())


def test_an_eligible_person_is_verified_by_hash_birthdate_and_municipality(client, mitid_provider):
    response = sign_in_with_mitid(client, "voksen", NEXT)

    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert messages_of(response) == ["Du har bevist, hvem du er, med MitID."]
    person = identity.verified_person(response.wsgi_request)
    sub = persons()["voksen"]["sub"]
    assert person.identity_hash == identity.identity_hash(sub)
    assert len(person.identity_hash) == 64
    assert person.municipality_code == "0561"
    assert person.age_on(timezone.localdate()) == 45
    # Neither the broker's id for the person nor their name is kept anywhere in the session.
    session_text = repr(dict(client.session))
    assert sub not in session_text
    assert "Vera" not in session_text
    assert not MitIDLink.objects.exists()


def test_the_14_year_old_is_14_today(client, mitid_provider):
    response = sign_in_with_mitid(client, "ung14", NEXT)

    person = identity.verified_person(response.wsgi_request)
    assert person.age_on(timezone.localdate()) == age_of("ung14") == 14


def test_the_same_person_twice_has_the_same_hash_and_others_another(client, mitid_provider):
    first = identity.verified_person(sign_in_with_mitid(client, "voksen", NEXT).wsgi_request)
    again = identity.verified_person(sign_in_with_mitid(client, "voksen", NEXT).wsgi_request)
    neighbour = identity.verified_person(sign_in_with_mitid(client, "nabo", NEXT).wsgi_request)
    newcomer = identity.verified_person(sign_in_with_mitid(client, "tilflytter", NEXT).wsgi_request)

    assert first.identity_hash == again.identity_hash
    assert len({first.identity_hash, neighbour.identity_hash, newcomer.identity_hash}) == 3
    assert newcomer.municipality_code == "0101"


def test_the_hash_depends_on_the_identity_key(settings):
    before = identity.identity_hash("person-1")
    settings.MITID_IDENTITY_KEY = "another-key"

    assert identity.identity_hash("person-1") != before
    assert identity.identity_hash("person-1") == identity.identity_hash("person-1")


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        ("fejl-signatur", "BadSignatureError"),
        ("fejl-nonce", "nonce"),
        ("fejl-udloebet", "ExpiredTokenError"),
    ],
    ids=["tampered-signature", "wrong-nonce", "expired"],
)
def test_a_spoiled_id_token_is_refused_kindly_and_nothing_is_stored(
    client, mitid_provider, person, reason, caplog
):
    with caplog.at_level(logging.WARNING, logger="samskab.mitid"):
        response = sign_in_with_mitid(client, person, NEXT)

    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert messages_of(response) == [
        "Vi kunne ikke bekræfte, hvem du er, med MitID. Intet er gemt eller skrevet under. "
        "Prøv igen."
    ]
    assert identity.verified_person(response.wsgi_request) is None
    assert identity.SESSION_KEY not in client.session
    assert not MitIDLink.objects.exists()
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert reason in logged
    assert persons()[person]["sub"] not in logged


def test_a_cancelled_login_says_so_and_stores_nothing(client, mitid_provider):
    response = sign_in_with_mitid(client, None, NEXT)

    assert response["Location"] == NEXT
    assert messages_of(response) == [
        "Du afbrød login med MitID. Intet er gemt eller skrevet under."
    ]
    assert identity.verified_person(response.wsgi_request) is None


def test_a_callback_without_a_started_login_is_refused_without_an_error_page(client, db):
    response = client.get(reverse("mitid:callback"), {"code": "abc", "state": "made-up"})

    assert response.status_code == 302
    assert "MitID" in messages_of(response)[0]
    assert identity.verified_person(response.wsgi_request) is None


def test_a_callback_with_another_state_is_refused(client, mitid_provider):
    start = start_mitid_login(client, NEXT)
    callback = urlsplit(callback_url_at_provider(start["Location"], "voksen"))
    query = parse_qs(callback.query)

    response = client.get(callback.path, {"code": query["code"][0], "state": "another"})

    assert response.status_code == 302
    assert messages_of(response)
    assert identity.verified_person(response.wsgi_request) is None


def test_a_callback_in_another_session_is_refused(client, mitid_provider):
    """A code meant for one browser, opened in another (whose session never started it)."""
    from django.test import Client

    start = start_mitid_login(client, NEXT)
    callback = urlsplit(callback_url_at_provider(start["Location"], "voksen"))
    other = Client()

    response = other.get(f"{callback.path}?{callback.query}")

    assert response.status_code == 302
    assert identity.verified_person(response.wsgi_request) is None


def test_the_same_callback_twice_does_not_verify_again(client, mitid_provider):
    start = start_mitid_login(client, NEXT)
    callback = urlsplit(callback_url_at_provider(start["Location"], "voksen"))
    client.get(f"{callback.path}?{callback.query}")
    session = client.session
    del session[identity.SESSION_KEY]
    session.save()

    response = client.get(f"{callback.path}?{callback.query}")

    assert response.status_code == 302
    assert identity.verified_person(response.wsgi_request) is None


def test_a_provider_that_cannot_be_reached_at_the_start_is_a_message(client, db, settings):
    settings.MITID_ISSUER = "http://127.0.0.1:9"  # the discard port: nothing listens
    settings.MITID_CLIENT_ID = "samskab"
    settings.MITID_TIMEOUT = 2

    response = start_mitid_login(client, NEXT)

    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert messages_of(response) == ["MitID kan ikke nås lige nu. Prøv igen om et par minutter."]


def test_a_provider_gone_before_the_callback_is_a_message(client, db, settings):
    from tests.servers.oidc import CALLBACK_PATH

    provider = OidcProvider(["https://samskab.example" + CALLBACK_PATH]).start()
    try:
        provider.configure(settings)
        settings.MITID_TIMEOUT = 2
        start = start_mitid_login(client, NEXT)
        callback = urlsplit(callback_url_at_provider(start["Location"], "voksen"))
    finally:
        provider.stop()

    response = client.get(f"{callback.path}?{callback.query}")

    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert messages_of(response)
    assert identity.verified_person(response.wsgi_request) is None


def test_the_verified_person_expires_after_the_configured_minutes(client, mitid_provider, settings):
    settings.MITID_VERIFIED_MINUTES = 10
    sign_in_with_mitid(client, "voksen", NEXT)
    session = client.session
    stored = session[identity.SESSION_KEY]
    stored["verified_at"] = (timezone.now() - timedelta(minutes=9)).isoformat()
    session[identity.SESSION_KEY] = stored
    session.save()

    assert identity.verified_person(client.get(NEXT).wsgi_request) is not None

    stored["verified_at"] = (timezone.now() - timedelta(minutes=11)).isoformat()
    session[identity.SESSION_KEY] = stored
    session.save()

    assert identity.verified_person(client.get(NEXT).wsgi_request) is None


def test_forget_verified_person(client, mitid_provider):
    request = sign_in_with_mitid(client, "voksen", NEXT).wsgi_request

    identity.forget_verified_person(request)

    assert identity.verified_person(request) is None


def test_next_must_be_a_local_path(client, mitid_provider):
    start = start_mitid_login(client, "https://evil.example/")
    callback = urlsplit(callback_url_at_provider(start["Location"], "voksen"))

    response = client.get(f"{callback.path}?{callback.query}")

    assert response["Location"] == "/"


def test_the_start_asks_for_pkce_a_nonce_a_state_and_a_fresh_login(client, mitid_provider):
    start = start_mitid_login(client, NEXT)

    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0]
    assert query["nonce"][0]
    assert query["state"][0]
    assert query["prompt"] == ["login"]
    assert query["scope"] == ["openid profile municipality"]
    assert query["redirect_uri"] == ["https://samskab.example/mitid/callback/"]


def test_an_english_login_returns_with_an_english_message(client, mitid_provider):
    with translation.override("en"):
        response = sign_in_with_mitid(client, "voksen", "/en/ideer/")

    assert response["Location"] == "/en/ideer/"
    assert messages_of(response) == ["You have proved who you are with MitID."]


def test_starting_is_rate_limited(client, mitid_provider, monkeypatch):
    from samskab.core import limits
    from samskab.mitid import views

    monkeypatch.setattr(views, "STARTS", (limits.Limit("mitid.start", "2/m"),))

    answers = [start_mitid_login(client, NEXT).status_code for _ in range(3)]

    assert answers == [302, 302, 429]


def test_verified_person_interface():
    person = VerifiedPerson(
        identity_hash="x", birthdate=None, municipality_code="", verified_at=timezone.now()
    )
    assert person.age_on(timezone.localdate()) is None
    born = VerifiedPerson("x", timezone.localdate().replace(year=2000, month=6, day=15), "", None)
    assert born.age_on(born.birthdate.replace(year=2014, day=14)) == 13
    assert born.age_on(born.birthdate.replace(year=2014)) == 14


def test_login_url_keeps_local_paths_only():
    assert identity.login_url("/forslag/1/") == "/mitid/?next=%2Fforslag%2F1%2F"
    assert identity.login_url("//evil.example/") == "/mitid/"
    assert identity.login_url("https://evil.example/") == "/mitid/"
