"""The 'Upcoming activities' section on an organisation's page, the card the catalogue
reuses, and the personal data the activities app adds to the download."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from samskab.activities import selectors, services
from samskab.activities.personal_data import collect_personal_data
from samskab.activities.tests.helpers import count_queries
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    TownFactory,
    UserFactory,
    one_off,
    weekly,
)

pytestmark = pytest.mark.django_db


def organisation_page(organisation):
    return f"/foreninger/{organisation.slug}/"


def test_the_organisation_page_lists_its_upcoming_activities(client):
    organisation = OrganisationFactory()
    shown = ActivityFactory(organisation=organisation, title_da="Kor", come_alone_welcome=True)
    one_off(shown)
    ActivityFactory(organisation=organisation, title_da="Uden datoer")
    unpublished = ActivityFactory(organisation=organisation, is_published=False, title_da="Skjult")
    one_off(unpublished)
    html = client.get(organisation_page(organisation)).content.decode()
    assert "Kommende aktiviteter" in html
    assert "Kor" in html
    assert "Kom alene — du bliver taget godt imod" in html
    assert "Uden datoer" not in html and "Skjult" not in html
    assert f"/aktiviteter/forening/{organisation.slug}/kalender.ics" in html


def test_an_organisation_without_coming_activities_has_no_section(client):
    organisation = OrganisationFactory()
    html = client.get(organisation_page(organisation)).content.decode()
    assert "Kommende aktiviteter" not in html


def test_the_organisation_page_needs_the_same_queries_for_one_or_many_activities(client):
    few_org, many_org = OrganisationFactory(), OrganisationFactory()
    one_off(ActivityFactory(organisation=few_org))
    for _ in range(5):
        weekly(ActivityFactory(organisation=many_org), weeks=2)
    few, _ = count_queries(client, organisation_page(few_org))
    many, response = count_queries(client, organisation_page(many_org))
    assert response.content.decode().count('class="card activities-card"') == 5
    assert few == many


def test_kept_cards_spare_the_organisation_page_reading_their_activities(client, settings):
    """A page built again (its kept copy forgotten) shows the kept cards of its upcoming
    activities: it reads which cards, not the activities, their sessions or places."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.CARD_CACHE_SECONDS = 300
    from samskab.organisations import cached_pages

    organisation = OrganisationFactory()
    for title in ("Kor", "Strik", "Petanque"):
        weekly(ActivityFactory(organisation=organisation, title_da=title), weeks=2)
    first, _ = count_queries(client, organisation_page(organisation))
    cached_pages.PAGES.forget()
    again, kept = count_queries(client, organisation_page(organisation))

    assert again <= first - 3
    assert kept.content.decode().count('class="card activities-card"') == 3
    assert "Petanque" in kept.content.decode()


def test_the_catalogue_selectors_filter_and_sort_by_the_next_session():
    later = ActivityFactory(title_da="Senere", come_alone_welcome=True)
    one_off(later, days=9)
    sooner = ActivityFactory(title_da="Snart", price=10)
    one_off(sooner, days=2)
    nothing_planned = ActivityFactory(title_da="Intet")
    activities = list(
        selectors.activity_list_queryset()
        .filter(next_session_id__isnull=False)
        .order_by(selectors.SOONEST)
    )
    assert [a.title_da for a in activities] == ["Snart", "Senere"]
    assert nothing_planned not in activities
    assert list(selectors.activity_list_queryset().come_alone()) == [later]
    assert list(selectors.activity_list_queryset().free().filter(pk=sooner.pk)) == []
    nearest = (
        selectors.activity_list_queryset()
        .with_distance_from(latitude=55.3285, longitude=8.7620)
        .order_by("distance_km")
        .first()
    )
    assert nearest.distance_km < 1
    attached = selectors.attach_next_sessions(activities)
    assert attached[0].next_session.activity == sooner


def test_personal_data_has_the_feed_without_its_secret():
    from samskab.accounts.personal_data import personal_data_sections

    assert personal_data_sections()["calendar_and_activities"] is collect_personal_data
    user = UserFactory()
    assert collect_personal_data(user)["personal_calendar_feed"] is None
    feed = services.personal_feed(user=user)
    ActivityFactory(created_by=user, title_da="Min aktivitet")
    data = collect_personal_data(user)
    assert data["personal_calendar_feed"]["created_at"]
    assert feed.token not in str(data)
    assert data["activities_created"][0]["title"] == "Min aktivitet"


def test_session_filters_for_dates_weekdays_and_times_of_day():
    activity = ActivityFactory()
    morning = one_off(activity, days=2, start=time(9), end=time(11))
    evening = one_off(activity, days=3, start=time(19), end=time(21))
    cancelled = one_off(activity, days=4, start=time(9), end=time(11))
    services.cancel_session(session=cancelled, reason="Sygdom", by=None)
    one_off(ActivityFactory(is_published=False), days=2)

    def found(**filters):
        return list(selectors.upcoming_sessions(session_q=selectors.session_filter(**filters)))

    assert found() == [morning, evening]
    assert found(times_of_day=[selectors.TimeOfDay.EVENING]) == [evening]
    assert found(weekdays=[morning.weekday]) == [morning]
    start = timezone.localtime(evening.starts_at).replace(hour=0, minute=0)
    assert found(start=start, end=start + timedelta(days=1)) == [evening]
    assert found()[0].booking_slot is not None
    by_time = selectors.activity_list_queryset(
        session_q=selectors.session_filter(times_of_day=[selectors.TimeOfDay.EVENING])
    ).get(pk=activity.pk)
    assert by_time.next_session_id == evening.pk


def test_town_for_a_postcode_or_a_name():
    ribe = TownFactory()
    assert selectors.town_for("6760") == ribe
    assert selectors.town_for(" RIBE ") == ribe
    assert selectors.town_for("") is None
    assert selectors.town_for("Atlantis") is None
