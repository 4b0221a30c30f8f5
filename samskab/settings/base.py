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
# A kept connection is checked before a request uses it, so one the database closed (a
# restart, a failover) is replaced instead of failing that request.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a request writes; the timeout avoids "database is
    # locked" under the dev server's threads.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            # Take the write lock when a transaction starts: the web server and the
            # background worker write from several processes, and a transaction that first
            # reads and then tries to upgrade its lock would fail at once instead of waiting.
            "transaction_mode": "IMMEDIATE",
        }
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
    "samskab.notifications",
    "samskab.moderation",
    "samskab.comments",
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
    "samskab.ideas",
    "samskab.mitid",
    "samskab.proposals",
    "samskab.calendars",
    "samskab.opendata",
    "samskab.openactive",
    "samskab.api",
    # Above the vision in the layers; listed late so its demo (two years of history made
    # with the feature apps' rows) loads after theirs.
    "samskab.results",
    "samskab.demo",
    "allauth",
    "allauth.account",
    "django_htmx",
    "csp",
    "django_q",
    "django_guid",
    # Django REST framework itself is not installed as an app: the API renders only JSON
    # (no browsable API: its templates and static files are not needed), and its Danish
    # catalogue would replace Django's wording of messages every form shows ("Enter a
    # valid email address.").
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    # Last, so that core's DKFDS versions of the form templates take precedence.
    "django.forms",
]

