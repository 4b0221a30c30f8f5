"""Benchmark settings (bench/load.py): production-like — DEBUG off, compressed static files
served by WhiteNoise, persistent database connections, templates cached — but
served over plain HTTP on 127.0.0.1 only, with a fixed key and email kept in memory, and
the bench's extra "framework floor" view (bench/urls.py). Never use these to serve a site."""

from .base import *  # noqa: F403
from .base import DATA_DIR, env

DEBUG = False
SECRET_KEY = "bench-only-key-not-secret-never-serve-a-site-with-it-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {
    "default": env.db(
        "BENCH_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/samskab_bench"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = 600
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = DATA_DIR / "bench-static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "samskab.core.static_storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# bench/queue_bench.py sends to a real SMTP server of its own.
if env("BENCH_EMAIL_URL", default=""):
    vars().update(env.email_url("BENCH_EMAIL_URL"))
SECURE_SSL_REDIRECT = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
