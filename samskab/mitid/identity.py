"""Who proved their identity with MitID: the interface other apps use.

- ``login_url(next_path)``: the page that sends the person to MitID and back to
  ``next_path``.
- ``verified_person(request)``: the ``VerifiedPerson`` who proved their identity in this
  session within the last ``MITID_VERIFIED_MINUTES`` minutes, or None.
- ``forget_verified_person(request)``: forget them (e.g. once they have signed).
- ``identity_hash(person_identifier)``: the keyed hash that stands for a person; the same
  person always has the same hash, and nobody can tell the person from it without the key
  (``MITID_IDENTITY_KEY``).
- ``linked_identity_hash(user)``: the hash of the MitID linked to an account, or None.

Only the hash, the birthdate and the municipality code are kept, in the session; never the
name, never the person's identifier (CPR or the broker's id) in clear. A login to sign
something writes nothing to the database.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from samskab.mitid.models import MitIDLink

SESSION_KEY = "mitid.verified"


@dataclass(frozen=True)
class VerifiedPerson:
    identity_hash: str
    birthdate: date | None
    municipality_code: str
    verified_at: datetime

    def age_on(self, day: date) -> int | None:
        """Whole years of age on ``day``; None when the broker gave no birthdate."""
        if self.birthdate is None:
            return None
        before_birthday = (day.month, day.day) < (self.birthdate.month, self.birthdate.day)
        return day.year - self.birthdate.year - before_birthday


def identity_hash(person_identifier: str) -> str:
    """HMAC-SHA256 of the person's identifier under ``MITID_IDENTITY_KEY``, in hex."""
    key = settings.MITID_IDENTITY_KEY
    if not key:
        raise ImproperlyConfigured("MITID_IDENTITY_KEY must be set to use MitID.")
    return hmac.new(key.encode(), person_identifier.encode(), hashlib.sha256).hexdigest()


def remember(request, person: VerifiedPerson) -> None:
    """Keep ``person`` in this session (only the callback does this)."""
    request.session[SESSION_KEY] = {
        "identity_hash": person.identity_hash,
        "birthdate": person.birthdate.isoformat() if person.birthdate else None,
        "municipality_code": person.municipality_code,
        "verified_at": person.verified_at.isoformat(),
    }


def verified_person(request) -> VerifiedPerson | None:
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    try:
        person = VerifiedPerson(
            identity_hash=stored["identity_hash"],
            birthdate=date.fromisoformat(stored["birthdate"]) if stored["birthdate"] else None,
            municipality_code=stored["municipality_code"],
            verified_at=datetime.fromisoformat(stored["verified_at"]),
        )
    except (KeyError, TypeError, ValueError):
        forget_verified_person(request)
        return None
    if timezone.now() - person.verified_at > timedelta(minutes=settings.MITID_VERIFIED_MINUTES):
        forget_verified_person(request)
        return None
    return person


def forget_verified_person(request) -> None:
    request.session.pop(SESSION_KEY, None)


def is_local_path(path: str) -> bool:
    """A path on this site ("/…"), not another site ("//evil.example") or a scheme."""
    return bool(path) and path.startswith("/") and url_has_allowed_host_and_scheme(path, None)


def login_url(next_path: str) -> str:
    """The page that starts a MitID login and returns to ``next_path`` (a local path; any
    other value is left out and the person returns to the front page)."""
    url = reverse("mitid:login")
    if is_local_path(next_path):
        url += "?" + urlencode({"next": next_path})
    return url


def linked_identity_hash(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return MitIDLink.objects.filter(user=user).values_list("identity_hash", flat=True).first()
