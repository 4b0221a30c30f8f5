"""The task queue's throughput: a need that fits 1,000 volunteers, alerted through the queue.

    .venv/bin/python bench/queue_bench.py                    # 1,000 volunteers, 2 processes
    .venv/bin/python bench/queue_bench.py --volunteers 300 --processes 4

It uses its own PostgreSQL database (``QUEUE_BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/samskab_queue_bench), made afresh on every run, and a
real SMTP server on 127.0.0.1 (aiosmtpd, in this process) that counts what arrives.

1. ``--volunteers`` volunteers opted in to alerts in one town, made through the services.
2. The worker (``manage.py worker`` with ``--processes`` processes, bench settings, email to
   the SMTP server) is started and left to finish what making them queued.
3. **Through the queue:** a need in their town is posted through the service, as a
   coordinator does. The clock runs from the commit until the last alert email has reached
   the SMTP server: the task that matches the volunteers, the alert rows, the sending tasks
   in batches of ``needs.services.ALERT_BATCH``, rendering each email in the volunteer's
   language and handing it over.
4. **The floor,** in the same run: the same number of alert emails rendered and sent by this
   one process over one SMTP connection, with no queue and no claims (what the email work
   itself costs on this machine).

Prints both times, emails per second and their ratio; ``--json`` writes them to a file.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samskab_queue_bench"


class Sink:
    """Counts messages taken by the SMTP server and notes when the last one arrived."""

    def __init__(self):
        self.count = 0
        self.last_at = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last_at = time.perf_counter()
        return "250 OK"


def recreate_database(database_url: str) -> None:
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    common = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    common += ["-U", parts.username or "postgres"]
    subprocess.run(["dropdb", "--if-exists", *common, name], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *common, name], check=True)  # noqa: S603, S607


def make_volunteers(count: int) -> None:
    from allauth.account.models import EmailAddress

    from samskab.accounts.models import User
    from samskab.reference.models import Town
    from samskab.volunteering import services

    ribe = Town.objects.get(slug="ribe")
    for number in range(count):
        user = User.objects.create_user(
            email=f"volunteer{number}@queue-bench.invalid", display_name=f"Frivillig {number}"
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        services.save_profile(
            user=user,
            fields={"ad_hoc_alerts": True, "max_alerts_per_week": 3},
            towns=[ribe],
            skills=[],
            interests=[],
        )


def post_need():
    """A need in Ribe, posted by the demo coordinator through the service."""
    from datetime import timedelta

    from django.utils import timezone

    from samskab.accounts.models import User
    from samskab.needs import services
    from samskab.organisations.models import Membership
    from samskab.reference.models import Town
    from samskab.vision.models import FocusArea

    coordinator = User.objects.get(email="coordinator@esbjerg.samskab.dk")
    membership = Membership.objects.filter(user=coordinator).select_related("organisation")[0]
    starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    return services.post_need(
        organisation=membership.organisation,
        by=coordinator,
        fields={
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "title_da": "Hjælp til at bære stole på Ribe Bibliotek",
            "description_da": "Vi stiller stole op til koncert i salen.",
            "place_name": "Ribe Bibliotek",
            "street": "Sct. Nicolaj Gade 14",
            "postcode": "6760",
            "town": Town.objects.get(slug="ribe"),
            "contact_phone": "75 11 22 33",
        },
        focus_areas=[FocusArea.objects.first()],
        skills=[],
        people_needed=100,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--volunteers", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()

    sys.path.insert(0, str(PROJECT_DIR))
    from aiosmtpd.controller import Controller

    from tests.servers.smtp import free_port

    sink = Sink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()

    database_url = os.environ.get("QUEUE_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    recreate_database(database_url)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskab.settings.bench",
        "BENCH_DATABASE_URL": database_url,
        "WORKER_PROCESSES": str(options.processes),
    }
    os.environ.update(environment)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The bench settings keep email in memory; here it goes to the real SMTP server.
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": smtp_port,
    }
    for name, value in smtp.items():
        setattr(settings, name, value)
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from django_q.models import OrmQ

    from samskab.needs.models import NeedAlert

    print(f"Making {options.volunteers} volunteers …", flush=True)
    make_volunteers(options.volunteers)

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--verbosity", "0"],
        cwd=PROJECT_DIR,
        env={**environment, "BENCH_EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while OrmQ.objects.exists():
            time.sleep(0.2)
        before = sink.count
        started = time.perf_counter()
        need = post_need()
        deadline = started + 600
        while sink.count - before < options.volunteers and time.perf_counter() < deadline:
            time.sleep(0.05)
        queued_seconds = sink.last_at - started
        delivered = sink.count - before
    finally:
        worker.terminate()
        worker.wait(timeout=60)

    from samskab.core import emails
    from samskab.needs import emails as need_emails

    alerts = list(NeedAlert.objects.filter(need=need).select_related("need", "volunteer"))
    before = sink.count
    started = time.perf_counter()
    with emails.connection() as connection:
        for alert in alerts:
            message = need_emails.build_alert_email(alert, places_left=100)
            emails.send(message, connection=connection)
    floor_seconds = sink.last_at - started
    controller.stop()

    result = {
        "volunteers": options.volunteers,
        "worker_processes": options.processes,
        "delivered_through_queue": delivered,
        "queue_seconds": round(queued_seconds, 2),
        "queue_emails_per_second": round(delivered / queued_seconds, 1),
        "floor_emails": sink.count - before,
        "floor_seconds": round(floor_seconds, 2),
        "floor_emails_per_second": round((sink.count - before) / floor_seconds, 1),
        "queue_to_floor_time_ratio": round(queued_seconds / floor_seconds, 2),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
