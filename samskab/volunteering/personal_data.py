"""What volunteering stores about a person (for "download my data") and what it removes
when they delete their account (see ``samskab.accounts.personal_data``)."""

from samskab.volunteering import selectors, services
from samskab.volunteering.models import VolunteerMessage


def _iso(value):
    return value.isoformat() if value else None


def collect_personal_data(user) -> dict:
    profile = selectors.profile_of(user)
    entries = selectors.volunteer_history(user)
    sent = VolunteerMessage.objects.filter(sent_by=user).select_related("opportunity")
    return {
        "profile": None
        if profile is None
        else {
            "towns": [town.name for town in profile.towns.all()],
            "weekly_availability": list(profile.availability),
            "interests": [interest.name for interest in profile.interests.all()],
            "skills": [skill.name for skill in profile.skills.all()],
            "languages": [language.code for language in profile.languages.all()],
            "about": profile.about,
            "phone": profile.phone,
            "share_phone": profile.share_phone,
            "share_profile": profile.share_profile,
            "ad_hoc_alerts": profile.ad_hoc_alerts,
            "max_alerts_per_week": profile.max_alerts_per_week,
            "quiet_hours_start": _iso(profile.quiet_hours_start),
            "quiet_hours_end": _iso(profile.quiet_hours_end),
            "created_at": _iso(profile.created_at),
            "updated_at": _iso(profile.updated_at),
        },
        "hours": [
            {
                "organisation": entry.organisation.name,
                "opportunity": entry.opportunity.title if entry.opportunity_id else None,
                "date": _iso(entry.date),
                "hours": str(entry.hours),
                "hours_logged": str(entry.claimed_hours) if entry.claimed_hours else None,
                "source": entry.source,
                "status": entry.status,
                "description": entry.description,
                "note_from_coordinator": entry.review_note,
                "reviewed_at": _iso(entry.reviewed_at),
                "thank_you_sent_at": _iso(entry.thanked_at),
            }
            for entry in entries
        ],
        "messages_sent_to_volunteers": [
            {
                "opportunity": message.opportunity.title,
                "subject": message.subject,
                "body": message.body,
                "recipients": message.recipient_count,
                "sent_at": _iso(message.sent_at),
            }
            for message in sent
        ],
    }


def forget_personal_data(user) -> None:
    """The profile goes; hours stay, anonymised, for the organisations' statistics (see
    ``services.forget_volunteer``). Messages the person sent as a coordinator stay with the
    organisation without "sent by" (SET_NULL); the person named as an opportunity's
    contact is removed from it (SET_NULL)."""
    services.forget_volunteer(user)
