"""Production settings refuse an unsafe environment, and pass Django's deployment checks
when the environment is complete. Each case starts a real `manage.py` process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
GOOD_SECRET_KEY = "k3J9-rZq8WmX2vNpT5yB7cLd0fHs4gAe6uIo1Q_wRtYxVbNmKjHgFdSaPl"
GOOD_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "samskab.settings.production",
    "SECRET_KEY": GOOD_SECRET_KEY,
    "ALLOWED_HOSTS": "samskab.example.org",
    "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    "EMAIL_URL": "smtp+tls://samskab:mail-password@127.0.0.1:587",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEBUG": "False",
}

# MitID configured as production would have it (a broker over HTTPS, its own key).
MITID = {
    "MITID_ISSUER": "https://broker.example.dk",
    "MITID_CLIENT_ID": "samskab",
    "MITID_CLIENT_SECRET": "broker-secret",
    "MITID_IDENTITY_KEY": "m7Q-pV2xL9sK4tR8wN1yB6cJ3hF0gD5aZ_eU",
}


def manage(*arguments, environment=None, unset=()):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in GOOD_ENVIRONMENT and not name.startswith(("DJANGO_", "PYTEST_"))
    }
    env.update(GOOD_ENVIRONMENT)
    env.update(environment or {})
    for name in unset:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_deploy_check_reports_nothing_with_a_complete_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("environment", "unset", "message"),
    [
        ({"DEBUG": "True"}, (), "DEBUG must be off in production"),
        ({}, ("SECRET_KEY",), "SECRET_KEY must be set to a long random value"),
        ({"SECRET_KEY": ""}, (), "SECRET_KEY must be set to a long random value"),
        (
            {"SECRET_KEY": "dev-only-insecure-key-never-use-in-production-0123456789"},
            (),
            "SECRET_KEY must be set to a long random value",
        ),
        ({"ALLOWED_HOSTS": ""}, (), "ALLOWED_HOSTS must list the site's host names"),
        ({"ALLOWED_HOSTS": "*"}, (), "'*' accepts any Host header"),
        ({}, ("EMAIL_URL",), "EMAIL_URL must point to a mail server"),
        ({"EMAIL_URL": "consolemail://"}, (), "EMAIL_URL must be an SMTP address"),
        (
            {"CSRF_TRUSTED_ORIGINS": "http://samskab.example.org"},
            (),
            "CSRF_TRUSTED_ORIGINS entry must be an https:// origin",
        ),
        ({"ADMINS": "not-an-address"}, (), "ADMINS must be email addresses"),
        ({}, ("REDIS_URL",), "REDIS_URL must point to the Redis cache every app server shares"),
        (
            {"PROMETHEUS_MULTIPROC_DIR": "/nonexistent/samskab-metrics"},
            (),
            "PROMETHEUS_MULTIPROC_DIR must be an existing directory",
        ),
        (
            {**MITID, "MITID_ISSUER": "https://127.0.0.1:8090"},
            (),
            "MITID_ISSUER must be the MitID broker, not a provider on this machine",
        ),
        (
            {**MITID, "MITID_ISSUER": "https://localhost/"},
            (),
            "MITID_ISSUER must be the MitID broker, not a provider on this machine",
        ),
        (
            {**MITID, "MITID_ISSUER": "http://broker.example.dk"},
            (),
            "MITID_ISSUER must be the broker's https:// issuer URL",
        ),
        ({**MITID, "MITID_TEST_PROVIDER": "True"}, (), "MITID_TEST_PROVIDER must be off"),
        ({**MITID, "MITID_IDENTITY_KEY": GOOD_SECRET_KEY}, (), "MITID_IDENTITY_KEY must be"),
        (MITID, ("MITID_IDENTITY_KEY",), "MITID_IDENTITY_KEY must be"),
    ],
    ids=[
        "debug-on",
        "no-secret-key",
        "empty-secret-key",
        "development-secret-key",
        "no-allowed-hosts",
        "any-host",
        "no-email-url",
        "console-email",
        "plain-http-csrf-origin",
        "bad-admins",
        "no-shared-cache",
        "missing-metrics-directory",
        "mitid-loopback-issuer",
        "mitid-localhost-issuer",
        "mitid-plain-http-issuer",
        "mitid-test-provider",
        "mitid-identity-key-is-secret-key",
        "mitid-no-identity-key",
    ],
)
def test_production_refuses_to_start_with_an_unsafe_environment(environment, unset, message):
    result = manage("check", environment=environment, unset=unset)

    assert result.returncode != 0
    assert "Samskab refuses to start with production settings" in result.stderr
    assert message in result.stderr


def test_production_starts_with_mitid_configured_for_a_real_broker():
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=MITID)

    assert result.returncode == 0, result.stderr + result.stdout


def test_production_reads_hosts_origins_admins_mail_lifetimes_and_limits_from_the_environment():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'hosts': s.ALLOWED_HOSTS, 'origins': s.CSRF_TRUSTED_ORIGINS, 'admins': s.ADMINS,"
        "'backend': s.EMAIL_BACKEND, 'email_host': s.EMAIL_HOST,"
        "'session_age': s.SESSION_COOKIE_AGE, 'email_timeout': s.EMAIL_TIMEOUT,"
        "'max_upload': s.MAX_UPLOAD_BYTES,"
        "'whitenoise_max_age': s.WHITENOISE_MAX_AGE, 'secure_cookies': [s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE], 'static': s.STORAGES['staticfiles']['BACKEND'],"
        "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'redirect_exempt': s.SECURE_REDIRECT_EXEMPT}))"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        environment={
            "ALLOWED_HOSTS": "samskab.example.org,www.samskab.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://samskab.example.org",
            "ADMINS": "Drift <drift@example.org>,it@example.org",
            "EMAIL_TIMEOUT": "7",
            "MAX_UPLOAD_BYTES": "3000000",
        },
    )

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["hosts"] == ["samskab.example.org", "www.samskab.example.org"]
    assert values["origins"] == ["https://samskab.example.org"]
    assert values["admins"] == [["Drift", "drift@example.org"], ["", "it@example.org"]]
    assert values["backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "127.0.0.1"
    assert values["session_age"] == 60 * 60 * 24 * 14
    assert values["email_timeout"] == 7
    assert values["max_upload"] == 3_000_000
    assert values["whitenoise_max_age"] == 60 * 60 * 24
    assert values["secure_cookies"] == [True, True]
    assert values["static"] == "samskab.core.static_storage.StaticFilesStorage"
    # Load balancers probe the health endpoints, Prometheus the metrics, over plain HTTP.
    assert values["ssl_redirect"] is True
    assert values["redirect_exempt"] == [r"^health/", r"^metrics$"]


@pytest.mark.parametrize(("environment", "kept_seconds"), [({}, 60), ({"CONN_MAX_AGE": "0"}, 0)])
def test_production_keeps_each_workers_database_connection_and_checks_it(environment, kept_seconds):
    # Opening a PostgreSQL connection for every request costs milliseconds of each; a kept
    # one the database has closed (a restart) must be replaced, not fail a request.
    script = (
        "import json; from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    result = manage("shell", "--no-imports", "-c", script, environment=environment)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [kept_seconds, True]


def test_production_reads_sessions_from_the_shared_cache_and_keeps_them_in_the_database():
    script = "from django.conf import settings as s; print(s.SESSION_ENGINE)"
    result = manage("shell", "--no-imports", "-c", script)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.contrib.sessions.backends.cached_db"


def test_collectstatic_with_the_hashing_storage_of_production_succeeds(tmp_path):
    """The manifest storage follows every url() and source-map reference in the vendored
    files; a missing one would stop a deployment."""
    result = manage("collectstatic", "--noinput", environment={"SAMSKAB_DATA_DIR": str(tmp_path)})

    assert result.returncode == 0, result.stderr + result.stdout
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "vendor/dkfds/css/dkfds.min.css" in manifest["paths"]


def test_production_caches_in_redis_keeping_one_client_per_process():
    script = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", script)

    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip().splitlines()[-1] == "samskab.core.redis_cache.SharedClientRedisCache"
    )
