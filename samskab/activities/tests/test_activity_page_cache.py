"""The activity page is kept for visitors who are not logged in, and every change to what it
shows is on the next page; sign-up through a kept page works with CSRF checks on."""

import re
import time as clock

import pytest
from django.test import Client

from samskab.activities.models import Activity
from samskab.activities.tests.helpers import url
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from tests.factories import (
    ActivityFactory,
    UserFactory,
    one_off,
)
from tests.page_cache import fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """Whatever a local .env says, these tests are about the cache being on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def detail_url(activity, language="da"):
    return url("detail", language, pk=activity.pk, slug=activity.slug)


def tokens_in(html) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)


@pytest.fixture
def sign_up_activity():
    activity = ActivityFactory(
        title_da="Strikkecafé",
        title_en="Knitting café",
        participation=Activity.Participation.SIGN_UP,
    )
    one_off(activity, capacity=3)
    return activity


def test_the_second_visitor_gets_the_page_from_the_cache(client, sign_up_activity):
    first, cold = fetch(client, detail_url(sign_up_activity))
    second, warm = fetch(Client(), detail_url(sign_up_activity))

    assert cold >= 5
    assert warm <= 2
    assert "Strikkecafé" in second and "3 ledige pladser" in second
    # Apart from each visitor's own form token, it is the same page.
    assert re.sub(r'value="[^"]{64}"', "", first) == re.sub(r'value="[^"]{64}"', "", second)


def test_each_visitor_gets_their_own_csrf_token_never_a_placeholder(client, sign_up_activity):
    first_html, _ = fetch(client, detail_url(sign_up_activity))
    other = Client()
    second = other.get(detail_url(sign_up_activity))
    second_html = second.content.decode()

    assert "csrf-placeholder" not in first_html + second_html
    first_tokens, second_tokens = tokens_in(first_html), tokens_in(second_html)
    assert len(first_tokens) == len(second_tokens) == 1
    assert len(second_tokens[0]) == 64
    assert first_tokens != second_tokens
    # The visitor gets the cookie their token belongs to.
    assert "csrftoken" in second.cookies


def test_a_visitor_signs_up_through_a_kept_page_with_csrf_checks_on(client, sign_up_activity):
    client.get(detail_url(sign_up_activity))  # another visitor fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html, queries = fetch(visitor, detail_url(sign_up_activity))
    assert queries <= 2
    slot = sign_up_activity.sessions.get().booking_slot
    action = re.search(r'<form method="post" action="([^"]*)"', html).group(1)
    assert action == f"/tilmelding/{slot.pk}/"

    response = visitor.post(
        action,
        {
            "csrfmiddlewaretoken": tokens_in(html)[0],
            "next": detail_url(sign_up_activity),
            "name": "Bente Besøg",
            "email": "bente@example.org",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[0][0] == detail_url(sign_up_activity)
    assert "bente@example.org" in response.content.decode()  # the message, on a fresh page
    booking = Booking.objects.get(slot=slot)
    assert booking.guest_email == "bente@example.org"


def test_a_form_posted_without_the_visitors_token_is_refused(client, sign_up_activity):
    client.get(detail_url(sign_up_activity))
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(detail_url(sign_up_activity))
    slot = sign_up_activity.sessions.get().booking_slot

    response = visitor.post(
        f"/tilmelding/{slot.pk}/",
        {"csrfmiddlewaretoken": "x" * 64, "name": "Bente", "email": "bente@example.org"},
    )

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_a_changed_title_is_on_the_next_page(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity))
    sign_up_activity.title_da = "Strikkeklub"
    sign_up_activity.save()

    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Strikkeklub" in html


def test_a_cancelled_session_is_on_the_next_page(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity))
    slot = sign_up_activity.sessions.get().booking_slot
    booking_services.cancel_slot(slot=slot, reason="Sygdom", by=None)

    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Aflyst" in html and "Sygdom" in html


def test_a_booking_changes_the_places_left_on_the_next_page(client, sign_up_activity):
    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "3 ledige pladser" in html
    slot = sign_up_activity.sessions.get().booking_slot
    booking = booking_services.request_booking(slot=slot, user=UserFactory()).booking

    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "2 ledige pladser" in html

    booking_services.cancel_booking(booking=booking)
    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "3 ledige pladser" in html


def test_a_renamed_organisation_and_new_session_are_on_the_next_page(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity))
    organisation = sign_up_activity.organisation
    organisation.name = "Ribe Strikkeforening"
    organisation.save()
    one_off(sign_up_activity, days=10, capacity=5)

    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Ribe Strikkeforening" in html
    assert "5 ledige pladser" in html


def test_a_booking_forgets_only_the_pages_that_show_its_session(client, sign_up_activity):
    other = ActivityFactory(title_da="Gåtur", participation=Activity.Participation.SIGN_UP)
    one_off(other, capacity=4)
    fetch(client, detail_url(sign_up_activity))
    fetch(client, detail_url(other))
    organisation_page = sign_up_activity.organisation.get_absolute_url()
    other_organisation_page = other.organisation.get_absolute_url()
    fetch(client, organisation_page)
    fetch(client, other_organisation_page)

    slot = sign_up_activity.sessions.get().booking_slot
    booking_services.request_booking(slot=slot, user=UserFactory())

    # The other activity's page and its organisation's page are still kept...
    html, queries = fetch(client, detail_url(other))
    assert queries <= 2 and "4 ledige pladser" in html
    _, queries = fetch(client, other_organisation_page)
    assert queries <= 2
    # ...while the booked session's pages show the booking at once.
    html, queries = fetch(client, detail_url(sign_up_activity))
    assert queries > 2 and "2 ledige pladser" in html
    html, queries = fetch(client, organisation_page)
    assert queries > 2 and "2 ledige pladser" in html


def test_an_organisation_edit_forgets_its_activity_pages_only(client, sign_up_activity):
    other = ActivityFactory(title_da="Gåtur")
    one_off(other)
    fetch(client, detail_url(sign_up_activity))
    fetch(client, detail_url(other))

    organisation = sign_up_activity.organisation
    organisation.name = "Ribe Strikkeforening"
    organisation.save()

    _, queries = fetch(client, detail_url(other))
    assert queries <= 2
    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Ribe Strikkeforening" in html


def test_a_change_of_a_reference_list_still_forgets_every_page(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity))
    town = sign_up_activity.town
    town.name = "Ribe by"
    town.save()

    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Ribe by" in html


def test_logged_in_the_parts_that_are_the_same_for_everyone_come_from_the_cache(
    client, sign_up_activity
):
    client.force_login(UserFactory(display_name="Grethe Nielsen"))
    _, first = fetch(client, detail_url(sign_up_activity))
    html, second = fetch(client, detail_url(sign_up_activity))
    assert "Grethe Nielsen" in html and "Strikkecafé" in html
    # The lists only the kept parts show (focus areas, interests, age groups and languages in
    # one query, the weekly series in another) are not read again.
    assert second <= first - 2


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda activity: _rename(activity, "Strikkeklub"), id="activity"),
        pytest.param(lambda activity: _rename(activity.organisation, "Ribe Strikkere"), id="org"),
        pytest.param(lambda activity: _rename(activity.town, "Ribe by"), id="town"),
        pytest.param(
            lambda activity: _retitle(activity.focus_areas.get(), "Fællesskab for alle"),
            id="focus area",
        ),
    ],
)
def test_logged_in_every_change_of_a_kept_part_is_on_the_next_page(
    client, sign_up_activity, change
):
    from samskab.vision.models import FocusArea

    if not sign_up_activity.focus_areas.exists():
        sign_up_activity.focus_areas.add(FocusArea.objects.first() or _focus_area())
    client.force_login(UserFactory())
    fetch(client, detail_url(sign_up_activity))

    expected = change(sign_up_activity)

    html, _ = fetch(client, detail_url(sign_up_activity))
    assert expected in html


def _focus_area():
    from tests.factories import FocusAreaFactory

    return FocusAreaFactory(title_da="Fællesskab")


def _rename(row, name):
    if hasattr(row, "title_da"):
        row.title_da = name
    else:
        row.name = name
    row.save()
    return name


def _retitle(area, title):
    area.title_da = title
    area.save()
    return title


def test_someone_logged_in_never_gets_the_kept_page(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity))
    user = UserFactory(display_name="Grethe Nielsen")
    client.force_login(user)

    html, queries = fetch(client, detail_url(sign_up_activity))
    assert "Grethe Nielsen" in html
    assert 'name="email"' not in html  # no visitor form: one click
    assert queries > 5

    client.logout()
    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Grethe Nielsen" not in html
    assert 'name="email"' in html


def test_kept_pages_keep_their_headers_and_personal_pages_are_private(client, sign_up_activity):
    """core.middleware.PrivateCacheMiddleware: a visitor's page is the same whether built
    or taken from the cache, never public; a logged-in person's page is private."""
    cold = client.get(detail_url(sign_up_activity))
    warm = Client().get(detail_url(sign_up_activity))

    for name in ("Cache-Control", "Vary", "Content-Type", "Permissions-Policy"):
        assert cold.get(name) == warm.get(name), name
    # Each sets the visitor's CSRF cookie, so no shared cache may keep it.
    assert warm.cookies
    assert warm["Cache-Control"] == "private"

    client.force_login(UserFactory())
    assert client.get(detail_url(sign_up_activity))["Cache-Control"] == "private, no-cache"


