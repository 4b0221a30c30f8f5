"""Production: everything security-relevant is on, and the process refuses to start when
the environment is unsafe or incomplete. Each refusal says which variable to set and how."""

from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, env


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

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
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
