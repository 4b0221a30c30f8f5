"""Emails of visiting friends, each in its recipient's language:

- a proposal, to each side, with a link that works without logging in (answer with one
  click on the page it opens); it says nothing about who the other side is;
- "you both said yes", to each side, with the link to the page that now shows the other's
  name and contact details;
- a declined proposal, to the coordinator who proposed it and to the other side.

Each goes after the change is committed (``samskab.core.emails.send_later``); a
failure (a mail server down) is logged and never undoes the change.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from samskab.core import emails as core_emails
from samskab.core.emails import absolute_url, language_of


def _build(kind: str, *, to_user, context: dict) -> EmailMessage:
    def full_context():
        extra = {
            "recipient_name": to_user.get_short_name(),
            "mine_url": absolute_url(reverse("visiting:mine")),
            "municipality_name": settings.MUNICIPALITY_NAME,
        }
        if "answer_token" in context:
            extra["answer_url"] = absolute_url(
                reverse("visiting:answer", kwargs={"token": context["answer_token"]})
            )
        return {**context, **extra}

    return core_emails.render_email(
        subject_template=f"visiting/email/{kind}_subject.txt",
        body_template=f"visiting/email/{kind}.txt",
        context=full_context,
        to=to_user.email,
        language=language_of(to_user),
    )


def send_proposal_after_commit(match, *, citizen_token: str, volunteer_token: str) -> None:
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

    core_emails.send_later(build(), about=f"visiting-friend match {match.pk}")


def send_matched_after_commit(match) -> None:
    def build():
        organisation = match.request.programme.organisation.name
        return [
            _build("matched", to_user=user, context={"organisation": organisation})
            for user in (match.request.requested_by, match.offer.profile.user)
        ]

    core_emails.send_later(build(), about=f"visiting-friend match {match.pk}")


def send_declined_after_commit(match, *, declined_by: str) -> None:
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
            with translation.override(language_of(match.proposed_by)):
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

    core_emails.send_later(build(), about=f"visiting-friend match {match.pk}")