def test_danish_and_english_are_kept_apart(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity))
    fetch(client, detail_url(sign_up_activity, "en"))

    danish, danish_queries = fetch(client, detail_url(sign_up_activity))
    english, english_queries = fetch(client, detail_url(sign_up_activity, "en"))

    assert danish_queries <= 2 and english_queries <= 2
    assert '<html lang="da">' in danish and "Strikkecafé" in danish
    assert '<html lang="en">' in english and "Knitting café" in english
    assert "3 places left" in english


def test_addresses_with_a_query_string_are_not_kept(client, sign_up_activity):
    fetch(client, detail_url(sign_up_activity) + "?utm_source=avis")
    _, queries = fetch(client, detail_url(sign_up_activity) + "?utm_source=avis")
    # Built again (a kept page takes at most two), if from the kept fragments.
    assert queries > 2


def test_zero_seconds_turns_the_cache_off(client, settings, sign_up_activity):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _, cold = fetch(client, detail_url(sign_up_activity))
    _, again = fetch(client, detail_url(sign_up_activity))
    assert again == cold


def test_the_page_expires_after_the_configured_seconds(client, settings, sign_up_activity):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 1
    fetch(client, detail_url(sign_up_activity))
    # A change the signals cannot see (a queryset update).
    Activity.objects.filter(pk=sign_up_activity.pk).update(title_da="Stille ændring")
    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Stille ændring" not in html

    clock.sleep(1.1)
    html, _ = fetch(client, detail_url(sign_up_activity))
    assert "Stille ændring" in html


def test_the_timing_of_a_kept_and_a_built_page(client, sign_up_activity):
    """Not an assertion about speed: prints the in-process figures (pytest -s)."""
    one_off(sign_up_activity, days=5, capacity=4)
    path = detail_url(sign_up_activity)

    def average(settings_seconds, rounds=20):
        from django.test import override_settings

        with override_settings(PUBLIC_PAGE_CACHE_SECONDS=settings_seconds):
            client.get(path)
            started = clock.perf_counter()
            for _ in range(rounds):
                client.get(path)
            return (clock.perf_counter() - started) / rounds * 1000

    built, kept = average(0), average(60)
    print(f"\nactivity page: built {built:.1f} ms, from the cache {kept:.1f} ms")
    assert kept < built
