"""Samskab's production arrangement on this machine's loopback: to try it, and for the fault
tests (tests/stack, ``make stack-test``).

    deploy/stack up        start everything, print the address, and return
    deploy/stack status    what runs, and whether the site answers through the proxy
    deploy/stack down      stop everything and delete the stack's directory

What runs, each on its own port of 127.0.0.1 (from STACK_PORT_BASE, default 47300, so it
never meets the machine's own services):

- its own PostgreSQL 15 cluster (initdb in the stack's directory, run as ``postgres``),
- its own Redis (the shared cache) and an SMTP server that keeps every email in a Maildir,
- ``migrate``, ``collectstatic`` and ``load_demo`` under the production settings,
- two gunicorn app servers (deploy/gunicorn.conf.py) and two background workers,
- nginx in front (Debian's package, installed with apt when missing), with the
  operators' proxy settings (deploy/nginx/samskab-proxy.conf), serving uploads itself.

Everything lives in one directory (``var/stack`` for ``up``, a temporary one for tests):
the database, the uploads, the mail, every log (``logs/``). From Python::

    with Stack() as stack:          # started; stopped and deleted at the end, whatever happens
        stack.proxy_url("/")
        stack.kill("app1")          # SIGKILL an app server (and its workers)
        stack.restart_postgres(down_seconds=3)

Only the standard library: the script must start on a machine where little else works.
"""

import argparse
import contextlib
import http.client
import json
import mailbox
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG_BIN = Path(os.environ.get("STACK_PG_BIN", "/usr/lib/postgresql/15/bin"))
DEFAULT_PORT_BASE = 47300
DEFAULT_DIRECTORY = ROOT / "var" / "stack"

# The background worker's command (after ``manage.py``): one line to change when the
# worker command changes.
WORKER_COMMAND = ["worker"]

# Variables of the calling shell that would point the stack elsewhere (CI exports some).
_NOT_INHERITED = {
    "ADMINS",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_URL",
    "MEDIA_ROOT",
    "REDIS_URL",
    "SAMSKAB_DATA_DIR",
    "SECRET_KEY",
    "SITE_URL",
}


