"""Make a few generated people able to log in, in the bench database only (run by
bench/realistic.py in its own process: ``python bench/realistic_users.py COUNT SEED``).

The generator gives every person one unusable password and no email address allauth knows
(``samskab/demo/generator.py``), so nobody generated can log in. This picks ``COUNT`` of
them (the same ones for the same seed), gives them the bench's password and a verified
primary email address, and prints their emails as JSON. Running it again is harmless."""

import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings.bench")

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402

from samskab.demo.generator import GENERATED_EMAIL_DOMAIN  # noqa: E402

# Not a secret: it opens generated people's accounts in a database made for the bench.
PASSWORD = "bench-visitor-2025"  # noqa: S105


def main(count: int, seed: int) -> None:
    users = get_user_model().objects.filter(
        email__endswith="@" + GENERATED_EMAIL_DOMAIN, is_active=True, is_staff=False
    )
    ids = sorted(users.values_list("pk", flat=True))
    # Reproducible choice of bench visitors, not a secret.
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))  # noqa: S311
    hashed = make_password(PASSWORD)
    with transaction.atomic():
        users.filter(pk__in=chosen).update(password=hashed)
        emails = dict(users.filter(pk__in=chosen).values_list("pk", "email"))
        known = set(
            EmailAddress.objects.filter(user_id__in=chosen).values_list("user_id", flat=True)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=pk, email=emails[pk], verified=True, primary=True)
            for pk in chosen
            if pk not in known
        )
        EmailAddress.objects.filter(user_id__in=chosen).update(verified=True)
    print(json.dumps({"password": PASSWORD, "emails": [emails[pk] for pk in chosen]}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
