"""Production: everything security-relevant is on, and the process refuses to start when
the environment is unsafe or incomplete. Each refusal says which variable to set and how."""

import ipaddress
import os
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CALENDARS_ALLOW_LOOPBACK, DATABASES, DEBUG, LOGGING, SECRET_KEY, env


def _refuse(problem: str):
    raise ImproperlyConfigured(f"Samskab refuses to start with production settings: {problem}")


if DEBUG:
    _refuse("DEBUG must be off in production. Unset DEBUG or set DEBUG=False.")

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith(("dev-", "test-")):
    _refuse(
        "SECRET_KEY must be set to a long random value "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# No default: the development default (localhost) would make every real request fail, and
# "*" would accept forged Host headers in password-reset links.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    _refuse("ALLOWED_HOSTS must list the site's host names, e.g. ALLOWED_HOSTS=samskab.esbjerg.dk.")
if "*" in ALLOWED_HOSTS:
    _refuse("ALLOWED_HOSTS must name the site's hosts; '*' accepts any Host header.")

# Origins a TLS-terminating proxy serves the site under, e.g. https://samskab.esbjerg.dk.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if any(not origin.startswith("https://") for origin in CSRF_TRUSTED_ORIGINS):
    _refuse("every CSRF_TRUSTED_ORIGINS entry must be an https:// origin.")

# Sign-up confirmation and password reset depend on mail actually leaving the server; the
# console, file, memory and dummy back ends would silently lose it.
if not env("EMAIL_URL", default=""):
    _refuse(
        "EMAIL_URL must point to a mail server, "
        "e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.org:587."
    )
EMAIL_CONFIG = env.email_url("EMAIL_URL")
if EMAIL_CONFIG["EMAIL_BACKEND"] != "django.core.mail.backends.smtp.EmailBackend":
    _refuse(
        "EMAIL_URL must be an SMTP address (smtp://, smtp+tls:// or smtps://); "
        "console, file, memory and dummy mail would lose every email."
    )
vars().update(EMAIL_CONFIG)

# Who receives error reports by email, e.g. ADMINS="Drift <drift@esbjerg.dk>,it@esbjerg.dk".
ADMINS = [parseaddr(entry) for entry in env.list("ADMINS", default=[])]
if any("@" not in address for _name, address in ADMINS):
    _refuse('ADMINS must be email addresses, e.g. ADMINS="Drift <drift@esbjerg.dk>".')
MANAGERS = ADMINS

# Each gunicorn worker keeps its database connection between requests (sync workers never
# share one): opening a PostgreSQL connection costs a few milliseconds of every request.
# CONN_HEALTH_CHECKS (base) replaces a connection the database has closed.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

# Rate limits (core.limits, allauth's login throttling) count in the cache; a cache per
# process would give every gunicorn worker its own count, so limits would hold only by luck.
if not env("REDIS_URL", default=""):
    _refuse(
        "REDIS_URL must point to the Redis cache every app server shares, "
        "e.g. REDIS_URL=redis://127.0.0.1:6379/0; with a cache per process each worker "
        "counts rate limits on its own."
    )

# MitID (optional): a real broker over HTTPS, never the test provider of testidp/.
MITID_ISSUER = env("MITID_ISSUER", default="")
if env.bool("MITID_TEST_PROVIDER", default=False):
    _refuse("MITID_TEST_PROVIDER must be off: the test persons of testidp/ are not people.")
if MITID_ISSUER:
    _mitid = urlsplit(MITID_ISSUER)
    _mitid_host = (_mitid.hostname or "").rstrip(".").lower()
    try:
        _mitid_loopback = ipaddress.ip_address(_mitid_host).is_loopback
    except ValueError:
        _mitid_loopback = _mitid_host == "localhost" or _mitid_host.endswith(".localhost")
    if _mitid.scheme != "https" or not _mitid_host:
        _refuse("MITID_ISSUER must be the broker's https:// issuer URL.")
    if _mitid_loopback:
        _refuse(
            "MITID_ISSUER must be the MitID broker, not a provider on this machine "
            "(a loopback address is the test provider)."
        )
    if not env("MITID_CLIENT_ID", default="") or not env("MITID_CLIENT_SECRET", default=""):
        _refuse("MITID_CLIENT_ID and MITID_CLIENT_SECRET must be the broker's client credentials.")
    MITID_IDENTITY_KEY = env("MITID_IDENTITY_KEY", default="")
    if len(MITID_IDENTITY_KEY) < 32 or MITID_IDENTITY_KEY == SECRET_KEY:
        _refuse(
            "MITID_IDENTITY_KEY must be a long random value of its own, not SECRET_KEY "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'); keep it: the "
            "hashes that stand for people depend on it."
        )

# Imported calendars: an organisation's address must never reach the server's own services.
if CALENDARS_ALLOW_LOOPBACK or env.bool("CALENDARS_ALLOW_LOOPBACK", default=False):
    _refuse(
        "CALENDARS_ALLOW_LOOPBACK is for the tests only: calendars are never fetched from "
        "this machine's own addresses in production."
    )

# One JSON object per log line for the log collector, unless the operator reads them raw.
LOG_FORMAT = env("LOG_FORMAT", default="json")
if LOG_FORMAT not in ("json", "text"):
    _refuse("LOG_FORMAT must be json or text.")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

# Production sits behind a TLS-terminating proxy (SECURE_PROXY_SSL_HEADER below); without
# this every visitor would have the proxy's address and share one rate limit.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# prometheus-client writes each worker's counts to files there (and fails on every request
# if it cannot).
_metrics_directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if _metrics_directory and not (
    os.path.isdir(_metrics_directory) and os.access(_metrics_directory, os.W_OK)
):
    _refuse(
        "PROMETHEUS_MULTIPROC_DIR must be an existing directory the app servers can write "
        "to (empty it before gunicorn starts)."
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "samskab.core.static_storage.StaticFilesStorage"},
}
# Files with a content hash in their name are cached "forever" by WhiteNoise regardless;
# this is for the few requested by their plain name.
WHITENOISE_MAX_AGE = env.int("WHITENOISE_MAX_AGE", default=60 * 60 * 24)

# How long "keep me logged in" lasts. The cookie page reads this setting, so what it tells
# citizens stays true.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
