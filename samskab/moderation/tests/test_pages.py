"""The report page, the author's request for a new review, the staff's inbox (who may
use it, bulk decisions with a required reason, a fixed number of queries) and the public
monthly figures."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samskab.moderation import services
from samskab.moderation.models import ModerationState, Report, Review
from samskab.moderation.selectors import content_type_id_of
from tests.factories import CommentFactory, DiscussionFactory, UserFactory, make_municipal_staff

pytestmark = pytest.mark.django_db

INBOX = "/moderation/"


@pytest.fixture(autouse=True)
def _discussion_pages(settings):
    settings.ROOT_URLCONF = "tests.discussion_owner.urls"


@pytest.fixture
def staff(db):
    return make_municipal_staff(display_name="Mette Moderator")


def page(response) -> str:
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def report_address(item):
    return reverse("moderation:report", args=[content_type_id_of(item), item.pk])


def review_address(item):
    return reverse("moderation:request_review", args=[content_type_id_of(item), item.pk])


# --- reporting ------------------------------------------------------------------------------


def test_the_report_page_shows_the_item_and_the_reasons(client, discussion, readers):
    client.force_login(readers[0])
    text = page(client.get(report_address(discussion)))
    assert "Flere bænke ved stranden" in text
    assert "Spam eller reklame" in text and "Krænkende, hadefuldt eller truende" in text


def test_reporting_thanks_and_goes_back(client, discussion, readers):
    client.force_login(readers[0])
    response = client.post(
        report_address(discussion), {"reason": "spam", "text": "Reklame for en butik"}
    )
    assert response.status_code == 302
    assert response["Location"] == discussion.get_absolute_url()
    assert messages_of(response) == [
        "Tak, fordi du sagde til. Kommunens moderatorer kigger på det."
    ]
    again = client.post(report_address(discussion), {"reason": "other"})
    assert messages_of(again)[-1] == "Du har allerede anmeldt dette. Tak – kommunen kigger på det."
    assert Report.objects.count() == 1


def test_a_report_without_a_reason_is_refused_and_the_text_kept(client, discussion, readers):
    client.force_login(readers[0])
    response = client.post(report_address(discussion), {"text": "<b>noget</b> er galt"})
    assert response.status_code == 200
    assert "Vælg, hvad der er galt." in page(response)
    assert "&lt;b&gt;noget&lt;/b&gt; er galt" in page(response)
    assert not Report.objects.exists()


def test_reporting_too_fast_answers_429(client, readers, settings):
    settings.MODERATION_REPORT_RATE = "1/h"
    first, second = DiscussionFactory.create_batch(2)
    client.force_login(readers[0])
    client.post(report_address(first), {"reason": "spam"})
    response = client.post(report_address(second), {"reason": "spam", "text": "igen"})
    assert response.status_code == 429
    assert "Du har anmeldt mange ting på kort tid" in page(response)


def test_who_may_not_report(client, discussion, author):
    assert client.get(report_address(discussion)).status_code == 302  # to the login
    client.force_login(author)
    assert client.post(report_address(discussion), {"reason": "spam"}).status_code == 403
    held = DiscussionFactory(moderation_state=ModerationState.HELD)
    client.force_login(UserFactory())
    assert client.get(report_address(held)).status_code == 404
    # Only moderated models; unknown ids.
    user_type = content_type_id_of(author)
    assert client.get(f"/moderation/anmeld/{user_type}/{author.pk}/").status_code == 404
    assert (
        client.get(f"/moderation/anmeld/{content_type_id_of(discussion)}/999/").status_code == 404
    )


def test_a_next_address_off_the_site_is_ignored(client, discussion, readers):
    client.force_login(readers[0])
    response = client.post(
        report_address(discussion), {"reason": "spam", "next": "https://evil.example/"}
    )
    assert response["Location"] == discussion.get_absolute_url()


# --- the author's request -----------------------------------------------------------------


def test_the_hidden_item_shows_its_author_why_and_the_request_button(
    client, discussion, author, readers, staff
):
    services.hide(discussion, reason="Reklame for en butik.", by=staff)
    client.force_login(readers[0])
    assert client.get(discussion.get_absolute_url()).status_code == 404
    client.force_login(author)
    text = page(client.get(discussion.get_absolute_url()))
    assert "Skjult: kun du og kommunen kan se dette" in text
    assert "Reklame for en butik." in text
    assert review_address(discussion) in text
    response = client.post(review_address(discussion), {"next": discussion.get_absolute_url()})
    assert response["Location"] == discussion.get_absolute_url()
    assert "Du har bedt om en ny vurdering" in messages_of(response)[0]
    assert Review.objects.filter(closed_at__isnull=True, cause="review_requested").exists()
    text = page(client.get(discussion.get_absolute_url()))
    assert review_address(discussion) not in text
    assert "Du har bedt om en ny vurdering." in text
    again = client.post(review_address(discussion))
    assert "Du kan ikke bede om en ny vurdering" in messages_of(again)[0]


def test_only_the_author_asks_for_a_new_review(client, discussion, readers, staff):
    services.hide(discussion, reason="Nej.", by=staff)
    client.force_login(readers[0])
    assert client.post(review_address(discussion)).status_code == 404
    published = DiscussionFactory()
    assert client.post(review_address(published)).status_code == 403


# --- the inbox ------------------------------------------------------------------------------


def test_only_municipal_staff_open_the_inbox(client, readers, staff):
    assert client.get(INBOX).status_code == 302
    client.force_login(readers[0])
    assert client.get(INBOX).status_code == 403
    client.force_login(UserFactory(is_staff=True))  # staff status, not municipal staff
    assert client.get(INBOX).status_code == 403
    client.force_login(staff)
    assert client.get(INBOX).status_code == 200
    with translation.override("en"):
        assert client.get(reverse("moderation:inbox")).status_code == 200


def test_the_inbox_lists_held_hidden_and_reported_items_of_every_model(
    client, discussion, readers, staff
):
    services.report(discussion, reporter=readers[0], reason="spam", text="Reklame!")
    comment = CommentFactory(text="Mit første indlæg")
    services.screen(comment, text=comment.text)
    client.force_login(staff)
    text = page(client.get(INBOX))
    assert "2 indlæg venter." in text
    assert "Flere bænke ved stranden" in text and "Mit første indlæg" in text
    assert "Spam eller reklame: 1" in text and "“Reklame!”" in text
    assert "Første indlæg" in text
    assert discussion.get_absolute_url() in text
    assert comment.get_absolute_url() in text
    held_only = page(client.get(INBOX + "?show=held"))
    assert "Mit første indlæg" in held_only and "Flere bænke" not in held_only


def _inbox_with(count: int, readers):
    for discussion in DiscussionFactory.create_batch(count):
        services.report(discussion, reporter=readers[0], reason="spam", text="Reklame")
    for comment in CommentFactory.create_batch(count):
        services.report(comment, reporter=readers[1], reason="offensive")


def test_the_inbox_costs_the_same_for_2_or_40_items(client, readers, staff, settings):
    settings.MODERATION_REPORT_RATE = ""
    client.force_login(staff)
    _inbox_with(1, readers)
    client.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX)
    _inbox_with(20, readers)
    with CaptureQueriesContext(connection) as many:
        response = client.get(INBOX)
    assert page(response).count('name="reviews"') == 42
    assert len(many) == len(few)


def test_bulk_hide_needs_a_reason_and_keeps_the_ticks(client, readers, staff):
    items = DiscussionFactory.create_batch(3)
    for item in items:
        services.report(item, reporter=readers[0], reason="spam")
    reviews = list(Review.objects.order_by("pk"))
    client.force_login(staff)
    response = client.post(
        INBOX, {"reviews": [reviews[0].pk, reviews[1].pk], "action": "hide", "reason": ""}
    )
    assert response.status_code == 200
    text = page(response)
    assert "Skriv en begrundelse: forfatteren får den at vide." in text
    assert f'value="{reviews[0].pk}" id="tick-{reviews[0].pk}" checked' in text
    assert f'value="{reviews[2].pk}" id="tick-{reviews[2].pk}">' in text
    assert all(review.is_open for review in Review.objects.all())


def test_bulk_hide_and_publish(client, readers, staff, run_on_commit):
    items = DiscussionFactory.create_batch(3)
    for item in items:
        services.report(item, reporter=readers[0], reason="spam")
    reviews = list(Review.objects.order_by("pk"))
    client.force_login(staff)
    with run_on_commit():
        response = client.post(
            INBOX,
            {"reviews": [reviews[0].pk, reviews[1].pk], "action": "hide", "reason": "Reklame."},
        )
    assert response.status_code == 302
    assert messages_of(response) == ["2 indlæg afgjort. Forfatterne får besked på e-mail."]
    assert len(mail.outbox) == 2
    for item in items:
        item.refresh_from_db()
    assert [item.is_hidden for item in items] == [True, True, False]
    client.post(INBOX, {"reviews": [reviews[2].pk], "action": "publish", "reason": "Fint."})
    items[2].refresh_from_db()
    assert items[2].is_published
    assert not Review.objects.filter(closed_at__isnull=True).exists()
    assert "Intet venter. Tak!" in page(client.get(INBOX))


def test_citizens_cannot_post_decisions(client, discussion, readers):
    services.report(discussion, reporter=readers[0], reason="spam")
    review = Review.objects.get()
    client.force_login(readers[1])
    response = client.post(INBOX, {"reviews": [review.pk], "action": "hide", "reason": "x"})
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.is_open


def test_a_tampered_decision_is_refused_not_a_500(client, discussion, readers, staff):
    services.report(discussion, reporter=readers[0], reason="spam")
    client.force_login(staff)
    for data in (
        {"reviews": ["abc"], "action": "hide", "reason": "x"},
        {"reviews": ["999999"], "action": "hide", "reason": "x"},
        {"reviews": [Review.objects.get().pk], "action": "delete", "reason": "x"},
        {"reason": "x" * 5000, "action": "hide"},
    ):
        assert client.post(INBOX, data).status_code == 200


# --- the public figures ---------------------------------------------------------------------


def test_the_figures_are_public(client, discussion, readers, staff):
    services.report(discussion, reporter=readers[0], reason="spam")
    services.decide(
        Review.objects.values_list("pk", flat=True), outcome="hidden", reason="x", by=staff
    )
    response = client.get(reverse("moderation:figures"))
    assert response.status_code == 200
    text = page(response)
    assert "Moderering i tal" in text
    assert "Typisk ventetid på en afgørelse (median)" in text
    with translation.override("en"):
        english = page(client.get(reverse("moderation:figures")))
    assert "Moderation in figures" in english


# --- one item, where staff meet it --------------------------------------------------------


def moderate_address(item):
    return reverse("moderation:moderate", args=[content_type_id_of(item), item.pk])


def test_staff_hide_and_publish_one_item_where_they_meet_it(
    client, discussion, author, staff, run_on_commit
):
    comment = CommentFactory(target=discussion, text="Noget grimt")
    client.force_login(staff)
    thread = page(client.get(discussion.get_absolute_url()))
    assert moderate_address(comment) in thread
    assert "Noget grimt" in page(client.get(moderate_address(comment)))
    refused = client.post(moderate_address(comment), {"action": "hide", "reason": ""})
    assert "Skriv en begrundelse" in page(refused)
    with run_on_commit():
        response = client.post(
            moderate_address(comment),
            {"action": "hide", "reason": "Personangreb.", "next": discussion.get_absolute_url()},
        )
    assert response["Location"] == discussion.get_absolute_url()
    comment.refresh_from_db()
    assert comment.is_hidden and comment.moderation_reason == "Personangreb."
    assert len(mail.outbox) == 1
    client.post(moderate_address(comment), {"action": "publish", "reason": "Fejl."})
    comment.refresh_from_db()
    assert comment.is_published


def test_citizens_do_not_moderate(client, discussion, readers):
    client.force_login(readers[0])
    assert client.get(moderate_address(discussion)).status_code == 403
    assert (
        client.post(moderate_address(discussion), {"action": "hide", "reason": "x"}).status_code
        == 403
    )
    discussion.refresh_from_db()
    assert discussion.is_published
    assert moderate_address(discussion) not in page(client.get(discussion.get_absolute_url()))
