"""Local development: DEBUG on, console email, SQLite in ./var unless DATABASE_URL says so."""

from .base import *  # noqa: F403
from .base import DATA_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

DATA_DIR.mkdir(parents=True, exist_ok=True)
