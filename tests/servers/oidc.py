"""The test MitID provider (testidp/: panva's oidc-provider, pinned in its package-lock.json)
as a real OpenID Connect server on 127.0.0.1 for tests. Installs its node packages with
``npm ci`` when they are missing, starts ``node testidp/server.mjs`` on a free port, waits
until it publishes its metadata, and stops it."""

import fcntl
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.servers.smtp import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
TESTIDP = PROJECT_DIR / "testidp"
CLIENT_ID = "samskab"
CLIENT_SECRET = "samskab-test-secret"
CALLBACK_PATH = "/mitid/callback/"


def persons() -> dict[str, dict]:
    """The test persons (login -> claims and age) of testidp/persons.json."""
    return json.loads((TESTIDP / "persons.json").read_text())


def age_of(login: str) -> int:
    return persons()[login]["age"]


def ensure_installed() -> None:
    """``npm ci`` in testidp/ unless its packages are there (as `make test` does first)."""
    installed = TESTIDP / "node_modules" / "oidc-provider" / "package.json"
    if installed.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("The test MitID provider needs Node.js and npm (node 20 or later).")
    # Parallel test processes install once: the others wait for the lock and find it done.
    with open(TESTIDP / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not installed.exists():
            subprocess.run(
                [
                    npm,
                    "ci",
                    "--prefix",
                    str(TESTIDP),
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                ],
                check=True,
                timeout=300,
            )


class OidcProvider:
    """``start()``, ``stop()``; ``issuer`` once started. ``redirect_uris`` are the callback
    URLs it lets the client return to."""

    def __init__(self, redirect_uris, port: int | None = None):
        self.redirect_uris = list(redirect_uris)
        self.port = port or free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "OidcProvider":
        if self._process is not None:
            return self
        ensure_installed()
        environment = {
            **os.environ,
            "PORT": str(self.port),
            "ISSUER": self.issuer,
            "CLIENT_ID": self.client_id,
            "CLIENT_SECRET": self.client_secret,
            "REDIRECT_URIS": ",".join(self.redirect_uris),
        }
        self._process = subprocess.Popen(
            [shutil.which("node") or "node", str(TESTIDP / "server.mjs")],
            cwd=TESTIDP,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        metadata = f"{self.issuer}/.well-known/openid-configuration"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                error = self._process.stderr.read().decode(errors="replace")
                self._process = None
                raise RuntimeError(f"The test MitID provider stopped at start:\n{error}")
            try:
                if requests.get(metadata, timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"The test MitID provider did not answer at {metadata}.")

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=5)
        self._process.stderr.close()
        self._process = None

    def configure(self, settings) -> None:
        """Point Samskab's MITID_* settings at this provider."""
        settings.MITID_ISSUER = self.issuer
        settings.MITID_CLIENT_ID = self.client_id
        settings.MITID_CLIENT_SECRET = self.client_secret
        settings.MITID_SCOPES = "openid profile municipality"
        settings.MITID_PERSON_CLAIM = "sub"
        settings.MITID_BIRTHDATE_CLAIM = "birthdate"
        settings.MITID_MUNICIPALITY_CLAIM = "municipality_code"
        settings.MITID_TEST_PROVIDER = True
