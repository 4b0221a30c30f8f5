"""Issuing and revoking volunteer certificates.

- ``issue_certificate`` takes the snapshot of the volunteer's approved hours (all
  organisations, or the ones they chose), stores it with a new code and its hash, and
  returns the certificate. Nothing about it changes afterwards.
- ``revoke_certificate``: the volunteer withdraws one of theirs; the verification page then
  says it was withdrawn.
- ``forget_certificates``: when an account is deleted, its certificates are revoked and
  their content deleted; only the code and the fact that it was revoked remain.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.certificates import selectors
from samskab.certificates.codes import new_code
from samskab.certificates.errors import AlreadyRevoked, NothingToCertify, UnknownOrganisations
from samskab.certificates.models import Certificate, content_hash

# A collision of two random codes is astronomically unlikely; retry a few times anyway
# rather than fail the volunteer's request.
CODE_ATTEMPTS = 5


def issuer_name() -> str:
    return f"Samskab · {settings.MUNICIPALITY_NAME}"


def issue_certificate(
    *, volunteer, name: str, language: str, organisation_ids=None, now=None
) -> Certificate:
    """Issue a certificate of the volunteer's approved hours in ``language`` ("da" or
    "en"), printed with ``name``. ``organisation_ids`` limits it to some organisations;
    None means all. Raises ``NothingToCertify`` or ``UnknownOrganisations``."""
    if language not in Certificate.Language.values:
        raise ValueError(f"Unsupported certificate language: {language!r}")
    name = " ".join((name or "").split())
    if not name:
        raise ValueError("A certificate needs the volunteer's name.")
    records = selectors.volunteer_record(volunteer, language=language)
    if organisation_ids is not None:
        wanted = {int(pk) for pk in organisation_ids}
        if not wanted or not wanted <= {record.organisation_id for record in records}:
            raise UnknownOrganisations(field="organisations")
        records = [record for record in records if record.organisation_id in wanted]
    if not records:
        raise NothingToCertify
    issued_on = timezone.localdate(now or timezone.now())
    for attempt in range(CODE_ATTEMPTS):
        code = new_code()
        content = selectors.certificate_content(
            records=records,
            name=name,
            code=code,
            language=language,
            issued_on=issued_on,
            issuer=issuer_name(),
        )
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    volunteer=volunteer,
                    code=code,
                    language=language,
                    content=content,
                    content_hash=content_hash(content),
                )
        except IntegrityError:
            if attempt == CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def revoke_certificate(*, certificate: Certificate, by, now=None) -> Certificate:
    """The volunteer withdraws their own certificate (who may is the caller's check)."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise AlreadyRevoked
        certificate.revoked_at = now or timezone.now()
        certificate.revocation_reason = Certificate.RevocationReason.BY_VOLUNTEER
        certificate.save(update_fields=["revoked_at", "revocation_reason"])
    return certificate


def forget_certificates(user, *, now=None) -> int:
    """Revoke the person's certificates and delete what they say; the codes stay, so anyone
    checking one is told it was revoked rather than that it never existed."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        for certificate in Certificate.objects.select_for_update().filter(volunteer=user):
            if certificate.revoked_at is None:
                certificate.revoked_at = now
            certificate.revocation_reason = Certificate.RevocationReason.ACCOUNT_DELETED
            certificate.content = {}
            certificate.volunteer = None
            certificate.save(
                update_fields=["revoked_at", "revocation_reason", "content", "volunteer"]
            )
            count += 1
    return count
