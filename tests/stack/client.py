"""A visitor and a load generator for the stack's fault tests, on the standard library only.

``Visitor`` keeps its cookies and never follows redirects, so a test sees every answer as it
was sent (a sign-up is acknowledged by its 302). ``run_load`` keeps ``connections``
visitors busy for a while and records every answer with the time it was sent.
"""

import http.client
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

HOST = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int  # 0: no answer (connection refused, reset, timed out)
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Visitor:
    """One browser: its own cookies, one request at a time, a fresh connection each."""

    def __init__(self, port: int, *, cookies: dict[str, str] | None = None, timeout=30.0):
        self.port = port
        self.cookies = dict(cookies or {})
        self.timeout = timeout

    def request(self, method: str, path: str, *, data: dict | None = None) -> Answer:
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                response.read(),
                {name.lower(): value for name, value in response.getheaders()},
            )
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            return answer
        except (OSError, http.client.HTTPException) as error:
            return Answer(0, error=f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Answer:
        return self.request("POST", path, data=data)

    def form_token(self, path: str) -> str:
        """The CSRF token of the form on ``path`` (and its cookie, kept)."""
        answer = self.get(path)
        found = CSRF_FIELD.search(answer.text)
        assert answer.status == 200 and found, f"no form on {path}: {answer.status}"
        return found.group(1)

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


@dataclass
class Sent:
    at: float  # time.monotonic() when sent
    seconds: float
    status: int
    label: str = ""
    error: str = ""


@dataclass
class Load:
    sent: list[Sent]
    seconds: float
    connections: int

    @property
    def requests_per_second(self) -> float:
        return len(self.sent) / self.seconds if self.seconds else 0.0

    def statuses(self) -> Counter:
        return Counter(item.status for item in self.sent)

    def failures(self, accepted=(200, 302)) -> list[Sent]:
        return [item for item in self.sent if item.status not in accepted]

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(item.seconds for item in self.sent)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] * 1000

    def summary(self, accepted=(200, 302)) -> dict:
        return {
            "connections": self.connections,
            "seconds": round(self.seconds, 1),
            "requests": len(self.sent),
            "requests_per_second": round(self.requests_per_second, 1),
            "failed": len(self.failures(accepted)),
            "statuses": dict(sorted(self.statuses().items())),
            "p50_ms": round(self.percentile_ms(0.5), 1),
            "p99_ms": round(self.percentile_ms(0.99), 1),
        }


def run_load(step, *, connections: int, seconds: float, stop: threading.Event | None = None):
    """Call ``step(connection_number)`` from ``connections`` threads, each again as soon as
    it returns, for ``seconds`` (or until ``stop`` is set). ``step`` returns an ``Answer``
    and a label, or None when it has nothing more to send."""
    stop = stop or threading.Event()
    lock = threading.Lock()
    sent: list[Sent] = []
    crashes: list[BaseException] = []
    started = time.monotonic()
    deadline = started + seconds

    def loop(number: int) -> None:
        try:
            while time.monotonic() < deadline and not stop.is_set():
                at = time.monotonic()
                outcome = step(number)
                if outcome is None:
                    return
                answer, label = outcome
                item = Sent(at, time.monotonic() - at, answer.status, label, answer.error)
                with lock:
                    sent.append(item)
        except BaseException as error:  # a bug in the test, not an answer: report it
            crashes.append(error)

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    if crashes:
        raise crashes[0]
    return Load(sorted(sent, key=lambda item: item.at), elapsed, connections)


def wait_for(condition, *, timeout: float, what: str):
    """``condition()``'s first true value, asked every 0.1 s for at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"Waited {timeout:.0f} s for {what}.")
