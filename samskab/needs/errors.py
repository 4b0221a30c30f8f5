"""Domain errors of needs. Each carries a translated message written for the person who
clicked, so views can show it as is; ``field`` names the form field it belongs to, and
``level`` says how to show it ("info" when nothing went wrong for the person)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class NeedError(ServiceError):
    """An error of needs (see ``samskab.core.errors.ServiceError``)."""


class NotAllowed(NeedError):
    code = "not_allowed"
    message = _("You may not post or change needs for this organisation.")


class OrganisationNotApproved(NeedError):
    code = "not_approved"
    message = _(
        "The organisation is awaiting approval by the municipality. Needs can be posted once "
        "it is approved."
    )


class NeedFilled(NeedError):
    code = "filled"
    level = "info"
    message = _(
        "Thank you for wanting to help! Enough people have already said yes, so this need "
        "is filled."
    )


class NeedClosed(NeedError):
    code = "closed"
    level = "info"
    message = _("This need is closed: the time has come, or the organisation has found help.")


class NeedCancelled(NeedError):
    code = "cancelled"
    level = "info"
    message = _("The organisation has cancelled this need, so no help is needed after all.")


class InvalidAlertLink(NeedError):
    code = "invalid_link"
    message = _(
        "We do not recognise this link. It may have been copied incompletely; try opening it "
        "again from the email."
    )
