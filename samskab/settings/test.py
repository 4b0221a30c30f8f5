"""Test settings: fast hashing, in-memory mail, no throttling surprises between tests."""

from .base import *  # noqa: F403
from .base import CACHES, Q_CLUSTER, env  # noqa: F401

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-not-for-production-use-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["*"]
# MitID is not configured unless a test starts the test provider (the mitid_provider fixture).
MITID_ISSUER = ""
MITID_IDENTITY_KEY = "test-only-mitid-identity-key"
MITID_TEST_PROVIDER = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run in the test's own process when its transaction commits, as a worker would at
# the earliest (samskab.core.tasks.enqueue); the queue's own path is tested on its own.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}

# The booking engine's tests book slots of a stand-in owner, and the tests of moderation
# and comments discuss a stand-in idea; only the tests install them.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.booking_owner", "tests.discussion_owner"]

# The calendar import's tests serve their calendars from a real server on 127.0.0.1, which
# the import otherwise refuses like any internal address (its own tests turn this off).
CALENDARS_ALLOW_LOOPBACK = True
