"""Ideas as citizens and staff meet them: proposing (with similar ideas shown first),
reading, supporting once, editing with history, answering, offering help."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.ideas import selectors, services
from samskab.ideas.models import Idea, IdeaRevision, Meaning, Support
from samskab.notifications.models import Notification
from tests.factories import (
    FocusAreaFactory,
    UserFactory,
    answer_status,
    propose_idea,
)

pytestmark = pytest.mark.django_db


def idea_data(focus_area, **overrides):
    data = {
        "title": "Fælles grøntsagshave i Gjesing",
        "text": "En have, hvor naboer dyrker grøntsager sammen og lærer hinanden at kende.",
        "language": "da",
        "focus_areas": [focus_area.pk],
    }
    data.update(overrides)
    return data


def test_proposing_needs_a_login(client):
    response = client.get("/ideer/ny/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_a_similar_idea_is_shown_before_publishing_and_the_author_may_publish_anyway(client):
    existing = propose_idea(title="Grøntsagshave for hele kvarteret")
    area = FocusAreaFactory()
    author = UserFactory()
    client.force_login(author)

    first = client.post("/ideer/ny/", idea_data(area))
    assert first.status_code == 200
    page = first.content.decode()
    assert "Måske har nogen haft samme idé" in page
    assert existing.get_absolute_url() in page
    assert "Fælles grøntsagshave i Gjesing" in page  # what was typed is kept
    assert Idea.objects.count() == 1

    second = client.post("/ideer/ny/", {**idea_data(area), "publish": "1"})
    idea = Idea.objects.exclude(pk=existing.pk).get()
    assert second["Location"] == idea.get_absolute_url()
    assert idea.author == author
    assert idea.status.meaning == Meaning.RECEIVED
    from samskab.notifications import selectors as notification_selectors

    assert notification_selectors.is_following(author, idea)


def test_an_idea_unlike_any_other_is_published_at_once(client):
    client.force_login(UserFactory())
    response = client.post("/ideer/ny/", idea_data(FocusAreaFactory()))
    assert response.status_code == 302
    assert Idea.objects.get().title == "Fælles grøntsagshave i Gjesing"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Dette felt er påkrævet."),
        ({"title": "x" * 151}, "højst have 150 tegn"),
        ({"focus_areas": []}, "Dette felt er påkrævet."),
        ({"latitude": "55.47"}, "Angiv både bredde- og længdegrad eller ingen af dem."),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_kept(client, overrides, message):
    client.force_login(UserFactory())
    response = client.post("/ideer/ny/", idea_data(FocusAreaFactory(), **overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "En have, hvor naboer dyrker grøntsager" in page
    assert not Idea.objects.exists()


def test_script_in_an_idea_is_shown_as_text(client):
    idea = propose_idea(title="<script>alert(1)</script>", text="<b>fed</b>")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_detail_page_redirects_to_its_address_and_404s_for_unknown_ideas(client):
    idea = propose_idea()
    assert client.get(f"/ideer/{idea.pk}/")["Location"] == idea.get_absolute_url()
    assert client.get(f"/ideer/{idea.pk}-forkert/")["Location"] == idea.get_absolute_url()
    assert client.get("/ideer/999999/").status_code == 404
    assert client.get(idea.get_absolute_url()).status_code == 200


def test_supporting_once_and_taking_it_back(client):
    idea = propose_idea()
    supporter = UserFactory()
    client.force_login(supporter)
    client.post(f"/ideer/{idea.pk}/stoet/")
    client.post(f"/ideer/{idea.pk}/stoet/")
    idea.refresh_from_db()
    assert idea.supports_count == 1
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Du støtter denne idé." in page
    client.post(f"/ideer/{idea.pk}/stoet/tilbage/")
    idea.refresh_from_db()
    assert (idea.supports_count, Support.objects.count()) == (0, 0)


def test_the_author_cannot_support_their_own_idea(client):
    idea = propose_idea()
    client.force_login(idea.author)
    response = client.post(f"/ideer/{idea.pk}/stoet/", follow=True)
    assert "du har foreslået denne idé" in response.content.decode().lower()
    assert Idea.objects.get().supports_count == 0


def test_supporting_needs_a_login_and_a_post(client):
    idea = propose_idea()
    assert client.post(f"/ideer/{idea.pk}/stoet/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(f"/ideer/{idea.pk}/stoet/").status_code == 405


def test_the_promise_starts_when_the_idea_reaches_its_supporters(settings):
    settings.IDEAS_ANSWER_SUPPORTS = 2
    idea = propose_idea()
    services.support(idea=idea, user=UserFactory())
    assert Idea.objects.get().answer_due_from is None
    services.support(idea=idea, user=UserFactory())
    idea.refresh_from_db()
    assert idea.answer_due_from is not None
    assert selectors.answer_due_at(idea) == idea.answer_due_from + timedelta(days=60)


def test_only_the_author_edits_and_after_support_the_earlier_version_is_kept(client):
    idea = propose_idea(title="Første titel")
    area = idea.focus_areas.get()
    client.force_login(UserFactory())
    assert client.get(f"/ideer/{idea.pk}/ret/").status_code == 403
    assert client.post(f"/ideer/{idea.pk}/ret/", idea_data(area)).status_code == 403

    client.force_login(idea.author)
    client.post(f"/ideer/{idea.pk}/ret/", idea_data(area, title="Anden titel"))
    assert not IdeaRevision.objects.exists()  # nobody had engaged yet

    services.support(idea=idea, user=UserFactory())
    client.post(f"/ideer/{idea.pk}/ret/", idea_data(area, title="Tredje titel"))
    idea.refresh_from_db()
    assert idea.title == "Tredje titel"
    assert idea.edited_at is not None
    assert list(IdeaRevision.objects.values_list("title", flat=True)) == ["Anden titel"]
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "redigeret" in page
    assert "Anden titel" in page


def test_only_staff_answer(client, staff):
    idea = propose_idea()
    client.force_login(UserFactory())
    assert client.get(f"/ideer/{idea.pk}/svar/").status_code == 403
    assert client.post(f"/ideer/{idea.pk}/svar/", {"status": answer_status().pk}).status_code == 403


def test_not_possible_needs_a_reason(client, staff):
    idea = propose_idea()
    client.force_login(staff)
    response = client.post(
        f"/ideer/{idea.pk}/svar/",
        {"status": answer_status(Meaning.NOT_POSSIBLE).pk, "department": "Teknik & Miljø"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Skriv, hvorfor det ikke er muligt" in page
    assert "Teknik &amp; Miljø" in page
    assert not idea.answers.exists()


def test_an_answer_tells_the_author_at_once_and_followers_in_their_digest(
    client, staff, run_on_commit
):
    idea = propose_idea()
    follower = UserFactory()
    services.support(idea=idea, user=follower)
    client.force_login(staff)
    with run_on_commit():
        response = client.post(
            f"/ideer/{idea.pk}/svar/",
            {
                "status": answer_status(Meaning.ACCEPTED_IF_HELP).pk,
                "text": "Vi sætter bænke op, hvis borgere hjælper med at male dem.",
                "department": "Teknik & Miljø",
                "time_frame": "Foråret 2027",
            },
        )
    assert response["Location"] == idea.get_absolute_url()
    assert [message.to for message in mail.outbox] == [[idea.author.email]]
    assert "Kommunen har svaret på din idé" in mail.outbox[0].subject
    digest = Notification.objects.get(recipient=follower)
    assert digest.delivery == Notification.Delivery.DIGEST
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Accepteret, hvis borgere hjælper" in page
    assert "Foråret 2027" in page


def test_every_version_of_the_answer_stays_public(client, staff):
    idea = propose_idea()
    services.answer(
        idea=idea, by=staff, status=answer_status(Meaning.CONSIDERING), text="Vi ser på det."
    )
    services.answer(idea=idea, by=staff, status=answer_status(Meaning.ACCEPTED), text="Ja.")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Tidligere svar" in page
    assert "Vi ser på det." in page
    assert Idea.objects.get().status.meaning == Meaning.ACCEPTED


def test_offering_help_and_taking_it_back(client):
    idea = propose_idea()
    helper = UserFactory()
    client.force_login(helper)
    empty = client.post(f"/ideer/{idea.pk}/hjaelp/", {"text": ""})
    assert "Dette felt er påkrævet." in empty.content.decode()
    client.post(f"/ideer/{idea.pk}/hjaelp/", {"text": "Tømrer, weekender"})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Tømrer, weekender" in page
    client.post(f"/ideer/{idea.pk}/hjaelp/tilbage/")
    assert not idea.help_offers.exists()


def test_the_list_filters_sorts_and_searches(client):
    popular_area, other_area = FocusAreaFactory(slug="faellesskab"), FocusAreaFactory()
    quiet = propose_idea(title="Strikkecafé på biblioteket", focus_areas=[other_area])
    popular = propose_idea(title="Gåture for nye i byen", focus_areas=[popular_area])
    services.support(idea=popular, user=UserFactory())

    def titles(query):
        page = client.get(f"/ideer/{query}").content.decode()
        found = [t for t in (quiet.title, popular.title) if t in page]
        return sorted(found, key=page.index)

    assert titles("?sort=supported").index(popular.title) == 0
    assert titles("?focus_area=faellesskab") == [popular.title]
    assert titles("?q=strikke") == [quiet.title]
    assert set(titles("?sort=nonsense&status=unknown")) == {quiet.title, popular.title}


def test_the_list_costs_the_same_queries_for_3_and_30_ideas(client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/ideer/").status_code == 200
        return len(queries)

    for _ in range(3):
        propose_idea(focus_areas=[FocusAreaFactory()])
    few = count()
    for _ in range(27):
        propose_idea(focus_areas=[FocusAreaFactory()])
    assert count() == few


def test_staff_see_what_is_due_and_citizens_do_not(client, staff, settings):
    settings.IDEAS_ANSWER_SUPPORTS = 1
    late, waiting = propose_idea(title="Sen"), propose_idea(title="Venter")
    for idea in (late, waiting):
        services.support(idea=idea, user=UserFactory())
    Idea.objects.filter(pk=late.pk).update(answer_due_from=timezone.now() - timedelta(days=61))
    client.force_login(UserFactory())
    assert client.get("/ideer/svarfrister/").status_code == 403
    client.force_login(staff)
    due = selectors.answers_due()
    assert ([i.title for i in due["overdue"]], [i.title for i in due["due"]]) == (
        ["Sen"],
        ["Venter"],
    )
    assert client.get("/ideer/svarfrister/").status_code == 200
    assert selectors.promise_kept()["total"] == 1


def test_a_new_citizens_first_idea_waits_for_staff_and_only_they_and_the_author_see_it(client):
    author = UserFactory()
    client.force_login(author)
    response = client.post("/ideer/ny/", idea_data(FocusAreaFactory()), follow=True)
    assert "venter på et hurtigt kig fra kommunen" in response.content.decode()
    idea = Idea.objects.get()
    assert idea.is_held
    assert client.get(idea.get_absolute_url()).status_code == 200
    client.force_login(UserFactory())
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert idea.title not in client.get("/ideer/").content.decode()


def test_cpr_numbers_are_refused_and_the_text_kept(client):
    client.force_login(UserFactory())
    response = client.post(
        "/ideer/ny/", idea_data(FocusAreaFactory(), text="Ring til Jens, CPR 010203-1234, om haven")
    )
    assert response.status_code == 200
    assert "CPR" in response.content.decode()
    assert "Ring til Jens" in response.content.decode()
    assert not Idea.objects.exists()


def test_comments_count_and_followers_hear_of_them(run_on_commit):
    from samskab.comments import services as comment_services
    from samskab.notifications import selectors as notification_selectors

    idea = propose_idea()
    commenter = UserFactory()
    # An earlier published post, so this comment is not held as a first post.
    propose_idea(author=commenter, title="En anden idé")
    with run_on_commit():
        comment_services.post_comment(target=idea, author=commenter, text="God idé!")
    idea.refresh_from_db()
    assert idea.comments_count == 1
    assert notification_selectors.is_following(commenter, idea)
    told = Notification.objects.get(recipient=idea.author)
    assert (told.kind, told.delivery) == ("ideas.comment_on_yours", Notification.Delivery.INSTANT)
    assert told.url.endswith("#comments")
    assert told.details == "God idé!"
