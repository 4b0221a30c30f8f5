"""What each feature stores about a person, and what it does when the person leaves.

The accounts app owns the "download my data" and "delete my account" pages, but the data
lives in many apps. Each app declares a ``PersonalData`` in its ``contributions.py``
(``samskab/core/extensions.py`` states the contract):

- ``collect(user)`` returns JSON-serialisable data (dicts, lists, strings, numbers, dates)
  describing everything that app stores about ``user``, under the section's name;
- ``forget(user)`` deletes or anonymises that app's data about ``user``. It runs inside the
  transaction that deletes the user, before the user row goes, so an app can keep a
  contribution others depend on (an idea, a comment) with the author removed, and any
  failure leaves everything as it was;
- ``models`` names every model of the app that points at a user (a test checks it).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from samskab.core import extensions

PersonalDataCollector = Callable[[Any], Any]
AccountDeletionHook = Callable[[Any], None]

# Top-level keys of the download that the accounts app fills in itself.
RESERVED_SECTION_NAMES = frozenset({"exported_at", "service", "user", "email_addresses"})


def personal_data_sections() -> dict[str, PersonalDataCollector]:
    """The declared sections, in ``INSTALLED_APPS`` order."""
    sections = {}
    for label, declared in extensions.declared("personal_data"):
        if not declared.section or declared.section in RESERVED_SECTION_NAMES:
            raise ImproperlyConfigured(
                f"{label}: {declared.section!r} cannot be used as a personal data section name."
            )
        sections[declared.section] = declared.collect
    return sections


def account_deletion_hooks() -> tuple[AccountDeletionHook, ...]:
    """The declared ``forget`` hooks, in ``INSTALLED_APPS`` order."""
    return tuple(
        declared.forget
        for _, declared in extensions.declared("personal_data")
        if declared.forget is not None
    )
