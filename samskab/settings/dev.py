"""Local development: DEBUG on, console email, SQLite in ./var unless DATABASE_URL says so."""

from .base import *  # noqa: F403
from .base import DATA_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

DATA_DIR.mkdir(parents=True, exist_ok=True)

# MitID: the test provider that `make run` starts (testidp/, on MITID_TEST_PORT), with its
# test persons listed on the login page.
MITID_TEST_PORT = env.int("MITID_TEST_PORT", default=8090)
MITID_ISSUER = env("MITID_ISSUER", default=f"http://127.0.0.1:{MITID_TEST_PORT}")
MITID_CLIENT_ID = env("MITID_CLIENT_ID", default="samskab")
MITID_CLIENT_SECRET = env("MITID_CLIENT_SECRET", default="samskab-test-secret")
MITID_IDENTITY_KEY = env("MITID_IDENTITY_KEY", default="dev-only-mitid-identity-key")
MITID_TEST_PROVIDER = env.bool("MITID_TEST_PROVIDER", default=True)

# Citizen proposals in the demo: two signatures reach the threshold, so a newcomer can take
# a new proposal all the way with the test persons (`voksen` and `nabo`). The demo's own
# proposals keep Esbjerg's 2,000.
PROPOSALS_THRESHOLD = env.int("PROPOSALS_THRESHOLD", default=2)

# The figures of the results follow a sign-up within a minute (the worker's round).
RESULTS_COMPUTE_MINUTES = env.int("RESULTS_COMPUTE_MINUTES", default=1)
