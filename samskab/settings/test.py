"""Test settings: fast hashing, in-memory mail, no throttling surprises between tests."""

from .base import *  # noqa: F403
from .base import CACHES, env  # noqa: F401

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-not-for-production-use-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The booking engine's tests book slots of a stand-in owner; only the tests install it.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.booking_owner"]
