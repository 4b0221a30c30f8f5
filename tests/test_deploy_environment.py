"""deploy/samskab.env.example names every variable production settings require: with its
placeholder secret replaced, `manage.py check --deploy` passes on it alone. (The stack's
fault tests, tests/stack, run the rest of deploy/.)"""

import os
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT_DIR / "deploy" / "samskab.env.example"


def example_environment() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            # Quoted as a shell (and systemd) reads it.
            values[name.strip()] = " ".join(shlex.split(value))
    return values


def test_the_example_environment_is_complete_for_production(tmp_path):
    example = example_environment()
    assert example["DJANGO_SETTINGS_MODULE"] == "samskab.settings.production"
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in ("PATH", "HOME", "LANG", "PYTHONPATH")
    }
    environment.update(example)
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    environment["SAMSKAB_DATA_DIR"] = str(tmp_path)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr + result.stdout
