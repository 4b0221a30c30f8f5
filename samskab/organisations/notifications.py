"""Emails about organisations, each written in the recipient's own language.

Each goes once the change is committed (``samskab.core.emails.send_later``), so
that nobody is told about a change that was rolled back. Links are absolute: ``base_url`` is
the site's address as the request saw it (e.g. ``https://samskab.esbjerg.dk``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

from samskab.core import emails as core_emails
from samskab.core.emails import absolute_url, language_of
from samskab.organisations import selectors
from samskab.organisations.models import Invitation, Organisation

_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _message(*, template: str, context, to: str, language: str) -> EmailMessage:
    """Render ``organisations/email/<template>_subject.txt`` and ``…_body.txt`` in the given
    language. The context is a callable so that URLs are reversed in that language."""
    return core_emails.render_email(
        subject_template=f"organisations/email/{template}_subject.txt",
        body_template=f"organisations/email/{template}_body.txt",
        context=context,
        to=to,
        language=language,
    )


def new_registration_emails_to_staff(*, organisation: Organisation, base_url: str):
    messages = []
    for staff_member in selectors.municipal_staff_recipients():

        def context(staff_member=staff_member):
            return {
                "organisation": organisation,
                "recipient": staff_member,
                "registered_by": organisation.created_by,
                "review_url": absolute_url(
                    reverse("organisations:review", kwargs={"slug": organisation.slug}),
                    base_url=base_url,
                ),
                "review_list_url": absolute_url(
                    reverse("organisations:review_list"), base_url=base_url
                ),
            }

        messages.append(
            _message(
                template="staff_new_registration",
                context=context,
                to=staff_member.email,
                language=language_of(staff_member),
            )
        )
    return messages


def send_new_registration_to_staff_after_commit(*, organisation: Organisation, base_url: str):
    core_emails.send_later(
        new_registration_emails_to_staff(organisation=organisation, base_url=base_url),
        about=f"the registration of organisation {organisation.pk}",
    )


def _requester_address_and_language(organisation: Organisation) -> tuple[str, str]:
    requester = organisation.created_by
    if requester is not None and requester.is_active:
        return requester.email, language_of(requester)
    # The person who registered has since deleted their account: tell the organisation.
    return organisation.contact_email, settings.LANGUAGE_CODE


def review_decision_email(*, organisation: Organisation, base_url: str) -> EmailMessage:
    """To whoever registered the organisation: it was approved or rejected."""
    address, language = _requester_address_and_language(organisation)
    template = "registration_approved" if organisation.is_public else "registration_rejected"

    def context():
        return {
            "organisation": organisation,
            "requester": organisation.created_by,
            "contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
            "organisation_url": absolute_url(organisation.get_absolute_url(), base_url=base_url),
            "manage_url": absolute_url(
                reverse("organisations:manage_overview", kwargs={"slug": organisation.slug}),
                base_url=base_url,
            ),
        }

    return _message(template=template, context=context, to=address, language=language)


def send_review_decision_to_requester_after_commit(*, organisation: Organisation, base_url: str):
    core_emails.send_later(
        review_decision_email(organisation=organisation, base_url=base_url),
        about=f"the review of organisation {organisation.pk}",
    )


def invitation_email(
    *, invitation: Invitation, token: str, base_url: str, language: str | None = None
) -> EmailMessage:
    """Invite in the invitee's language if they have an account, otherwise in the language
    the inviter was using."""
    existing_user = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if existing_user is not None:
        language = language_of(existing_user)
    elif language not in _LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE

    def context():
        return {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "accept_url": absolute_url(
                reverse("organisations:invitation", kwargs={"token": token}), base_url=base_url
            ),
        }

    return _message(template="invitation", context=context, to=invitation.email, language=language)


def send_invitation_after_commit(
    *, invitation: Invitation, token: str, base_url: str, language: str | None = None
) -> None:
    core_emails.send_later(
        invitation_email(invitation=invitation, token=token, base_url=base_url, language=language),
        about=f"the invitation {invitation.pk}",
    )
