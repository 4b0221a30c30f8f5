import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samskab.childsafety import selectors
from samskab.childsafety.models import AttestStatus
from samskab.core.tests.page import Page
from tests.factories import OrganisationFactory, UserFactory, coordinator_of, help_on, soon

pytestmark = pytest.mark.django_db


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def needs_attest(opportunity, volunteer):
    help_on(opportunity, volunteer, [soon(10), soon(20), soon(30), soon(40)])


# --- the coordinator ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "badge"), [("da", "Børneattest mangler"), ("en", "Børneattest needed")]
)
def test_the_coordinator_sees_who_needs_one(
    client, organisation, coordinator, opportunity, volunteer, language, badge
):
    needs_attest(opportunity, volunteer)
    help_on(opportunity, UserFactory(display_name="Once Only"), [soon(10)])
    client.force_login(coordinator)
    page = Page(client.get(url("childsafety:manage", language, slug=organisation.slug)))

    assert page.status_code == 200
    assert page.language == language
    assert "Vera Frivillig" in page.html
    assert badge in page.html
    assert "Once Only" not in page.html


def test_the_coordinator_records_requested_then_approved(
    client, organisation, coordinator, opportunity, volunteer
):
    needs_attest(opportunity, volunteer)
    client.force_login(coordinator)
    record = url("childsafety:manage_record", slug=organisation.slug, volunteer_id=volunteer.pk)
    prefix = f"volunteer-{volunteer.pk}"

    response = client.post(record, {f"{prefix}-action": "requested"}, follow=True)
    assert "registreret som bestilt" in response.content.decode()
    assert AttestStatus.objects.get().state == "requested"

    response = client.post(
        record,
        {f"{prefix}-action": "approved", f"{prefix}-approved_on": soon(-2).isoformat()},
        follow=True,
    )
    status = AttestStatus.objects.get()
    assert (status.state, status.approved_on, status.updated_by) == (
        "approved",
        soon(-2),
        coordinator,
    )
    assert "Børneattest godkendt" in response.content.decode()


def test_a_date_in_the_future_is_refused_and_kept(
    client, organisation, coordinator, opportunity, volunteer
):
    needs_attest(opportunity, volunteer)
    client.force_login(coordinator)
    prefix = f"volunteer-{volunteer.pk}"
    response = client.post(
        url("childsafety:manage_record", slug=organisation.slug, volunteer_id=volunteer.pk),
        {f"{prefix}-action": "approved", f"{prefix}-approved_on": soon(5).isoformat()},
    )
    page = Page(response)

    assert response.status_code == 400
    assert "Datoen kan ikke ligge i fremtiden." in page.html
    assert page.one("input", name=f"{prefix}-approved_on").attrs["value"] == soon(5).isoformat()
    assert not AttestStatus.objects.filter(state="approved").exists()


def test_another_organisations_coordinator_can_neither_see_nor_change(
    client, organisation, opportunity, volunteer
):
    needs_attest(opportunity, volunteer)
    other = OrganisationFactory()
    outsider = coordinator_of(other)
    client.force_login(outsider)

    assert client.get(url("childsafety:manage", slug=organisation.slug)).status_code == 403
    record = url("childsafety:manage_record", slug=organisation.slug, volunteer_id=volunteer.pk)
    assert client.post(record, {f"volunteer-{volunteer.pk}-action": "requested"}).status_code == 403
    # Through their own organisation, the volunteer is nobody they can record about.
    own = url("childsafety:manage_record", slug=other.slug, volunteer_id=volunteer.pk)
    assert client.post(own, {f"volunteer-{volunteer.pk}-action": "requested"}).status_code == 404
    page = client.get(url("childsafety:manage", slug=other.slug)).content.decode()
    assert "Vera Frivillig" not in page
    assert not AttestStatus.objects.exclude(state="needed").exists()


def test_volunteers_and_visitors_are_refused(client, organisation, opportunity, volunteer):
    address = url("childsafety:manage", slug=organisation.slug)
    assert client.get(address).status_code == 302
    client.force_login(volunteer)
    assert client.get(address).status_code == 403


