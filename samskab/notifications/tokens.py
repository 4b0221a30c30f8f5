"""Unsubscribe links: signed, so anyone holding the email (and only they) can stop what it
is about in one click, without logging in. They do not expire: an old email's link must
still work."""

from django.core import signing

SALT = "samskab.notifications.unsubscribe"
SCOPES = ("direct", "following")


def make(user_id: int, scope: str) -> str:
    return signing.dumps({"user": user_id, "scope": scope}, salt=SALT, compress=True)


def read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("scope") not in SCOPES:
        return None
    if not isinstance(data.get("user"), int):
        return None
    return data["user"], data["scope"]
