"""Emails about organisations, each written in the recipient's own language.

Services call these through ``transaction.on_commit`` so that nobody is told about a change
that was rolled back. Links are absolute: ``base_url`` is the site's address as the request
saw it (e.g. ``https://samskab.esbjerg.dk``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskab.organisations import selectors
from samskab.organisations.models import Invitation, Organisation

_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_of(user) -> str:
    language = getattr(user, "preferred_language", None)
    return language if language in _LANGUAGE_CODES else settings.LANGUAGE_CODE


def absolute_url(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _message(*, template: str, context: dict, to: str, language: str) -> EmailMessage:
    """Render ``organisations/email/<template>_subject.txt`` and ``…_body.txt`` in the given
    language. The context may be a callable so that URLs are reversed in that language."""
    with translation.override(language):
        if callable(context):
            context = context()
        subject = render_to_string(f"organisations/email/{template}_subject.txt", context)
        body = render_to_string(f"organisations/email/{template}_body.txt", context)
    # A subject must be one line, whatever the template's whitespace.
    return EmailMessage(subject=" ".join(subject.split()), body=body.strip() + "\n", to=[to])


def send_new_registration_to_staff(*, organisation: Organisation, base_url: str) -> int:
    messages = []
    for staff_member in selectors.municipal_staff_recipients():

        def context(staff_member=staff_member):
            return {
                "organisation": organisation,
                "recipient": staff_member,
                "registered_by": organisation.created_by,
                "review_url": absolute_url(
                    base_url,
                    reverse("organisations:review", kwargs={"slug": organisation.slug}),
                ),
                "review_list_url": absolute_url(base_url, reverse("organisations:review_list")),
            }

        messages.append(
            _message(
                template="staff_new_registration",
                context=context,
                to=staff_member.email,
                language=language_of(staff_member),
            )
        )
    if not messages:
        return 0
    return get_connection().send_messages(messages)


def _requester_address_and_language(organisation: Organisation) -> tuple[str, str]:
    requester = organisation.created_by
    if requester is not None and requester.is_active:
        return requester.email, language_of(requester)
    # The person who registered has since deleted their account: tell the organisation.
    return organisation.contact_email, settings.LANGUAGE_CODE


def send_review_decision_to_requester(*, organisation: Organisation, base_url: str) -> int:
    """Tell whoever registered the organisation that it was approved or rejected."""
    address, language = _requester_address_and_language(organisation)
    template = "registration_approved" if organisation.is_public else "registration_rejected"

    def context():
        return {
            "organisation": organisation,
            "requester": organisation.created_by,
            "contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
            "organisation_url": absolute_url(base_url, organisation.get_absolute_url()),
            "manage_url": absolute_url(
                base_url,
                reverse("organisations:manage_overview", kwargs={"slug": organisation.slug}),
            ),
        }

    return _message(template=template, context=context, to=address, language=language).send()


def send_invitation(
    *, invitation: Invitation, token: str, base_url: str, language: str | None = None
) -> int:
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
                base_url, reverse("organisations:invitation", kwargs={"token": token})
            ),
        }

    return _message(
        template="invitation", context=context, to=invitation.email, language=language
    ).send()