def test_the_page_reads_a_fixed_number_of_queries(client, organisation, coordinator, opportunity):
    client.force_login(coordinator)
    address = url("childsafety:manage", slug=organisation.slug)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    needs_attest(opportunity, UserFactory())
    few = count()
    for _ in range(9):
        needs_attest(opportunity, UserFactory())
    AttestStatus.objects.create(
        volunteer=UserFactory(), organisation=organisation, state="approved", approved_on=soon(-3)
    )
    assert count() == few


# --- the roster include ---------------------------------------------------------------------


def test_roster_rows_get_their_badge_in_a_fixed_number_of_queries(organisation, opportunity):
    people = [UserFactory() for _ in range(3)]
    needs_attest(opportunity, people[0])
    AttestStatus.objects.create(
        volunteer=people[1], organisation=organisation, state="requested", requested_on=soon(-1)
    )

    class Row:
        def __init__(self, user):
            self.user_id = user.pk

    rows = [Row(person) for person in people]
    with CaptureQueriesContext(connection) as few:
        selectors.attach_attest_statuses(rows, organisation)
    more_rows = rows + [Row(UserFactory()) for _ in range(10)]
    with CaptureQueriesContext(connection) as many:
        selectors.attach_attest_statuses(more_rows, organisation)
    assert len(few.captured_queries) == len(many.captured_queries) <= 3

    with translation.override("en"):
        badges = [
            render_to_string("childsafety/includes/attest_badge.html", {"attest": row.attest})
            for row in rows
        ]
    assert "Børneattest needed" in badges[0]
    assert "Børneattest requested" in badges[1]
    assert badges[2].strip() == ""


def test_the_template_tag_for_one_volunteer(organisation, opportunity, volunteer):
    from django.template import Context, Template

    needs_attest(opportunity, volunteer)
    template = Template(
        "{% load childsafety_tags %}{% attest_status volunteer organisation as attest %}"
        '{% include "childsafety/includes/attest_badge.html" with attest=attest %}'
    )
    with translation.override("da"):
        html = template.render(Context({"volunteer": volunteer, "organisation": organisation}))
    assert "Børneattest mangler" in html


# --- the volunteer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("da", "Mere end 3 gange inden for 3 måneder med børn under 15"),
        ("en", "More than 3 times within 3 months with children under 15"),
    ],
)
def test_the_volunteer_is_told_why_on_their_page(
    client, organisation, opportunity, volunteer, language, reason
):
    needs_attest(opportunity, volunteer)
    client.force_login(volunteer)
    page = Page(client.get(url("childsafety:mine", language)))

    assert page.status_code == 200
    assert page.language == language
    assert reason in page.html
    assert "Ribe Lektiecafé" in page.html


def test_the_note_for_my_volunteering(rf, organisation, opportunity, volunteer):
    needs_attest(opportunity, volunteer)
    request = rf.get("/")
    request.user = volunteer
    with translation.override("da"):
        html = render_to_string(
            "childsafety/includes/volunteer_notes.html", {"request": request}, request=request
        )
    assert "Ribe Lektiecafé har brug for din børneattest" in html

    request.user = UserFactory()
    assert (
        render_to_string(
            "childsafety/includes/volunteer_notes.html", {"request": request}, request=request
        ).strip()
        == ""
    )


def test_the_volunteers_page_needs_a_login(client):
    assert client.get(url("childsafety:mine")).status_code == 302


def test_the_volunteers_page_reads_a_fixed_number_of_queries(client, opportunity, volunteer):
    from tests.factories import children_opportunity

    client.force_login(volunteer)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("childsafety:mine")).status_code == 200
        return len(context.captured_queries)

    needs_attest(opportunity, volunteer)
    few = count()
    for _ in range(4):
        needs_attest(children_opportunity(OrganisationFactory()), volunteer)
    assert count() == few