class StackError(RuntimeError):
    pass


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@dataclass
class Ports:
    proxy: int
    postgres: int
    redis: int
    smtp: int
    app_servers: list[int]

    @classmethod
    def from_base(cls, base: int, app_servers: int) -> "Ports":
        return cls(
            proxy=base,
            postgres=base + 1,
            redis=base + 2,
            smtp=base + 3,
            app_servers=[base + 10 + number for number in range(1, app_servers + 1)],
        )

    def all(self) -> list[int]:
        return [self.proxy, self.postgres, self.redis, self.smtp, *self.app_servers]


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def http_get(port: int, path: str, *, timeout: float = 5.0) -> tuple[int, bytes]:
    """(status, body) of a GET to 127.0.0.1:port; status 0 when nothing answers."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        connection.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Stack:
    def __init__(
        self,
        directory: Path | None = None,
        *,
        port_base: int | None = None,
        app_servers: int = 2,
        workers: int = 2,
        web_workers: int = 2,
        extra_env: dict[str, str] | None = None,
        keep: bool = False,
    ):
        self.temporary = directory is None
        self.directory = Path(directory or tempfile.mkdtemp(prefix="samskab-stack-"))
        base = port_base or int(os.environ.get("STACK_PORT_BASE", DEFAULT_PORT_BASE))
        self.ports = Ports.from_base(base, app_servers)
        self.workers = workers
        self.web_workers = web_workers
        self.extra_env = dict(extra_env or {})
        self.keep = keep
        self.secret_key = secrets.token_urlsafe(50)
        self.pids: dict[str, int] = {}
        self._children: dict[str, subprocess.Popen] = {}
        self.postgres_started = False
        # Seconds each step of start() took, for the curious and for CI's log.
        self.timings: dict[str, float] = {}

    # --- where things are ----------------------------------------------------------------

    @property
    def logs(self) -> Path:
        return self.directory / "logs"

    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    @property
    def media_root(self) -> Path:
        return self.data_dir / "media"

    @property
    def maildir(self) -> Path:
        return self.directory / "mail"

    @property
    def postgres_dir(self) -> Path:
        return self.directory / "postgres"

    @property
    def state_file(self) -> Path:
        return self.directory / "stack.json"

    def database_url(self, name: str = "samskab") -> str:
        return f"postgres://postgres@{HOST}:{self.ports.postgres}/{name}"

    def proxy_url(self, path: str = "/") -> str:
        return f"http://{HOST}:{self.ports.proxy}{path}"

    def env(self) -> dict[str, str]:
        """The environment of every app server, worker and manage.py command."""
        env = {key: value for key, value in os.environ.items() if key not in _NOT_INHERITED}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "samskab.settings.production",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": f"{HOST},localhost",
                # Plain HTTP on loopback: no redirect to HTTPS (the cookies stay Secure).
                "SECURE_SSL_REDIRECT": "False",
                "DATABASE_URL": self.database_url(),
                "REDIS_URL": f"redis://{HOST}:{self.ports.redis}/0",
                "EMAIL_URL": f"smtp://{HOST}:{self.ports.smtp}",
                "SITE_URL": self.proxy_url("").rstrip("/"),
                "SAMSKAB_DATA_DIR": str(self.data_dir),
                "GUNICORN_WORKERS": str(self.web_workers),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        return env

    # --- starting and stopping ---------------------------------------------------------------

    def __enter__(self) -> "Stack":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> "Stack":
        busy = [port for port in self.ports.all() if not port_is_free(port)]
        if busy:
            raise StackError(
                f"Ports {busy} of 127.0.0.1 are taken (another stack?). "
                "Stop it (deploy/stack down) or choose others with STACK_PORT_BASE."
            )
        try:
            with self._timed("postgres, redis, smtp"):
                self._prepare_directory()
                self.start_postgres(initialise=True)
                self._spawn("redis", self._redis_command())
                self._spawn("smtp", self._smtp_command())
                self._wait_for_port(self.ports.redis, "redis")
                self._wait_for_port(self.ports.smtp, "smtp")
            self._prepare_site()
            with self._timed("app servers"):
                for number in range(1, len(self.ports.app_servers) + 1):
                    self.start_app_server(number)
            with self._timed("workers, nginx"):
                for number in range(1, self.workers + 1):
                    self.start_worker(number)
                self.start_proxy()
        except BaseException:
            self.stop()
            raise
        return self

    @contextlib.contextmanager
    def _timed(self, step: str):
        started = time.monotonic()
        yield
        self.timings[step] = round(time.monotonic() - started, 1)

    def stop(self) -> None:
        """Stop everything (the proxy first, the database last); delete the directory
        unless it is kept. Safe to call twice, and after a failed start."""
        order = ["nginx"] + [name for name in self.pids if name.startswith("worker")]
        order += [name for name in self.pids if name.startswith("app")] + ["smtp", "redis"]
        order += [name for name in self.pids if name not in order]
        for name in order:
            if name in self.pids:
                self.terminate(name)
        if self.postgres_started or (self.postgres_dir / "data" / "postmaster.pid").exists():
            self.stop_postgres()
        if not self.keep and self.directory.exists():
            shutil.rmtree(self.directory, ignore_errors=True)
        elif self.directory.exists():
            self._save_state()

    def _prepare_directory(self) -> None:
        if self.directory.exists() and not self.temporary:
            shutil.rmtree(self.directory)
        for path in (self.directory, self.logs, self.data_dir, self.media_root):
            path.mkdir(parents=True, exist_ok=True)
        # With its tmp/, new/ and cur/: the SMTP server's Maildir only makes them when it
        # makes the directory itself.
        mailbox.Maildir(self.maildir, create=True)
        # nginx's workers (nobody) read the uploads; PostgreSQL (postgres) its directory.
        for path in (self.directory, self.data_dir, self.media_root):
            path.chmod(0o755)
        self._save_state()

    def _save_state(self) -> None:
        state = {
            "directory": str(self.directory),
            "ports": asdict(self.ports),
            "pids": self.pids,
            "workers": self.workers,
            "web_workers": self.web_workers,
            "secret_key": self.secret_key,
            "extra_env": self.extra_env,
        }
        self.state_file.write_text(json.dumps(state, indent=2))
        self.state_file.chmod(0o600)

    @classmethod
    def from_state(cls, directory: Path) -> "Stack":
        state = json.loads((Path(directory) / "stack.json").read_text())
        ports = state["ports"]
        stack = cls(
            Path(state["directory"]),
            port_base=ports["proxy"],
            app_servers=len(ports["app_servers"]),
            workers=state["workers"],
            web_workers=state["web_workers"],
            extra_env=state["extra_env"],
        )
        stack.temporary = False
        stack.secret_key = state["secret_key"]
        stack.pids = state["pids"]
        return stack

    # --- processes ---------------------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str]) -> int:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
        try:
            process = subprocess.Popen(  # noqa: S603 (fixed command lines, no shell)
                argv,
                cwd=ROOT,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: a signal reaches gunicorn's workers too, and the
                # terminal's Ctrl-C does not reach it behind our back.
                start_new_session=True,
            )
        finally:
            log.close()
        self._children[name] = process
        self.pids[name] = process.pid
        self._save_state()
        return process.pid

    def running(self, name: str) -> bool:
        pid = self.pids.get(name)
        if pid is None:
            return False
        child = self._children.get(name)
        if child is not None:
            return child.poll() is None
        return _alive(pid)

    def terminate(self, name: str, *, timeout: float = 30.0) -> None:
        """Stop as systemd's KillMode=mixed does: SIGTERM to the main process, which stops
        its own children (gunicorn's workers, the queue's processes); SIGKILL to the whole
        process group after ``timeout`` seconds, and to anything it left behind. (SIGTERM
        to every process at once leaves the queue's cluster waiting for children that
        already went.)"""
        pid = self.pids.get(name)
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        self._wait_gone(name, timeout)
        self._signal(name, signal.SIGKILL)
        self._wait_gone(name, 10)
        self._forget(name)

    def kill(self, name: str) -> None:
        """SIGKILL to the process and everything it started, as a crash would."""
        self._signal(name, signal.SIGKILL)
        self._wait_gone(name, 10)
        self._forget(name)

    def _signal(self, name: str, signum: int) -> None:
        pid = self.pids.get(name)
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signum)

    def _wait_gone(self, name: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running(name):
                return True
            time.sleep(0.05)
        return not self.running(name)

    def _forget(self, name: str) -> None:
        self.pids.pop(name, None)
        self._children.pop(name, None)
        if self.directory.exists():
            self._save_state()

    def _wait_for_port(self, port: int, name: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not port_is_free(port):
                return
            if name in self.pids and not self.running(name):
                break
            time.sleep(0.1)
        raise StackError(f"{name} did not start on port {port}: {self._log_tail(name)}")

    def _wait_until_ready(self, port: int, name: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, _body = http_get(port, "/health/ready", timeout=5)
            if status == 200:
                return
            if not self.running(name):
                break
            time.sleep(0.2)
        raise StackError(f"{name} is not ready on port {port}: {self._log_tail(name)}")

    def _log_tail(self, name: str, lines: int = 30) -> str:
        path = self.logs / f"{name}.log"
        if not path.exists():
            return "(no log)"
        tail = path.read_text(errors="replace").splitlines()[-lines:]
        return f"{path}:\n" + "\n".join(tail)

    # --- PostgreSQL ---------------------------------------------------------------------------

    def _as_postgres(self, argv: list[str], **kwargs) -> subprocess.CompletedProcess:
        # PostgreSQL refuses to run as root; as anyone else it runs as that user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(  # noqa: S603 (fixed command lines, no shell)
            [*prefix, *argv], cwd="/", check=True, **kwargs
        )

    def start_postgres(self, *, initialise: bool = False) -> None:
        data = self.postgres_dir / "data"
        if initialise:
            self.postgres_dir.mkdir(mode=0o700, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.postgres_dir, "postgres", "postgres")
            self._as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "--pgdata",
                    str(data),
                    "--username",
                    "postgres",
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C.UTF-8",
                    "--no-sync",
                ],
                stdout=subprocess.DEVNULL,
            )
            with (data / "postgresql.conf").open("a") as conf:
                conf.write(
                    "\n# deploy/stack: loopback only, its own port, no socket in /run.\n"
                    f"listen_addresses = '{HOST}'\n"
                    f"port = {self.ports.postgres}\n"
                    f"unix_socket_directories = '{self.postgres_dir}'\n"
                    "max_connections = 100\n"
                )
        self._as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "--pgdata",
                str(data),
                "--log",
                str(self.postgres_dir / "postgres.log"),
                "--wait",
                "--timeout",
                "60",
                "start",
            ],
            stdout=subprocess.DEVNULL,
        )
        self.postgres_started = True
        if initialise:
            subprocess.run(  # noqa: S603 (fixed command line, no shell)
                [
                    str(PG_BIN / "createdb"),
                    "--host",
                    HOST,
                    "--port",
                    str(self.ports.postgres),
                    "--username",
                    "postgres",
                    "samskab",
                ],
                check=True,
            )

    def stop_postgres(self) -> None:
        data = self.postgres_dir / "data"
        if not (data / "postmaster.pid").exists():
            self.postgres_started = False
            return
        self._as_postgres(
            [str(PG_BIN / "pg_ctl"), "--pgdata", str(data), "--mode", "fast", "--wait", "stop"],
            stdout=subprocess.DEVNULL,
        )
        self.postgres_started = False

    def restart_postgres(
        self, *, down_seconds: float = 0.0, while_down=None
    ) -> tuple[float, float]:
        """``pg_ctl restart -m fast``: every connection is cut, the server stops and
        starts again. With ``down_seconds``, it stays stopped that long (an outage of a few
        seconds, as a fail-over would give), and ``while_down()`` is called meanwhile.
        Returns (monotonic time it went down, monotonic time it accepts connections)."""
        data = str(self.postgres_dir / "data")
        pg_ctl = str(PG_BIN / "pg_ctl")
        went_down = time.monotonic()
        if down_seconds <= 0:
            self._as_postgres(
                [pg_ctl, "--pgdata", data, "--mode", "fast", "--wait", "restart"],
                stdout=subprocess.DEVNULL,
            )
        else:
            self._as_postgres(
                [pg_ctl, "--pgdata", data, "--mode", "fast", "--wait", "stop"],
                stdout=subprocess.DEVNULL,
            )
            if while_down is not None:
                while_down()
            time.sleep(max(0.0, went_down + down_seconds - time.monotonic()))
            self._as_postgres(
                [
                    pg_ctl,
                    "--pgdata",
                    data,
                    "--log",
                    str(self.postgres_dir / "postgres.log"),
                    "--wait",
                    "start",
                ],
                stdout=subprocess.DEVNULL,
            )
        return went_down, time.monotonic()

    def psql(self, sql: str, *, database: str = "samskab") -> str:
        """Run ``sql`` with psql; the output unaligned, tuples only."""
        return subprocess.run(  # noqa: S603 (fixed command line, no shell)
            [
                str(PG_BIN / "psql"),
                "--no-psqlrc",
                "--quiet",
                "--tuples-only",
                "--no-align",
                "--set",
                "ON_ERROR_STOP=1",
                "--command",
                sql,
                self.database_url(database),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    # --- the site ---------------------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """``manage.py`` with the stack's environment; its output goes to logs/manage.log."""
        with (self.logs / "manage.log").open("ab") as log:
            log.write(f"\n$ manage.py {' '.join(args)}\n".encode())
            log.flush()
            result = subprocess.run(  # noqa: S603 (fixed command line, no shell)
                [_python(), "manage.py", *args],
                cwd=ROOT,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
            )
        if result.returncode != 0:
            raise StackError(f"manage.py {' '.join(args)} failed: {self._log_tail('manage')}")
        return result

    def _prepare_site(self) -> None:
        # Static files and the database in parallel: one is CPU, the other mostly waiting.
        collect = subprocess.Popen(  # noqa: S603 (fixed command line, no shell)
            [_python(), "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=(self.logs / "collectstatic.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        try:
            with self._timed("migrate"):
                self.manage("migrate", "--noinput", "-v", "0")
            with self._timed("load_demo"):
                self.manage("load_demo")
        finally:
            with self._timed("collectstatic (beside them)"):
                returncode = collect.wait(timeout=600)
            if returncode != 0:
                raise StackError(f"collectstatic failed: {self._log_tail('collectstatic')}")

    def _redis_command(self) -> list[str]:
        redis_dir = self.directory / "redis"
        redis_dir.mkdir(exist_ok=True)
        return [
            shutil.which("redis-server") or "redis-server",
            "--bind",
            HOST,
            "--port",
            str(self.ports.redis),
            "--dir",
            str(redis_dir),
            # A cache: nothing written to disk.
            "--save",
            "",
            "--appendonly",
            "no",
        ]

    def _smtp_command(self) -> list[str]:
        return [
            _python(),
            "-m",
            "aiosmtpd",
            "--nosetuid",
            "--smtputf8",
            "--listen",
            f"{HOST}:{self.ports.smtp}",
            "--class",
            "aiosmtpd.handlers.Mailbox",
            str(self.maildir),
        ]

    def start_app_server(self, number: int) -> None:
        name = f"app{number}"
        port = self.ports.app_servers[number - 1]
        gunicorn = str(Path(_python()).with_name("gunicorn"))
        self._spawn(
            name,
            [gunicorn, "--config", "deploy/gunicorn.conf.py", "--bind", f"{HOST}:{port}"],
        )
        self._wait_until_ready(port, name)

    def start_worker(self, number: int) -> None:
        name = f"worker{number}"
        self._spawn(name, [_python(), "manage.py", *WORKER_COMMAND])
        time.sleep(0.5)
        if not self.running(name):
            raise StackError(f"{name} stopped at once: {self._log_tail(name)}")

    def start_proxy(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise StackError("nginx is missing: apt-get install nginx (make stack-test does).")
        prefix = self.directory / "nginx"
        prefix.mkdir(exist_ok=True)
        conf = prefix / "nginx.conf"
        conf.write_text(self.nginx_config())
        self._spawn(
            "nginx",
            [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(self.logs / "nginx-error.log")],
        )
        self._wait_until_ready(self.ports.proxy, "nginx")

    def nginx_config(self) -> str:
        """The site of deploy/nginx/samskab.conf on loopback: plain HTTP on the stack's
        port, the stack's app servers and MEDIA_ROOT, and the same proxy settings."""
        servers = "\n".join(
            f"        server {HOST}:{port} max_fails=1 fail_timeout=10s;"
            for port in self.ports.app_servers
        )
        temp = self.directory / "nginx"
        return f"""# Written by deploy/stack. The operators' site is deploy/nginx/samskab.conf.
daemon off;
worker_processes 1;
pid {temp}/nginx.pid;
error_log {self.logs}/nginx-error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {temp}/client_body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    log_format samskab '$remote_addr - [$time_local] "$request" $status $body_bytes_sent '
                       '$request_time "$upstream_addr" $upstream_status '
                       'request_id=$request_id';
    access_log {self.logs}/nginx-access.log samskab;

    upstream samskab_app {{
{servers}
    }}

    server {{
        listen {HOST}:{self.ports.proxy};
        server_name _;
        client_max_body_size 6m;

        location /media/ {{
            alias {self.media_root}/;
            add_header Cache-Control "public, max-age=86400";
            add_header X-Content-Type-Options "nosniff" always;
            add_header Content-Security-Policy "default-src 'none'; sandbox" always;
        }}

        location / {{
            include {ROOT}/deploy/nginx/samskab-proxy.conf;
        }}
    }}
}}
"""

    # --- for the tests --------------------------------------------------------------------------

    def emails(self) -> list:
        """Every email the SMTP server received, as email.message.Message objects."""
        return list(mailbox.Maildir(self.maildir, create=False))

    def status(self) -> dict:
        services = {name: self.running(name) for name in self.pids}
        services["postgres"] = (self.postgres_dir / "data" / "postmaster.pid").exists()
        proxy_status, _body = http_get(self.ports.proxy, "/health/ready")
        return {"services": services, "proxy /health/ready": proxy_status}


# --- command line ----------------------------------------------------------------------------


def _directory() -> Path:
    return Path(os.environ.get("STACK_DIR", DEFAULT_DIRECTORY))


def _load(directory: Path) -> Stack | None:
    if not (directory / "stack.json").exists():
        return None
    return Stack.from_state(directory)


def _up(arguments) -> int:
    directory = _directory()
    existing = _load(directory)
    if existing is not None and any(existing.running(name) for name in existing.pids):
        print(f"The stack in {directory} is already up; `deploy/stack down` first.")
        return 1
    if existing is not None:  # what a stack that did not stop cleanly left behind
        existing.stop()
    started = time.monotonic()
    stack = Stack(directory, workers=arguments.workers, keep=True)
    print(f"Starting the stack in {directory} (logs in {stack.logs}) …", flush=True)
    stack.start()
    steps = ", ".join(f"{step} {seconds:.0f} s" for step, seconds in stack.timings.items())
    print(
        f"Up in {time.monotonic() - started:.0f} s ({steps}).\n"
        f"  site (nginx):   {stack.proxy_url('/')}\n"
        f"  app servers:    {', '.join(f'{HOST}:{port}' for port in stack.ports.app_servers)}\n"
        f"  PostgreSQL:     {stack.database_url()}\n"
        f"  Redis:          redis://{HOST}:{stack.ports.redis}/0\n"
        f"  mail received:  {stack.maildir} (Maildir)\n"
        "  demo logins:    volunteer@esbjerg.samskab.dk, staff@… (password samskab-demo-2025)\n"
        "Stop it with `deploy/stack down`."
    )
    return 0


def _down(arguments) -> int:
    stack = _load(_directory())
    if stack is None:
        print(f"No stack in {_directory()}.")
        return 0
    stack.keep = arguments.keep
    stack.stop()
    print("Stopped." + (f" Kept {stack.directory}." if arguments.keep else ""))
    return 0


def _status(arguments) -> int:
    stack = _load(_directory())
    if stack is None:
        print(f"No stack in {_directory()}.")
        return 1
    print(json.dumps(stack.status(), indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="deploy/stack", description="Samskab's production arrangement on loopback."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start everything (in var/stack, or STACK_DIR)")
    up.add_argument("--workers", type=int, default=2, help="background workers (default 2)")
    up.set_defaults(run=_up)
    down = commands.add_parser("down", help="stop everything and delete the directory")
    down.add_argument("--keep", action="store_true", help="keep the directory and its logs")
    down.set_defaults(run=_down)
    commands.add_parser("status", help="what runs").set_defaults(run=_status)
    arguments = parser.parse_args(argv)
    try:
        return arguments.run(arguments)
    except StackError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
