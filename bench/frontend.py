"""The server the front-end benches (bench/page_weight.py, bench/lighthouse.py) measure.

Production-like as bench/load.py's (samskab.settings.bench: DEBUG off, WhiteNoise serving
the compressed, hashed static files of ``collectstatic``, cached templates), but with the
demo data (``load_demo``) in a SQLite database of its own under var/frontend-bench/: what a
page sends depends on its templates and static files, not on the data's size, so no
PostgreSQL is needed. The database is made once and again when it is more than
``MAX_AGE_HOURS`` old (the demo's sessions are dated from the day it was loaded) or when
``fresh`` is asked; ``collectstatic`` runs every time, so the files measured are the
working tree's.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402 (after the path above)

DATA_DIR = ROOT / "var" / "frontend-bench"
DATABASE = DATA_DIR / "db.sqlite3"
MAX_AGE_HOURS = 12

# The main pages of the issue: label and how to find its address in the demo data.
PAGES_SCRIPT = """
import json
from django.utils import timezone
from samskab.activities.models import Activity
from samskab.ideas.models import Idea
from samskab.organisations.models import Organisation
activity = (
    Activity.objects.filter(is_published=True, next_session_entry__ends_at__gt=timezone.now())
    .order_by("id").first()
)
organisation = (
    Organisation.objects.filter(status="approved").exclude(logo="").order_by("id").first()
    or Organisation.objects.filter(status="approved").order_by("id").first()
)
idea = Idea.objects.filter(moderation_state="published").order_by("-comments_count", "id").first()
print(json.dumps({
    "activity": activity.get_absolute_url(),
    "organisation": organisation.get_absolute_url(),
    "idea": idea.get_absolute_url(),
}))
"""


def environment() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="samskab.settings.bench",
        SAMSKAB_DATA_DIR=str(DATA_DIR),
        BENCH_DATABASE_URL=f"sqlite:///{DATABASE}",
    )
    env.pop("REDIS_URL", None)
    return env


def prepare(*, fresh: bool = False) -> dict:
    """Make the database if needed, collect the static files; the environment to serve."""
    env = environment()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    stale = not DATABASE.exists() or time.time() - DATABASE.stat().st_mtime > MAX_AGE_HOURS * 3600
    if fresh or stale:
        for leftover in DATA_DIR.glob("db.sqlite3*"):
            leftover.unlink()
        load.compile_messages()
        print("Loading the demo into var/frontend-bench/db.sqlite3 (about a minute)")
        load.run("migrate", "--noinput", "-v", "0", env=env)
        load.run("load_demo", env=env, capture=True)
    load.run("collectstatic", "--noinput", "--clear", "-v", "0", env=env)
    return env


def pages(env: dict) -> list[tuple[str, str]]:
    """(label, path) of the main pages, the detail pages chosen from the demo data."""
    output = load.run("shell", "-v", "0", "-c", PAGES_SCRIPT, env=env, capture=True).stdout
    found = json.loads(output.strip().splitlines()[-1])
    return [
        ("front page", "/"),
        ("catalogue", "/aktiviteter/"),
        ("activity", found["activity"]),
        ("organisation", found["organisation"]),
        ("volunteering list", "/frivillig/"),
        ("idea list", "/ideer/"),
        ("idea", found["idea"]),
    ]


NGINX_CONFIG = """# Written by bench/frontend.py. The operators' site is deploy/nginx/samskab.conf.
daemon off;
worker_processes 1;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{
    worker_connections 256;
}}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/client_body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    access_log off;
    upstream samskab_app {{
        server {host}:{app_port};
    }}
    server {{
        listen {host}:{port};
        location / {{
            include {root}/deploy/nginx/samskab-proxy.conf;
        }}
    }}
}}
"""


def nginx() -> str | None:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if Path(found).exists() else None


@contextmanager
def server(env: dict, *, workers: int = 2):
    """gunicorn on a free port of 127.0.0.1 and, as deployed, nginx in front of it with the
    operators' proxy settings (deploy/nginx/samskab-proxy.conf: it gzips the pages) when
    nginx is installed (`make nginx`); yields the origin to visit and always stops both."""
    app_port = load.free_port()
    processes = [load.start_gunicorn(env, port=app_port, workers=workers)]
    try:
        if not nginx():
            print("nginx is not installed (make nginx): measuring gunicorn without it.")
            yield f"http://{load.HOST}:{app_port}"
            return
        port = load.free_port()
        temp = DATA_DIR / "nginx"
        temp.mkdir(parents=True, exist_ok=True)
        config = temp / "nginx.conf"
        config.write_text(
            NGINX_CONFIG.format(temp=temp, host=load.HOST, app_port=app_port, port=port, root=ROOT)
        )
        processes.append(
            subprocess.Popen(  # noqa: S603 (our own fixed command line, no shell)
                [nginx(), "-p", str(temp), "-c", str(config), "-e", str(temp / "error.log")],
                start_new_session=True,
            )
        )
        load.wait_for_port(port)
        yield f"http://{load.HOST}:{port}"
    finally:
        for process in reversed(processes):
            load.stop(process)


def warm(url: str, *, times: int = 4) -> None:
    """Ask for ``url`` a few times: each gunicorn worker builds and caches its own copy."""
    for _ in range(times):
        with urlopen(url, timeout=30) as response:  # noqa: S310 (our own 127.0.0.1 server)
            response.read()


def chromium() -> str:
    """Debian's Chromium, as the browser tests use it."""
    path = os.environ.get("SAMSKAB_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise SystemExit(f"No Chromium at {path}: run `make browser` or set SAMSKAB_CHROMIUM.")
    return path