MIDDLEWARE = [
    # First, so that every log record of a request carries its id (core/middleware.py).
    "samskab.core.middleware.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "samskab.core.middleware.PermissionsPolicyMiddleware",
    # Below the security headers, so that the static files it serves get them too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session, CSRF and authentication middleware, so that on the way out it
    # sees their cookies and Vary: Cookie, and who is logged in.
    "samskab.core.middleware.PrivateCacheMiddleware",
    # A view that finds the database unreachable answers 503 "try again in a moment",
    # never the 500 page (core/outage.py).
    "samskab.core.outage.DatabaseOutageMiddleware",
    # Before the session: drops a cookie no field can hold; refuses too large a body before
    # it is read and input no text column can hold (core/middleware.py).
    "samskab.core.middleware.RequestInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # A form page shown again because a rate limit refused it answers 429 (core/limits.py).
    "samskab.core.limits.LimitStatusMiddleware",
    # Last: what apps fill into a page when it is served (the places left on cards).
    "samskab.core.middleware.PageFillersMiddleware",
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

# Forms render through templates, so core's DKFDS field markup applies to every form; the
# common widgets are written in Python with the same markup (samskab/core/widget_renderer.py).
FORM_RENDERER = "samskab.core.widget_renderer.FormRenderer"

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
# allauth counts failed logins per address and per account, and the resend pause of the
# confirmation email, in the cache. Logins, sign-ups and password resets are limited by
# core.limits in our forms instead (accounts/forms.py), so the form keeps what was typed.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "login": "",
    "signup": "",
    "reset_password": "",
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
# Emails wait in the outbox while the mail server fails, a minute after the first attempt,
# twice as long after each next one, at most an hour: 24 attempts span about 19 hours.
# Then staff see them as given up (and can send them again) for EMAIL_KEEP_FAILED_DAYS.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=24)
EMAIL_KEEP_FAILED_DAYS = env.int("EMAIL_KEEP_FAILED_DAYS", default=30)

# --- Background work ---------------------------------------------------------------
# One task queue (django-q2) with its broker in the project's own database: a task is
# enqueued in the same transaction as the change that causes it, so it is never lost and
# never runs for a change that was rolled back. One worker command, `manage.py worker`,
# runs the tasks and every feature's periodic tasks (samskab.core.tasks).
Q_CLUSTER = {
    "name": "samskab",
    "orm": "default",
    # Processes per worker machine; each runs one task at a time.
    "workers": env.int("WORKER_PROCESSES", default=2),
    # Seconds a task may run before it is stopped, and after which a task whose worker
    # died (and so never acknowledged it) is handed to another worker: retry > timeout.
    "timeout": env.int("TASK_TIMEOUT", default=240),
    "retry": env.int("TASK_RETRY", default=300),
    # A task that raised is recorded as failed (staff see it in the admin) rather than run
    # again at once; work that must be retried keeps its own state and backoff (emails,
    # alerts), so a retry never repeats what was already done.
    "ack_failures": True,
    "max_attempts": 3,
    "save_limit": 500,
    "catch_up": False,
    "poll": 0.5,
    "label": _("Background work"),
}

# --- Cache -----------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # Django's Redis backend, keeping its Redis client (core/redis_cache.py).
        "default": {
            "BACKEND": "samskab.core.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # Sessions are read from the shared cache and written through to the database, which
    # keeps them when the cache is emptied: a request by someone logged in reads no session
    # row.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds that visitors' pages (and the catalogue's result regions) stay cached; every
# change to what they show forgets them at once. 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
CATALOGUE_RESULTS_CACHE_SECONDS = env.int("CATALOGUE_RESULTS_CACHE_SECONDS", default=60)
# Seconds that each activity and opportunity card is kept (shared by every list that shows
# it). A change to what it shows forgets it at once, and a new release never shows an older
# one's, so with the shared Redis cache cards can live long; with a cache per process (no
# REDIS_URL) this bounds how long another process (the worker) can leave one stale.
# 0 turns it off.
CARD_CACHE_SECONDS = env.int("CARD_CACHE_SECONDS", default=3600 if REDIS_URL else 300)

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
# The health and metrics endpoints answer over plain HTTP when SECURE_SSL_REDIRECT is on
# (production), so a load balancer or Prometheus can ask an app server on loopback.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]

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

# --- Ideas ----------------------------------------------------------------------------
# The municipality's promise: an idea with this many supporters is answered within so many
# days (shown on the idea list; staff see what is due).
IDEAS_ANSWER_SUPPORTS = env.int("IDEAS_ANSWER_SUPPORTS", default=25)
IDEAS_ANSWER_DAYS = env.int("IDEAS_ANSWER_DAYS", default=60)
# --- Citizen proposals (borgerforslag) -------------------------------------------------
# Esbjerg's rules: 2,000 signatures of residents (municipality code 0561) aged 15 or more
# within 180 days put a proposal on the city council's agenda.
PROPOSALS_THRESHOLD = env.int("PROPOSALS_THRESHOLD", default=2000)
PROPOSALS_COLLECTION_DAYS = env.int("PROPOSALS_COLLECTION_DAYS", default=180)
PROPOSALS_MIN_AGE = env.int("PROPOSALS_MIN_AGE", default=15)
PROPOSALS_MUNICIPALITY_CODE = env.str("PROPOSALS_MUNICIPALITY_CODE", default="0561")
# Citizens who must stand behind a proposal with its author before it is submitted.
PROPOSALS_CO_PROPOSERS = env.int("PROPOSALS_CO_PROPOSERS", default=0)
# The municipality promises the formal check within so many days of submission.
PROPOSALS_CHECK_DAYS = env.int("PROPOSALS_CHECK_DAYS", default=14)
# Signers' identity hashes are deleted so many days after the proposal ended (decided,
# expired, withdrawn or rejected); the counts stay.
PROPOSALS_KEEP_IDENTITIES_DAYS = env.int("PROPOSALS_KEEP_IDENTITIES_DAYS", default=90)
# --- Moderation and comments -----------------------------------------------------------
# Reports (since the last decision) that hide an item until staff have looked at it.
MODERATION_REPORTS_TO_HIDE = env.int("MODERATION_REPORTS_TO_HIDE", default=3)
# Words (or phrases; "word*" also matches words that begin with it) that make a new post
# wait for staff before it is published; comma-separated in the environment.
MODERATION_HELD_WORDS = env.list("MODERATION_HELD_WORDS", default=[])
# How often one person may report, and post comments ("10/10m": ten per ten minutes).
MODERATION_REPORT_RATE = env("MODERATION_REPORT_RATE", default="20/h")
COMMENTS_POST_RATE = env("COMMENTS_POST_RATE", default="10/10m")
# Minutes after posting during which the author may edit a comment.
COMMENTS_EDIT_MINUTES = env.int("COMMENTS_EDIT_MINUTES", default=15)

# --- Results (indicators of the vision) ----------------------------------------------------
# A figure resting on fewer people (or things) than this is published as "fewer than N".
RESULTS_SMALL_COUNT = env.int("RESULTS_SMALL_COUNT", default=5)
# Days after a period ends before its figures are final (late attendance and hours count).
RESULTS_FREEZE_DAYS = env.int("RESULTS_FREEZE_DAYS", default=7)
# Minutes between the background worker's updates of the open periods.
RESULTS_COMPUTE_MINUTES = env.int("RESULTS_COMPUTE_MINUTES", default=5)
# Days from posting within which a need must have all its people to count as covered in time.
RESULTS_NEEDS_COVERED_DAYS = env.int("RESULTS_NEEDS_COVERED_DAYS", default=7)

# --- Calendars imported from organisations (iCalendar addresses) -------------------------
# Minutes between two fetches of one calendar by the background worker.
CALENDARS_FETCH_MINUTES = env.int("CALENDARS_FETCH_MINUTES", default=60)
# Events from this many days back to this many days ahead are read; those that have not
# started become or change sessions. The window moves forward with every fetch.
CALENDARS_WINDOW_PAST_DAYS = env.int("CALENDARS_WINDOW_PAST_DAYS", default=1)
CALENDARS_WINDOW_DAYS = env.int("CALENDARS_WINDOW_DAYS", default=180)
# Limits of one fetch: bytes read (after decompression), seconds in all, occurrences in the
# window.
CALENDARS_MAX_BYTES = env.int("CALENDARS_MAX_BYTES", default=2 * 1024 * 1024)
CALENDARS_TIMEOUT = env.int("CALENDARS_TIMEOUT", default=20)
CALENDARS_MAX_OCCURRENCES = env.int("CALENDARS_MAX_OCCURRENCES", default=2000)
# Calendars are never fetched from loopback, private or other internal addresses. Only the
# test settings allow loopback (their calendar server runs on 127.0.0.1); it is not read from
# the environment, and production settings refuse it.
CALENDARS_ALLOW_LOOPBACK = False

# --- MitID (through an identity broker, over OpenID Connect) -------------------------------
# A person proves who they are (e.g. to sign a citizen proposal without an account). Without
# an issuer MitID is not configured and the pages say it cannot be used now.
MITID_ISSUER = env("MITID_ISSUER", default="")
MITID_CLIENT_ID = env("MITID_CLIENT_ID", default="")
MITID_CLIENT_SECRET = env("MITID_CLIENT_SECRET", default="")
MITID_SCOPES = env("MITID_SCOPES", default="openid profile municipality")
# Which claims of the verified ID token hold the person's identifier, birthdate
# (YYYY-MM-DD) and municipality code.
MITID_PERSON_CLAIM = env("MITID_PERSON_CLAIM", default="sub")
MITID_BIRTHDATE_CLAIM = env("MITID_BIRTHDATE_CLAIM", default="birthdate")
MITID_MUNICIPALITY_CLAIM = env("MITID_MUNICIPALITY_CLAIM", default="municipality_code")
# The key of the keyed hash that stands for a person: never their identifier in clear.
# A secret of its own (production requires it, different from SECRET_KEY).
MITID_IDENTITY_KEY = env("MITID_IDENTITY_KEY", default="")
# How long a proven identity counts in the session.
MITID_VERIFIED_MINUTES = env.int("MITID_VERIFIED_MINUTES", default=10)
# Seconds to wait for the broker (metadata, keys, token).
MITID_TIMEOUT = env.int("MITID_TIMEOUT", default=10)
# The issuer is the test provider of testidp/: the login page lists its test persons.
MITID_TEST_PROVIDER = env.bool("MITID_TEST_PROVIDER", default=False)

# --- The municipality ------------------------------------------------------------------
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Esbjerg Kommune")
MUNICIPALITY_CONTACT_EMAIL = env("MUNICIPALITY_CONTACT_EMAIL", default="samskab@esbjerg.dk")
# The open data's publisher (its web address) and the municipality's four-digit code, in
# the DCAT-AP-DK description of /data/ (samskab/opendata/conf.py).
OPENDATA_PUBLISHER_URI = env("OPENDATA_PUBLISHER_URI", default="https://www.esbjerg.dk/")
OPENDATA_MUNICIPALITY_CODE = env("OPENDATA_MUNICIPALITY_CODE", default="0561")

# --- Operations ----------------------------------------------------------------------------
# Logs: one record per line on stdout, each with the id of the request it was written in
# (core.middleware.RequestIdMiddleware): "json" (one object per line, production's default)
# or "text".
LOG_FORMAT = env("LOG_FORMAT", default="text")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "EXPOSE_HEADER": False}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        }
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message", "request_id"],
            "rename_fields": {"levelname": "level"},
            "timestamp": "time",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint reports every font and stylesheet it loads at INFO, django-guid every
        # id it generates, the task queue every task it enqueues and runs (its failures
        # are errors, and stay).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
        "django-q": {"level": "WARNING"},
    },
}
# Prometheus metrics at /metrics (core.metrics), for whoever sends
# "Authorization: Bearer <METRICS_TOKEN>"; without a token the address does not exist.
# With several worker processes, PROMETHEUS_MULTIPROC_DIR (an environment variable read by
# prometheus-client itself) makes each answer count every worker.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# Rate limits (core.limits) count in the default cache: one count for all app servers when
# that is the shared Redis (production requires REDIS_URL). Clients are told apart by
# address; behind TRUSTED_PROXY_COUNT proxies that each add to X-Forwarded-For, the address
# the outermost one saw.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "samskab.core.limits.client_ip"
# A count the cache cannot give (it is down) lets the request through: limits must not
# turn a cache outage into refusing everyone.
RATELIMIT_FAIL_OPEN = True

