"""Domain errors of citizen proposals, each with a translated message for the person who
clicked."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class ProposalError(ServiceError):
    """An error of citizen proposals (see ``samskab.core.errors.ServiceError``)."""


class NotTheAuthor(ProposalError):
    code = "not_author"
    message = _("Only the person who wrote the proposal can do this.")


class NotStaff(ProposalError):
    code = "not_staff"
    message = _("Only the municipality's staff can do this.")


class WrongStatus(ProposalError):
    code = "wrong_status"
    level = "info"
    message = _("The proposal has moved on in the meantime, so this step is no longer possible.")


class TooFewCoProposers(ProposalError):
    code = "too_few_co_proposers"
    message = _("The proposal needs more co-proposers before it can be submitted.")


class AlreadyCoProposer(ProposalError):
    code = "already_co_proposer"
    level = "info"
    message = _("You are already behind this proposal.")


class NotCollecting(ProposalError):
    code = "not_collecting"
    level = "info"
    message = _(
        "This proposal does not collect signatures now, so it cannot be signed. Its page "
        "says what happens next."
    )


class TooYoung(ProposalError):
    code = "too_young"
    level = "info"

    def __init__(self, min_age: int):
        super().__init__(
            _(
                "Thank you for wanting to sign. Citizen proposals can be signed from the age "
                "of %(age)s, so your signature cannot count yet. You are welcome to follow "
                "the proposal and join the discussion."
            )
            % {"age": min_age}
        )


class NotResident(ProposalError):
    code = "not_resident"
    level = "info"
    message = _(
        "Thank you for wanting to sign. Only people who live in the municipality can sign "
        "its citizen proposals, and MitID says you live elsewhere. You are welcome to follow "
        "the proposal and join the discussion."
    )


class AlreadySigned(ProposalError):
    code = "already_signed"
    level = "info"
    message = _("You have already signed this proposal. A person's signature counts once.")


class NotSigned(ProposalError):
    code = "not_signed"
    level = "info"
    message = _("There is no signature of yours on this proposal.")


class CannotWithdrawSignature(ProposalError):
    code = "cannot_withdraw_signature"
    level = "info"
    message = _(
        "Signatures can be withdrawn only while the proposal collects them, until it has enough."
    )


class ReasonRequired(ProposalError):
    code = "reason_required"

    def __init__(self, field: str, message=None):
        super().__init__(message or _("Give a reason: it is shown with the proposal."), field=field)


class IdeaNotYours(ProposalError):
    code = "idea_not_yours"
    message = _(
        "Only the idea's author can turn a published idea into a citizen proposal, and only once."
    )
