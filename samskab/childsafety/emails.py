"""The email that tells a volunteer why an organisation will ask for their børneattest,
in the volunteer's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from samskab.childsafety import conf
from samskab.core import emails as core_emails
from samskab.core.emails import absolute_url, language_of


def rule_context() -> dict:
    """The rule's numbers, for texts that explain it."""
    return {
        "max_days": conf.max_days_in_window(),
        "window_months": conf.window_months(),
        "max_consecutive_days": conf.max_consecutive_days(),
    }


def build_attest_needed_email(status) -> EmailMessage:
    volunteer = status.volunteer

    def context():
        return {
            **rule_context(),
            "recipient_name": volunteer.get_short_name(),
            "organisation": status.organisation.name,
            "rule": status.rule,
            "my_page_url": absolute_url(reverse("childsafety:mine")),
            "municipality_name": settings.MUNICIPALITY_NAME,
        }

    return core_emails.render_email(
        subject_template="childsafety/email/attest_needed_subject.txt",
        body_template="childsafety/email/attest_needed.txt",
        context=context,
        to=volunteer.email,
        language=language_of(volunteer),
    )
