"""Loopback is for the tests' calendar server only: production refuses to start with it,
and nothing but the test settings turns it on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "samskab.settings.production",
    "SECRET_KEY": "q8Zr-4kWmT1xVn7pB3yLc9dHs0fGa6uJo2E_tRwYbNmKjHgFdSaPlX",
    "ALLOWED_HOSTS": "samskab.example.org",
    "DATABASE_URL": "sqlite:////tmp/calendars-settings.sqlite3",
    "EMAIL_URL": "smtp+tls://samskab:mail-password@127.0.0.1:587",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEBUG": "False",
}


def check(**extra):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PYTEST_", "CALENDARS_"))
    }
    env.update(PRODUCTION, **extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_loopback_calendars():
    result = check(CALENDARS_ALLOW_LOOPBACK="True")
    assert result.returncode != 0
    assert "CALENDARS_ALLOW_LOOPBACK is for the tests only" in result.stderr


def test_production_starts_without_it_and_keeps_it_off():
    result = check()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", ["base", "dev", "production"])
def test_only_the_test_settings_allow_loopback(module):
    source = (PROJECT_DIR / "samskab" / "settings" / f"{module}.py").read_text()
    assert "CALENDARS_ALLOW_LOOPBACK = True" not in source
