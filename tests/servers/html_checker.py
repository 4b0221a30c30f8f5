"""The W3C Nu Html Checker (vnu.jar from npm's vnu-jar, pinned in tools/vnu/package-lock.json)
as a real server on 127.0.0.1 for tests: ``errors(html)`` posts a page and returns what it
finds wrong. Installs the package with ``npm ci`` when it is missing (as `make test` does
first) and needs Java 11 or later."""

import fcntl
import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.servers.smtp import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
TOOL_DIR = PROJECT_DIR / "tools" / "vnu"
JAR = TOOL_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def ensure_installed() -> None:
    if JAR.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("The HTML checker is installed with npm (Node.js 20 or later).")
    # Parallel test processes install once: the others wait for the lock and find it done.
    with open(TOOL_DIR / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not JAR.exists():
            # Without its install script, which would download a Java runtime when it finds
            # none: Java comes from the system.
            subprocess.run(
                [
                    npm,
                    "ci",
                    "--prefix",
                    str(TOOL_DIR),
                    "--ignore-scripts",
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error",
                ],
                check=True,
                timeout=300,
            )


class HtmlChecker:
    """``start()``, ``errors(html)``, ``stop()``."""

    def __init__(self, java: str, port: int | None = None):
        self.java = java
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "HtmlChecker":
        ensure_installed()
        self._process = subprocess.Popen(
            [
                self.java,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(JAR),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                raise RuntimeError("The HTML checker stopped at start.")
            try:
                if requests.get(self.url, timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"The HTML checker did not answer at {self.url}.")

    def messages(self, html: str) -> list[dict]:
        response = requests.post(
            self.url,
            params={"out": "json"},
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()["messages"]

    def errors(self, html: str) -> list[str]:
        """What the checker calls an error (or a fatal one), each as
        "line N: message: «the markup around it»"."""
        return [
            f"line {message.get('lastLine', '?')}: {message['message']}"
            + (f": «{' '.join(message['extract'].split())}»" if message.get("extract") else "")
            for message in self.messages(html)
            if message["type"] in ("error", "non-document-error")
        ]

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=5)
        self._process = None
