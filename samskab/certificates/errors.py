"""Errors of certificates, each with a translated message for the person who clicked;
``field`` names the form field it belongs to."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class CertificateError(ServiceError):
    """An error of this app (see ``samskab.core.errors.ServiceError``)."""


class NothingToCertify(CertificateError):
    message = _(
        "There are no approved hours to put on a certificate yet. Hours are credited when "
        "you take part in a shift, and when an organisation approves hours you log."
    )


class UnknownOrganisations(CertificateError):
    message = _("Choose among the organisations you have approved hours with.")


class AlreadyRevoked(CertificateError):
    message = _("This certificate has already been withdrawn.")
