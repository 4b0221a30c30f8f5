"""Fixtures shared by the whole suite. Factories live in ``tests.factories``; an app's own
``tests/conftest.py`` keeps only what is specific to it (its organisation, its people)
and may override a fixture below by defining one of the same name."""

import pytest
from django.utils import timezone, translation

from tests.factories import OrganisationFactory, UserFactory, coordinator_of, make_municipal_staff

# Emails built outside a request link to settings.SITE_URL; tests assert on links under it.
SITE_URL = "https://samskab.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Every test sees the same SITE_URL, whatever the environment sets."""
    settings.SITE_URL = SITE_URL


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (allauth) and cached pages live in the cache; tests must not
    share them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_and_time_zone():
    """A request to an English page leaves English active in the thread (the locale
    middleware activates the request's language; nothing deactivates it), and a test that
    activates a time zone leaves it active: each test starts and ends with the defaults, so
    no test depends on which test ran before it."""
    translation.deactivate()
    timezone.deactivate()
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _content_types_known(request):
    """Django looks up a content type once per process and keeps it (until a transactional
    test empties the database). Look them all up before each database test, so that what a
    query-count test counts does not depend on whether it is the first of its process, which
    random order makes likely."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif marker is not None or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    if not ContentType.objects._cache:
        ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the callbacks queued with transaction.on_commit (emails, alerts) as soon as the
    surrounding block ends, as a real commit would: ``with run_on_commit(): ...``."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def user(db):
    """A citizen with a confirmed email address."""
    return UserFactory()


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def citizen(db):
    """A citizen with a confirmed email address (apps override it to give a name)."""
    return UserFactory()


@pytest.fixture
def staff(db):
    """A member of the municipal staff group."""
    return make_municipal_staff()


@pytest.fixture
def volunteer(db):
    return UserFactory(display_name="Vera Frivillig", email="vera@example.dk")


@pytest.fixture
def organisation(db):
    """An approved organisation (apps override it to give it a name)."""
    return OrganisationFactory()


@pytest.fixture
def coordinator(organisation):
    """A coordinator of ``organisation``."""
    return coordinator_of(organisation, display_name="Karen Koordinator")


@pytest.fixture
def declare(monkeypatch):
    """``declare(label, **fields)`` adds contributions (``samskab/core/extensions.py``) as an
    app named ``label`` would declare them; they are gone after the test."""
    from dataclasses import replace

    from samskab.core import extensions

    monkeypatch.setattr(extensions, "_declared", dict(extensions._declared))

    def declare(label, **fields):
        current = extensions.contributions_of(label)
        merged = {
            name: (*getattr(current, name), *value) if isinstance(value, tuple) else value
            for name, value in fields.items()
        }
        before = dict(extensions._declared)
        extensions._declared[label] = replace(current, **merged)
        try:
            extensions._check()
        except Exception:
            extensions._declared = before
            raise

    return declare


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 that the site sends to; ``stop()`` and ``start()``
    it to take the mail server down and bring it back."""
    from tests.servers.smtp import SmtpServer

    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oidc_providers():
    """Test MitID providers (testidp/, a real OpenID Connect server on 127.0.0.1), started
    once per test process and kept until its end: ``oidc_providers(*redirect_uris)`` gives
    the one that lets the client return to exactly these callback URLs."""
    from tests.servers.oidc import OidcProvider

    started = {}

    def provider_for(*redirect_uris):
        key = tuple(sorted(set(redirect_uris)))
        if key not in started:
            started[key] = OidcProvider(key).start()
        return started[key]

    yield provider_for
    for provider in started.values():
        provider.stop()


@pytest.fixture
def mitid_provider(settings, oidc_providers):
    """MitID configured against the test provider, for the test client on SITE_URL; sign in
    with ``tests.mitid.sign_in_with_mitid(client, "voksen", next_path)``."""
    from tests.servers.oidc import CALLBACK_PATH

    provider = oidc_providers(SITE_URL + CALLBACK_PATH)
    provider.configure(settings)
    return provider


@pytest.fixture
def mitid_live_provider(settings, live_server, oidc_providers):
    """The same for browser tests: the provider sends the browser back to the live server
    (SITE_URL is pointed at it, so the redirect URI is the live server's callback)."""
    from tests.servers.oidc import CALLBACK_PATH

    settings.SITE_URL = live_server.url
    provider = oidc_providers(live_server.url + CALLBACK_PATH)
    provider.configure(settings)
    return provider
