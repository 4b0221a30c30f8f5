"""What can stop linking MitID to an account."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class MitIDError(ServiceError):
    code = "mitid"


class LinkedToAnotherAccount(MitIDError):
    code = "linked_to_another_account"
    message = _(
        "This MitID is already linked to another Samskab account. Unlink it there first, "
        "or contact the municipality if it is not your account."
    )


class NotLinked(MitIDError):
    code = "not_linked"
    level = "info"
    message = _("Your account has no MitID linked.")
