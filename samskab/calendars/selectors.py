"""Reading calendar subscriptions for the organisation's pages, in a fixed number of
queries."""

from django.db.models import QuerySet

from samskab.activities.models import Activity
from samskab.calendars.models import CalendarSubscription


def subscriptions_of(organisation) -> QuerySet[CalendarSubscription]:
    return CalendarSubscription.objects.filter(organisation=organisation).select_related("activity")


def subscription_of(organisation, pk: int) -> CalendarSubscription | None:
    """The organisation's subscription ``pk``; None for another organisation's."""
    return subscriptions_of(organisation).filter(pk=pk).first()


def activities_to_import_into(organisation) -> QuerySet[Activity]:
    return Activity.objects.filter(organisation=organisation).order_by("title", "pk")
