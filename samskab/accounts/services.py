from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext

from samskab.accounts.personal_data import account_deletion_hooks


class AccountCannotBeDeleted(Exception):
    """Some feature keeps rows that must not lose their user and has no deletion hook
    that deals with them; nothing was deleted."""


@transaction.atomic
def update_profile(*, user, display_name: str, preferred_language: str):
    """Change what others see of the user and the language Samskab speaks to them in."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError(
            gettext("Choose one of the languages in the list."), code="invalid_language"
        )
    changed_fields = ["display_name", "preferred_language"]
    user.display_name = display_name.strip()
    user.preferred_language = preferred_language
    user.clean_fields(
        exclude=[field.name for field in user._meta.fields if field.name not in changed_fields]
    )
    user.save(update_fields=changed_fields)
    return user


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the user and their personal data.

    Every feature's deletion hook runs first, in the same transaction, so features can
    delete or anonymise what they hold; if anything fails, nothing is deleted."""
    for hook in account_deletion_hooks():
        hook(user)
    # Email addresses and other rows that point at the user go with it (on_delete=CASCADE).
    try:
        user.delete()
    except (ProtectedError, RestrictedError) as error:
        raise AccountCannotBeDeleted(str(error)) from error
