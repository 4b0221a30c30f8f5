import pytest
from django.core import mail

from samskab.organisations.models import Organisation
from samskab.organisations.tests.helpers import queries_for, text_of
from tests.factories import (
    FocusAreaFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REVIEW_LIST_URL = "/foreninger/godkendelse/"


def pending(**kwargs):
    requester = kwargs.pop("requester", None) or UserFactory()
    organisation = OrganisationFactory(
        status=Organisation.Status.PENDING, created_by=requester, **kwargs
    )
    MembershipFactory(organisation=organisation, user=requester)
    return organisation


def test_only_municipal_staff_review_registrations(client, citizen):
    organisation = pending()
    urls = [
        ("get", REVIEW_LIST_URL),
        ("get", f"{REVIEW_LIST_URL}{organisation.slug}/"),
        ("post", f"{REVIEW_LIST_URL}{organisation.slug}/godkend/"),
        ("post", f"{REVIEW_LIST_URL}{organisation.slug}/afvis/"),
    ]

    for method, url in urls:
        assert getattr(client, method)(url)["Location"].startswith("/konto/login/"), url
    client.force_login(citizen)
    for method, url in urls:
        assert getattr(client, method)(url, {"reason": "Nej"}).status_code == 403, url
    # Administering the organisation itself does not make you a reviewer either.
    client.force_login(organisation.created_by)
    assert client.post(f"{REVIEW_LIST_URL}{organisation.slug}/godkend/").status_code == 403

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING


def test_review_list_shows_pending_registrations_oldest_first(client, staff):
    pending(name="Først Registreret")
    pending(name="Sidst Registreret")
    OrganisationFactory(name="Allerede Godkendt")
    client.force_login(staff)

    page = text_of(client.get(REVIEW_LIST_URL))

    assert page.index("Først Registreret") < page.index("Sidst Registreret")
    assert "Allerede Godkendt" not in page
    assert "Registreringer der venter på godkendelse" in page
    assert "Registrations awaiting approval" in text_of(client.get("/en" + REVIEW_LIST_URL))


def test_review_list_query_count_does_not_grow(client, staff):
    areas = FocusAreaFactory.create_batch(2)
    pending(focus_areas=areas)
    client.force_login(staff)
    one = queries_for(client, REVIEW_LIST_URL)

    for _number in range(9):
        pending(focus_areas=areas)
    ten = queries_for(client, REVIEW_LIST_URL)

    assert one == ten


def test_staff_dashboard_points_to_the_review(client, staff):
    pending()
    pending()
    client.force_login(staff)

    page = text_of(client.get("/foreninger/administrer/"))

    assert "2 registreringer venter på godkendelse." in page
    assert f'href="{REVIEW_LIST_URL}"' in page


def test_approving_in_the_site_publishes_and_emails_the_requester(client, staff, run_on_commit):
    organisation = pending(name="Darum Ungdomsklub")
    client.force_login(staff)
    review_page = text_of(client.get(f"{REVIEW_LIST_URL}{organisation.slug}/"))

    with run_on_commit():
        response = client.post(f"{REVIEW_LIST_URL}{organisation.slug}/godkend/", follow=True)

    assert "Godkend og offentliggør" in review_page
    assert "Darum Ungdomsklub er godkendt" in text_of(response)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert [message.to for message in mail.outbox] == [[organisation.created_by.email]]
    assert client.get(f"/foreninger/{organisation.slug}/").status_code == 200


def test_rejecting_needs_a_reason_and_keeps_what_was_typed(client, staff):
    organisation = pending()
    client.force_login(staff)

    response = client.post(f"{REVIEW_LIST_URL}{organisation.slug}/afvis/", {"reason": ""})

    assert response.status_code == 200
    assert "Dette felt er påkrævet." in text_of(response)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING


def test_rejecting_in_the_site_emails_the_reason_in_the_requesters_language(
    client, staff, run_on_commit
):
    requester = UserFactory(preferred_language="en")
    organisation = pending(requester=requester, name="Andrup Klub")
    client.force_login(staff)

    with run_on_commit():
        client.post(
            f"{REVIEW_LIST_URL}{organisation.slug}/afvis/",
            {"reason": "Please describe your activities."},
        )

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED
    [message] = mail.outbox
    assert message.subject == "Your registration of Andrup Klub was not approved"
    assert "Please describe your activities." in message.body


def test_a_second_decision_is_explained_not_applied(client, staff):
    organisation = OrganisationFactory(status=Organisation.Status.APPROVED)
    client.force_login(staff)

    response = client.post(
        f"{REVIEW_LIST_URL}{organisation.slug}/afvis/", {"reason": "For sent"}, follow=True
    )

    assert "venter ikke på godkendelse" in text_of(response)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED


# --- The Django admin -------------------------------------------------------------------------


def test_admin_approve_action_uses_the_service(client, run_on_commit):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    first, second = pending(), pending()
    client.force_login(superuser)

    with run_on_commit():
        client.post(
            "/admin/organisations/organisation/",
            {"action": "approve_selected", "_selected_action": [first.pk, second.pk]},
        )

    assert set(Organisation.objects.values_list("status", flat=True)) == {"approved"}
    assert len(mail.outbox) == 2


def test_admin_reject_action_asks_for_a_reason_first(client, run_on_commit):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    organisation = pending()
    client.force_login(superuser)
    selection = {"action": "reject_selected", "_selected_action": [organisation.pk]}

    asked = client.post("/admin/organisations/organisation/", selection)
    without_reason = client.post(
        "/admin/organisations/organisation/", {**selection, "apply": "1", "reason": ""}
    )
    with run_on_commit():
        done = client.post(
            "/admin/organisations/organisation/",
            {**selection, "apply": "1", "reason": "Ikke en lokal forening."},
        )

    assert asked.status_code == without_reason.status_code == 200
    assert 'name="reason"' in text_of(asked)
    assert done.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED
    assert organisation.rejection_reason == "Ikke en lokal forening."
    assert "Ikke en lokal forening." in mail.outbox[0].body


def test_admin_pages_render_with_members(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    organisation = pending()
    client.force_login(superuser)

    changelist = client.get("/admin/organisations/organisation/?status__exact=pending&q=forening")
    change = client.get(f"/admin/organisations/organisation/{organisation.pk}/change/")
    add = client.get("/admin/organisations/organisation/add/")

    assert changelist.status_code == change.status_code == add.status_code == 200
    assert organisation.name in text_of(changelist)
    assert 'name="memberships-0-role"' in text_of(change)


def test_admin_cannot_remove_the_last_administrator(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    membership = MembershipFactory()
    organisation = membership.organisation
    client.force_login(superuser)
    url = f"/admin/organisations/organisation/{organisation.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in ("focus_areas", "logo")
    }
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(membership.pk),
            "memberships-0-organisation": str(organisation.pk),
            "memberships-0-user": str(membership.user.pk),
            "memberships-0-role": "coordinator",
            "invitations-TOTAL_FORMS": "0",
            "invitations-INITIAL_FORMS": "0",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "En organisation skal altid have mindst én administrator." in text_of(response)
    membership.refresh_from_db()
    assert membership.role == "administrator"
