"""Settings shared by every environment. Values that differ per deployment come from the
environment (see README, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent

env = environ.Env()
# A developer may keep local values in .env; real deployments set the environment.
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATA_DIR = Path(env("SAMSKAB_DATA_DIR", default=str(PROJECT_DIR / "var")))

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'samskab.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a request writes; the timeout avoids "database is
    # locked" under the dev server's threads.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Our apps come before allauth so that their templates override allauth's.
    "samskab.core",
    "samskab.reference",
    "samskab.accounts",
    "samskab.vision",
    "samskab.booking",
    "samskab.organisations",
    "samskab.activities",
    "samskab.catalogue",
    "samskab.volunteering",
    "samskab.needs",
    "samskab.matching",
    "samskab.certificates",
    "samskab.childsafety",
    "samskab.visiting",
    "samskab.demo",
    "allauth",
    "allauth.account",
    "django_htmx",
    "csp",
    # Last, so that core's DKFDS versions of the form templates take precedence.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "samskab.core.middleware.PermissionsPolicyMiddleware",
    # Above the session, CSRF and authentication middleware, so that on the way out it
    # sees their cookies and Vary: Cookie, and who is logged in.
    "samskab.core.middleware.PrivateCacheMiddleware",
    # Before the session: drops a cookie no field can hold; refuses too large a body before
    # it is read and input no text column can hold (core/middleware.py).
    "samskab.core.middleware.RequestInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "samskab.urls"
WSGI_APPLICATION = "samskab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskab.core.context_processors.site",
            ],
        },
    },
]

# Forms render through templates, so core's DKFDS field markup applies to every form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:my_account"

ACCOUNT_ADAPTER = "samskab.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Our subclasses of allauth's forms: DKFDS labels instead of placeholders, plain-text hints,
# and the optional display name at sign-up.
ACCOUNT_FORMS = {
    "login": "samskab.accounts.forms.LoginForm",
    "signup": "samskab.accounts.forms.SignupForm",
    "add_email": "samskab.accounts.forms.AddEmailForm",
    "change_password": "samskab.accounts.forms.ChangePasswordForm",
    "set_password": "samskab.accounts.forms.SetPasswordForm",
    "reset_password": "samskab.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "samskab.accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "samskab.accounts.forms.ReauthenticateForm",
    "confirm_reauthentication_code": "samskab.accounts.forms.ConfirmReauthenticationCodeForm",
}
# Failed logins are throttled per IP and per account (allauth keeps the counters in the
# cache); sign-up and reset mails are throttled so they cannot be used to flood an inbox.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "da"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("da",)
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Request size ----------------------------------------------------------------------
# A request with a larger body is refused (413) before it is read (core.middleware). The
# forms keep their own, smaller limits and messages (a logo may be at most 2 MB).
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# Form fields without the files (Django's default, 2.5 MB, is far more than any form).
DATA_UPLOAD_MAX_MEMORY_SIZE = min(1024 * 1024, MAX_UPLOAD_BYTES)
# An uploaded file larger than this is written to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- Email -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samskab <noreply@samskab.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds to wait for the mail server before giving up, so that one that never answers
# cannot hold a request (or a worker) for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Cache -----------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds that visitors' pages (and the catalogue's result regions) stay cached; every
# change to what they show forgets them at once. 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
CATALOGUE_RESULTS_CACHE_SECONDS = env.int("CATALOGUE_RESULTS_CACHE_SECONDS", default=60)

# --- Security --------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, denied to the site and anything it might embed (sent by
# core.middleware.PermissionsPolicyMiddleware). No page asks for the position today; a map
# "near me" would need "geolocation": ["self"].
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    )
}
# The health endpoints answer over plain HTTP when SECURE_SSL_REDIRECT is on (production),
# so a load balancer can probe an app server on loopback.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# Everything a page loads comes from this origin; no inline script or style is allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Map ---------------------------------------------------------------------------------
# Tiles are off by default: no request leaves for another origin, and the map shows markers
# on a plain background. A configured tile server is added to the map page's CSP img-src.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")

# --- Booking ---------------------------------------------------------------------------
# Absolute links in emails sent by background work, where there is no request to build from.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
BOOKING_OFFER_HOURS = env.int("BOOKING_OFFER_HOURS", default=12)
BOOKING_REMINDER_BEFORE = timedelta(hours=env.int("BOOKING_REMINDER_HOURS", default=24))
BOOKING_GUEST_CONFIRMATION_HOURS = env.int("BOOKING_GUEST_CONFIRMATION_HOURS", default=72)

# --- Børneattest (child protection certificate) rule -------------------------------------
# Needed when a volunteer helps with children under 15 more than this many days within the
# window, or more than this many days in a row.
CHILDSAFETY_MAX_DAYS_IN_WINDOW = env.int("CHILDSAFETY_MAX_DAYS_IN_WINDOW", default=3)
CHILDSAFETY_WINDOW_MONTHS = env.int("CHILDSAFETY_WINDOW_MONTHS", default=3)
CHILDSAFETY_MAX_CONSECUTIVE_DAYS = env.int("CHILDSAFETY_MAX_CONSECUTIVE_DAYS", default=4)
CHILDSAFETY_APPROVAL_VALID_FOR = timedelta(
    days=env.int("CHILDSAFETY_APPROVAL_VALID_DAYS", default=730)
)
CHILDSAFETY_RETENTION = timedelta(days=env.int("CHILDSAFETY_RETENTION_DAYS", default=730))

# --- The municipality ------------------------------------------------------------------
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Esbjerg Kommune")
MUNICIPALITY_CONTACT_EMAIL = env("MUNICIPALITY_CONTACT_EMAIL", default="samskab@esbjerg.dk")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every font and stylesheet it loads at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
