"""Writes: linking MitID to an account and unlinking it, each in one transaction."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.mitid.errors import LinkedToAnotherAccount, NotLinked
from samskab.mitid.models import MitIDLink


@transaction.atomic
def link(*, user, identity_hash: str) -> MitIDLink:
    """Link the MitID that ``identity_hash`` stands for to ``user`` (replacing the one
    linked before). A MitID linked to another account is refused."""
    taken = (
        MitIDLink.objects.select_for_update()
        .filter(identity_hash=identity_hash)
        .exclude(user=user)
        .exists()
    )
    if taken:
        raise LinkedToAnotherAccount()
    try:
        with transaction.atomic():
            mitid_link, _created = MitIDLink.objects.update_or_create(
                user=user,
                defaults={"identity_hash": identity_hash, "linked_at": timezone.now()},
            )
    except IntegrityError as error:
        # Another account linked the same MitID at the same moment.
        raise LinkedToAnotherAccount() from error
    return mitid_link


@transaction.atomic
def unlink(*, user) -> None:
    """Remove the MitID linked to ``user``; only ever their own."""
    deleted, _ = MitIDLink.objects.filter(user=user).delete()
    if not deleted:
        raise NotLinked()
