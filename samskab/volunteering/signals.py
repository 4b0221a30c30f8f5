"""Signals other apps listen to. Volunteering never imports the apps built on it (needs,
matching), so it tells them what happened."""

from django.dispatch import Signal

# Sent after the transaction that created or changed a volunteer profile has committed,
# with ``profile``: e.g. needs alerts a new volunteer about open needs that fit them.
profile_saved = Signal()
