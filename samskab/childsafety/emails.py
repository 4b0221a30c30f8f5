"""The email that tells a volunteer why an organisation will ask for their børneattest,
in the volunteer's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskab.booking import conf as booking_conf
from samskab.childsafety import conf


def rule_context() -> dict:
    """The rule's numbers, for texts that explain it."""
    return {
        "max_days": conf.max_days_in_window(),
        "window_months": conf.window_months(),
        "max_consecutive_days": conf.max_consecutive_days(),
    }


def build_attest_needed_email(status) -> EmailMessage:
    volunteer = status.volunteer
    language = volunteer.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            **rule_context(),
            "recipient_name": volunteer.get_short_name(),
            "organisation": status.organisation.name,
            "rule": status.rule,
            "my_page_url": f"{booking_conf.site_url()}{reverse('childsafety:mine')}",
            "municipality_name": settings.MUNICIPALITY_NAME,
        }
        subject = " ".join(
            render_to_string("childsafety/email/attest_needed_subject.txt", context).split()
        )
        body = render_to_string("childsafety/email/attest_needed.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[volunteer.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
