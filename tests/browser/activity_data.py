"""Organisations, activities and sign-ups for the browser tests of activities, booking and
organisations, made with the apps' own factories and services; and the links that the
booking engine's emails carry.

The live server's database is emptied after each test, so the reference rows (towns, age
groups, languages) come from the factories, which fetch or create them by their slug."""

import re
from datetime import time, timedelta

from django.utils import timezone

from samskab.activities import services
from samskab.activities.models import Activity
from samskab.vision.models import FocusArea
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    FocusAreaFactory,
    LanguageFactory,
    OrganisationFactory,
    TownFactory,
)

SIGN_UP = Activity.Participation.SIGN_UP


def ribe_knitting_club():
    return OrganisationFactory(
        name="Ribe Strikkeklub",
        slug="ribe-strikkeklub",
        town="Ribe",
        postcode="6760",
        street="Sct. Nicolaj Gade 14",
        contact_name="Karen Jensen",
        contact_email="strik@ribe-strikkeklub.example.dk",
        description_da="Vi strikker sammen hver uge på biblioteket.",
        description_en="We knit together every week at the library.",
    )


def community_focus_area():
    existing = FocusArea.objects.filter(slug="faellesskab-og-mangfoldighed").first()
    return existing or FocusAreaFactory(
        slug="faellesskab-og-mangfoldighed",
        title_da="Fællesskab og mangfoldighed",
        title_en="Community and diversity",
    )


def esbjerg():
    return TownFactory(
        slug="esbjerg", name="Esbjerg", postcode="6700", latitude=55.4765, longitude=8.4594
    )


def knitting_cafe(organisation=None, **fields):
    """A free sign-up activity in Ribe where you may come alone, with the facts the activity
    page shows (accessibility, age group, languages with a native name)."""
    values = {
        "organisation": organisation or ribe_knitting_club(),
        "title_da": "Strikkecafé på Ribe Bibliotek",
        "title_en": "Knitting café at Ribe Library",
        "description_da": "Vi strikker, drikker kaffe og hjælper hinanden i gang.",
        "description_en": "We knit, drink coffee and help each other get started.",
        "participation": SIGN_UP,
        "come_alone_welcome": True,
        "step_free_access": True,
        "hearing_loop": True,
        "accessibility_note_da": "Elevatoren er ved bagindgangen.",
        "accessibility_note_en": "The lift is at the back entrance.",
        "age_groups": [AgeGroupFactory()],
        "languages": [
            LanguageFactory(),
            LanguageFactory(
                code="uk", name_da="Ukrainsk", name_en="Ukrainian", native_name="українська"
            ),
        ],
        "focus_areas": [community_focus_area()],
    }
    values.update(fields)
    return ActivityFactory(**values)


def later_today():
    """A session that starts within a few hours: this week, and still open for sign-up."""
    start = (timezone.localtime() + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
    return services.SingleDateSpec(
        day=start.date(), start_time=start.time(), end_time=(start + timedelta(hours=1)).time()
    )


def session_on(activity, spec, *, capacity=None):
    return services.add_session(
        activity=activity,
        spec=services.SingleDateSpec(
            day=spec.day, start_time=spec.start_time, end_time=spec.end_time, capacity=capacity
        ),
    )


def one_session(activity, *, days=3, capacity=None, start=time(10), end=time(12)):
    return services.add_session(
        activity=activity,
        spec=services.SingleDateSpec(
            day=timezone.localdate() + timedelta(days=days),
            start_time=start,
            end_time=end,
            capacity=capacity,
        ),
    )


def move_to_the_past(session, *, days_ago=7):
    """A session that took place: the services refuse to create one in the past."""
    shift = timedelta(days=days_ago) + (session.starts_at - timezone.now())
    slot = session.booking_slot
    type(session).objects.filter(pk=session.pk).update(
        starts_at=session.starts_at - shift, ends_at=session.ends_at - shift
    )
    type(slot).objects.filter(pk=slot.pk).update(
        starts_at=slot.starts_at - shift, ends_at=slot.ends_at - shift
    )


# --- the emails -----------------------------------------------------------------------------


def link_in(message, live_server, kind: str) -> str:
    """The booking link of ``kind`` ("bekraeft", "afmeld" or "tilbud") in an email; it must
    lead to the live server (SITE_URL), so the browser can open it."""
    match = re.search(rf"https?://\S+/tilmelding/{kind}/\S+/", message.body)
    assert match, f"No /tilmelding/{kind}/ link in:\n{message.body}"
    link = match.group(0)
    assert link.startswith(live_server.url), link
    return link


def emails_to(mailoutbox, address: str) -> list:
    return [message for message in mailoutbox if message.to == [address]]


def one_email_to(mailoutbox, address: str, subject: str):
    found = [message for message in emails_to(mailoutbox, address) if message.subject == subject]
    assert len(found) == 1, [(message.to, message.subject) for message in mailoutbox]
    return found[0]