# --- The API (samskab.api) --------------------------------------------------------------
# Reads under /api/v1/ are public; organisations' systems write with OAuth2 client
# credentials. Throttles count in the default cache (one count for every app server when
# that is the shared Redis), anonymous clients by address (TRUSTED_PROXY_COUNT), API
# clients by client.
API_ANON_RATE = env("API_ANON_RATE", default="120/min")
API_CLIENT_RATE = env("API_CLIENT_RATE", default="600/min")
# Seconds an access token from the token endpoint is valid.
API_TOKEN_SECONDS = env.int("API_TOKEN_SECONDS", default=3600)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["samskab.api.auth.ApiClientAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["samskab.api.parsers.StorableJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "samskab.api.throttling.AnonymousThrottle",
        "samskab.api.throttling.ClientThrottle",
    ],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_PAGINATION_CLASS": "samskab.api.pagination.Cursor",
    # OPTIONS answers 405: the OpenAPI description says what each endpoint takes.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "samskab.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": False,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samskab API",
    "DESCRIPTION": (
        "Public read access to the activities, volunteering, needs, ideas, citizen proposals, "
        "initiatives and results of the platform, and organisations' write access to their "
        "own activities and sessions (OAuth2 client credentials). Translated texts are "
        "objects with a Danish (`da`) and an English (`en`) value; `en` is null when not "
        "translated. Errors are RFC 9457 problem details (`application/problem+json`)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    # Swagger UI and its assets from our own static files (drf-spectacular-sidecar).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links, whose anchors inside the operations' buttons are nested
    # interactive controls (WCAG).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "tryItOutEnabled": False},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samskab.api.schema.add_problem_responses",
    ],
}
# django-oauth-toolkit's own models (swappable; named so that migrations can refer to them).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": API_TOKEN_SECONDS,
    "SCOPES_BACKEND_CLASS": "samskab.api.auth.ClientScopes",
    # The OAuth 2.0 Security BCP (RFC 9700) throughout: tokens stored hashed, accepted only
    # in the Authorization header; the grants and redirects it forbids are off (only the
    # client credentials grant is used).
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # What an organisation's client may be given (samskab.api.scopes says what each allows).
    "SCOPES": {
        "activities:read": "Read the organisation's own activities and sessions",
        "activities:write": "Create, change and delete the organisation's activities and sessions",
    },
}
