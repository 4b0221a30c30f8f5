"""An accepted idea becomes a need with one action: the helpers who offered are invited,
the idea shows the helpers found, and the initiative gets a milestone when it is done."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.ideas import services
from samskab.ideas.models import Idea, Meaning
from samskab.needs import services as need_services
from samskab.needs.models import Need
from tests.factories import (
    InitiativeFactory,
    OrganisationFactory,
    UserFactory,
    answer_status,
    coordinator_of,
    next_weekday_at,
    propose_idea,
    town,
)

pytestmark = pytest.mark.django_db


def accepted_idea(staff, **fields):
    idea = propose_idea(town=town("ribe"), **fields)
    services.answer(
        idea=idea, by=staff, status=answer_status(Meaning.ACCEPTED_IF_HELP), text="Ja, med hjælp."
    )
    return Idea.objects.get(pk=idea.pk)


def need_form(idea, organisation, **overrides):
    starts = next_weekday_at(6, 10, after_days=3)
    data = {
        "organisation": organisation.slug,
        "title_da": idea.title,
        "description_da": idea.text,
        "date": starts.date().isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "people_needed": "3",
        "focus_areas": [area.pk for area in idea.focus_areas.all()],
        "town": idea.town_id,
        "place_name": "Ribe Bibliotek",
        "street": "Sct. Nicolaj Gade 14",
        "postcode": "6760",
        "contact_phone": "75 11 22 33",
        "contact_person": coordinator_of(organisation).pk,
    }
    data.update(overrides)
    return data


def test_staff_turn_an_accepted_idea_into_a_need_and_the_helpers_are_invited(
    client, staff, run_on_commit
):
    idea = accepted_idea(staff)
    helper = UserFactory()
    services.offer_help(idea=idea, user=helper, text="Maling")
    organisation = OrganisationFactory()
    client.force_login(staff)

    chooser = client.get(f"/ideer/{idea.pk}/frivilligbehov/")
    assert organisation.name in chooser.content.decode()
    prefilled = client.get(f"/ideer/{idea.pk}/frivilligbehov/?organisation={organisation.slug}")
    assert idea.text in prefilled.content.decode()

    mail.outbox.clear()
    with run_on_commit():
        response = client.post(f"/ideer/{idea.pk}/frivilligbehov/", need_form(idea, organisation))
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == idea.get_absolute_url()
    need = Need.objects.get()
    assert (need.organisation, need.title_da, Idea.objects.get().need) == (
        organisation,
        idea.title,
        need,
    )
    invitation = next(message for message in mail.outbox if message.to == [helper.email])
    assert need.get_absolute_url() in invitation.body

    page = client.get(idea.get_absolute_url()).content.decode()
    assert "0 af 3 hjælpere fundet." in page
    with run_on_commit():
        need_services.accept_need(need=need, user=helper)
    assert "1 af 3 hjælpere fundet." in client.get(idea.get_absolute_url()).content.decode()
    from samskab.notifications.models import Notification

    told = Notification.objects.filter(recipient=idea.author).values_list("kind", flat=True)
    assert {
        "ideas.your_idea_answered",
        "ideas.your_idea_becomes_work",
        "ideas.helper_found",
    } <= set(told)
    # Once is enough.
    assert client.get(f"/ideer/{idea.pk}/frivilligbehov/").status_code == 403


def test_citizens_and_unanswered_ideas_cannot_become_needs(client, staff):
    unanswered = propose_idea()
    client.force_login(staff)
    assert client.get(f"/ideer/{unanswered.pk}/frivilligbehov/").status_code == 403
    accepted = accepted_idea(staff)
    client.force_login(UserFactory())
    assert client.get(f"/ideer/{accepted.pk}/frivilligbehov/").status_code == 403


def test_an_author_who_coordinates_an_organisation_may_do_it_for_it_only(client, staff):
    organisation, other = OrganisationFactory(), OrganisationFactory()
    author = coordinator_of(organisation)
    idea = accepted_idea(staff, author=author)
    client.force_login(author)
    chooser = client.get(f"/ideer/{idea.pk}/frivilligbehov/").content.decode()
    assert organisation.name in chooser
    assert other.name not in chooser
    refused = client.post(f"/ideer/{idea.pk}/frivilligbehov/", need_form(idea, other))
    assert "Vælg en af foreningerne på listen." in refused.content.decode()
    assert not Need.objects.exists()


def test_the_initiative_gets_a_milestone_when_the_work_is_done(staff):
    initiative = InitiativeFactory()
    idea = accepted_idea(staff, initiative=initiative)
    organisation = OrganisationFactory()
    starts = next_weekday_at(6, 10, after_days=3)
    need = services.turn_into_need(
        idea=idea,
        by=staff,
        organisation=organisation,
        need={
            "fields": {
                "title_da": idea.title,
                "description_da": idea.text,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "town": idea.town,
                "contact_phone": "75 11 22 33",
            },
            "focus_areas": list(idea.focus_areas.all()),
            "people_needed": 2,
        },
    )
    assert services.record_done_work() == 0
    later = starts + timedelta(hours=3)
    Need.objects.filter(pk=need.pk).update(status=Need.Status.CLOSED)
    assert services.record_done_work(now=later) == 1
    assert services.record_done_work(now=later) == 0
    milestone = Idea.objects.get().milestone
    assert (milestone.initiative, milestone.reached, milestone.title) == (
        initiative,
        True,
        idea.title,
    )
    assert timezone.localdate(starts) == milestone.date
