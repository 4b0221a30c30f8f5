"""Fetching a calendar from an address an organisation typed, safely.

The address is the organisation's to choose, so the fetch must not become a way to reach
what only the server can reach (the cloud's metadata service, the database, an admin page
on the internal network):

- only http, https and webcal (fetched as https);
- the host name is resolved when the connection is made, every address it resolves to is
  checked, and the connection goes to a checked address: a name that resolves to a
  loopback, private, link-local, shared, multicast, reserved or unspecified address is
  refused, and so is a second answer of the DNS that differs from the first (nothing is
  resolved twice);
- redirects are followed by hand, at most ``conf.max_redirects()``, each new address
  checked the same way;
- no proxy from the environment (a proxy would make the request in our place);
- at most ``conf.max_bytes()`` read (after decompression), streamed, and the whole fetch
  stops after ``conf.timeout_seconds()``, however slowly the server sends;
- conditional GET: the ETag and Last-Modified of the last answer are sent back, and "304
  Not Modified" is a normal answer.

Only the test settings allow loopback (``CALENDARS_ALLOW_LOOPBACK``: the tests' calendar
server listens on 127.0.0.1); production settings refuse it.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError, ReadTimeoutError
from urllib3.util import connection as urllib3_connection

from samskab.calendars import conf
from samskab.calendars.errors import CalendarError
from samskab.core.text import is_whole_number

SCHEMES = {"http": "http", "https": "https", "webcal": "https", "webcals": "https"}
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """A calendar server's answer: ``status`` 200 with ``body``, or 304 without."""

    status: int
    body: bytes
    etag: str
    last_modified: str
    url: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def normalise_url(url: str) -> str:
    """The address to fetch: ``webcal://`` becomes ``https://``; any other scheme than
    http, https and webcal is refused (``CalendarError("scheme")``)."""
    parts = urlsplit(url.strip())
    scheme = SCHEMES.get(parts.scheme.lower())
    if scheme is None or not parts.hostname:
        raise CalendarError("scheme")
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))


def address_allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether Samskab may connect to this address: only global unicast addresses (and
    loopback when the test settings allow it)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return conf.allow_loopback()
    return address.is_global and not address.is_multicast


def literal_address(host: str):
    """The IP address a host name is written as, or None for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def resolve(host: str, port: int) -> list[tuple[int, str]]:
    """Every (family, address) the host resolves to, for TCP."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys((family, sockaddr[0]) for family, _, _, _, sockaddr in answers))


def checked_addresses(host: str, port: int) -> list[tuple[int, str]]:
    """Resolve ``host`` and check every address; raises ``CalendarError("blocked_address")``
    if any of them may not be reached, so that a name answering with a public and a private
    address cannot be used to reach the private one."""
    host = host.strip("[]")
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as error:
        raise CalendarError("name_not_found", host=host) from error
    if not addresses:
        raise CalendarError("name_not_found", host=host)
    for _family, address in addresses:
        if not address_allowed(ipaddress.ip_address(address.split("%")[0])):
            raise CalendarError("blocked_address", host=host)
    return addresses


def _guarded_socket(connection: HTTPConnection) -> socket.socket:
    """Open the connection's socket to a checked address of its host (urllib3's
    ``_new_conn``, with the check between resolving and connecting)."""
    last_error: OSError | None = None
    for _family, address in checked_addresses(connection._dns_host, connection.port):
        try:
            return urllib3_connection.create_connection(
                (address, connection.port),
                connection.timeout,
                source_address=connection.source_address,
                socket_options=connection.socket_options,
            )
        except TimeoutError as error:
            raise ConnectTimeoutError(connection, f"Connection to {address} timed out.") from error
        except OSError as error:
            last_error = error
    raise NewConnectionError(connection, f"Failed to establish a new connection: {last_error}")


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _guarded_socket(self)


class _GuardedHTTPSConnection(HTTPSConnection):
    # TLS is set up on top of this socket with the host name, so the certificate is still
    # checked against the name and not the address.
    def _new_conn(self) -> socket.socket:
        return _guarded_socket(self)


class _GuardedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPConnectionPool,
            "https": _GuardedHTTPSConnectionPool,
        }


def _session() -> requests.Session:
    session = requests.Session()
    # Proxies named in the environment would connect in our place, past the check.
    session.trust_env = False
    session.proxies = {}
    adapter = _GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _status_error(status: int) -> CalendarError:
    if status in (404, 410):
        return CalendarError("not_found", status=status)
    if status in (401, 403):
        return CalendarError("forbidden", status=status)
    if status >= 500:
        return CalendarError("server_error", status=status)
    return CalendarError("http_status", status=status)


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """Fetch the calendar at ``url`` under the rules above. Raises ``CalendarError``."""
    url = normalise_url(url)
    limit = conf.max_bytes()
    seconds = conf.timeout_seconds()
    deadline = time.monotonic() + seconds
    headers = {
        "Accept": "text/calendar, text/plain;q=0.5, */*;q=0.1",
        "User-Agent": "Samskab calendar import",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise CalendarError("timeout", seconds=round(seconds))
        return left

    with _session() as session:
        for _hop in range(conf.max_redirects() + 1):
            host = urlsplit(url).hostname or ""
            try:
                response = session.get(
                    url, headers=headers, stream=True, allow_redirects=False, timeout=remaining()
                )
            except requests.Timeout as error:
                raise CalendarError("timeout", seconds=round(seconds)) from error
            except requests.RequestException as error:
                raise CalendarError("connection", host=host) from error
            with response:
                if response.status_code in REDIRECTS and response.headers.get("Location"):
                    url = normalise_url(urljoin(url, response.headers["Location"]))
                    continue
                if response.status_code == 304:
                    return Fetched(304, b"", etag, last_modified, url)
                if response.status_code != 200:
                    raise _status_error(response.status_code)
                declared = response.headers.get("Content-Length", "")
                if is_whole_number(declared) and int(declared) > limit:
                    raise CalendarError("too_large", megabytes=_megabytes(limit))
                body = _read_limited(response, limit, remaining, host, seconds)
                return Fetched(
                    200,
                    body,
                    response.headers.get("ETag", ""),
                    response.headers.get("Last-Modified", ""),
                    url,
                )
    raise CalendarError("too_many_redirects")


def _read_limited(response, limit: int, remaining, host: str, seconds: float) -> bytes:
    """The body, decompressed, read one network read at a time: each read may wait at most
    the time left, so a server that sends a byte now and then is still stopped at the
    deadline, and reading stops as soon as the body passes ``limit``."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            _set_read_timeout(response, remaining())
            chunk = response.raw.read1(CHUNK_BYTES, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise CalendarError("too_large", megabytes=_megabytes(limit))
            chunks.append(chunk)
    except (TimeoutError, ReadTimeoutError) as error:
        raise CalendarError("timeout", seconds=round(seconds)) from error
    except (OSError, HTTPError) as error:
        raise CalendarError("connection", host=host) from error
    return b"".join(chunks)


def _set_read_timeout(response, seconds: float) -> None:
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(seconds)


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g}"
