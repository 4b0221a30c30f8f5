"""What each feature stores about a person, and what it does when the person leaves.

The accounts app owns the "download my data" and "delete my account" pages, but the data
lives in many apps. Each app registers, from its ``AppConfig.ready``:

- a personal data section: ``register_personal_data_section("volunteering", collect)``
  where ``collect(user)`` returns JSON-serialisable data (dicts, lists, strings, numbers,
  dates) describing everything that app stores about ``user``;
- an account deletion hook: ``register_account_deletion_hook(forget)`` where
  ``forget(user)`` deletes or anonymises that app's data about ``user``. Hooks run inside
  the transaction that deletes the user, before the user row goes, so an app can keep a
  contribution others depend on (an idea, a comment) with the author removed, and any
  failure leaves everything as it was.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

PersonalDataCollector = Callable[[Any], Any]
AccountDeletionHook = Callable[[Any], None]

# Top-level keys of the download that the accounts app fills in itself.
RESERVED_SECTION_NAMES = frozenset({"exported_at", "service", "user", "email_addresses"})

_personal_data_sections: dict[str, PersonalDataCollector] = {}
_account_deletion_hooks: list[AccountDeletionHook] = []


def register_personal_data_section(name: str, collect: PersonalDataCollector) -> None:
    """Add ``name`` to every personal data download, filled with ``collect(user)``."""
    if not name or name in RESERVED_SECTION_NAMES:
        raise ImproperlyConfigured(f"{name!r} cannot be used as a personal data section name.")
    registered = _personal_data_sections.get(name)
    if registered is not None and registered is not collect:
        raise ImproperlyConfigured(f"The personal data section {name!r} is already registered.")
    _personal_data_sections[name] = collect


def personal_data_sections() -> dict[str, PersonalDataCollector]:
    """The registered sections, in registration order."""
    return dict(_personal_data_sections)


def register_account_deletion_hook(hook: AccountDeletionHook) -> None:
    """Call ``hook(user)`` whenever an account is deleted, before the user row is."""
    if hook not in _account_deletion_hooks:
        _account_deletion_hooks.append(hook)


def account_deletion_hooks() -> tuple[AccountDeletionHook, ...]:
    """The registered hooks, in registration order."""
    return tuple(_account_deletion_hooks)
