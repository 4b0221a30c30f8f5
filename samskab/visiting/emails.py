"""Emails of visiting friends, each in its recipient's language:

- a proposal, to each side, with a link that works without logging in (answer with one
  click on the page it opens); it says nothing about who the other side is;
- "you both said yes", to each side, with the link to the page that now shows the other's
  name and contact details;
- a declined proposal, to the coordinator who proposed it and to the other side.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskab.booking import conf as booking_conf

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return f"{booking_conf.site_url()}{path}"


def _language_of(user) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def _build(kind: str, *, to_user, context: dict) -> EmailMessage:
    with translation.override(_language_of(to_user)):
        context = {
            **context,
            "recipient_name": to_user.get_short_name(),
            "mine_url": absolute_url(reverse("visiting:mine")),
            "municipality_name": settings.MUNICIPALITY_NAME,
        }
        if "answer_token" in context:
            context["answer_url"] = absolute_url(
                reverse("visiting:answer", kwargs={"token": context["answer_token"]})
            )
        subject = " ".join(render_to_string(f"visiting/email/{kind}_subject.txt", context).split())
        body = render_to_string(f"visiting/email/{kind}.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[to_user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def _send(build, what: str) -> int:
    """Build the messages and send them over one connection. Emails go after the change is
    committed; a failure (a mail server down) is logged and never undoes the change."""
    try:
        messages = build()
        with get_connection() as connection:
            return connection.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send the visiting-friend emails about %s", what)
        return 0


def send_proposal(match, *, citizen_token: str, volunteer_token: str) -> int:
    def build():
        organisation = match.request.programme.organisation.name
        return [
            _build(
                "proposal_citizen",
                to_user=match.request.requested_by,
                context={
                    "organisation": organisation,
                    "person_name": match.request.person_name,
                    "for_self": match.request.relation == "self",
                    "answer_token": citizen_token,
                },
            ),
            _build(
                "proposal_volunteer",
                to_user=match.offer.profile.user,
                context={
                    "organisation": organisation,
                    "town": match.request.town.name,
                    "answer_token": volunteer_token,
                },
            ),
        ]

    return _send(build, f"match {match.pk}")


def send_matched(match) -> int:
    def build():
        organisation = match.request.programme.organisation.name
        return [
            _build("matched", to_user=user, context={"organisation": organisation})
            for user in (match.request.requested_by, match.offer.profile.user)
        ]

    return _send(build, f"match {match.pk}")


def send_declined(match, *, declined_by: str) -> int:
    """Tell the side that did not decline, and the coordinator who proposed."""

    def build():
        organisation = match.request.programme.organisation
        other = match.offer.profile.user if declined_by == "citizen" else match.request.requested_by
        messages = [
            _build(
                "declined_other_side",
                to_user=other,
                context={
                    "organisation": organisation.name,
                    "other_is_volunteer": declined_by == "volunteer",
                },
            )
        ]
        if match.proposed_by_id and match.proposed_by.is_active:
            with translation.override(_language_of(match.proposed_by)):
                request_path = reverse(
                    "visiting:manage_request",
                    kwargs={"slug": organisation.slug, "pk": match.request_id},
                )
            messages.append(
                _build(
                    "declined_coordinator",
                    to_user=match.proposed_by,
                    context={
                        "organisation": organisation.name,
                        "person_name": match.request.person_name,
                        "volunteer_name": match.offer.profile.user.get_full_name(),
                        "declined_by_volunteer": declined_by == "volunteer",
                        "request_url": absolute_url(request_path),
                    },
                )
            )
        return messages

    return _send(build, f"match {match.pk}")
