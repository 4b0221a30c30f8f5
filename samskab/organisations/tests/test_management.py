import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from samskab.core.extensions import ManageTab
from samskab.organisations.models import Invitation, Membership, Organisation
from samskab.organisations.tests.helpers import queries_for, text_of
from tests.factories import (
    FocusAreaFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def png_upload(name="logo.png", size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def registration_form(**overrides):
    data = {
        "name": "Sædding Repair Café",
        "type": "volunteer_group",
        "description_da": "Vi reparerer ting sammen.",
        "description_en": "",
        "contact_name": "Niels Jørgensen",
        "contact_email": "repair@example.org",
        "contact_phone": "",
        "street": "Sædding Centret 1",
        "postcode": "6710",
        "town": "Sædding",
        "website": "",
    }
    data.update(overrides)
    return data


def management_urls(organisation, membership=None, invitation=None):
    """Every management URL of one organisation, with the method it takes."""
    slug = organisation.slug
    urls = [
        ("get", f"/foreninger/administrer/{slug}/"),
        ("get", f"/foreninger/administrer/{slug}/oplysninger/"),
        ("post", f"/foreninger/administrer/{slug}/oplysninger/"),
        ("get", f"/foreninger/administrer/{slug}/medlemmer/"),
        ("post", f"/foreninger/administrer/{slug}/medlemmer/"),
        ("post", f"/foreninger/administrer/{slug}/send-igen/"),
    ]
    if membership is not None:
        urls += [
            ("post", f"/foreninger/administrer/{slug}/medlemmer/{membership.pk}/rolle/"),
            ("get", f"/foreninger/administrer/{slug}/medlemmer/{membership.pk}/fjern/"),
            ("post", f"/foreninger/administrer/{slug}/medlemmer/{membership.pk}/fjern/"),
        ]
    if invitation is not None:
        urls.append(
            ("post", f"/foreninger/administrer/{slug}/invitationer/{invitation.pk}/tilbagekald/")
        )
    return urls


# --- Who may do what ------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    membership = MembershipFactory()
    invitation = InvitationFactory(organisation=membership.organisation)
    urls = [
        ("get", "/foreninger/registrer/"),
        ("get", "/foreninger/administrer/"),
        *management_urls(membership.organisation, membership, invitation),
    ]

    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/login/?next="), url
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_administrator_of_one_organisation_cannot_touch_another(client):
    mine = MembershipFactory(role="administrator")
    theirs = MembershipFactory(role="administrator", organisation__name="Andres forening")
    their_invitation = InvitationFactory(organisation=theirs.organisation)
    client.force_login(mine.user)

    for method, url in management_urls(theirs.organisation, theirs, their_invitation):
        response = getattr(client, method)(url, {"role": "coordinator", "name": "Hacked"})
        assert response.status_code == 403, (method, url)

    theirs.refresh_from_db()
    their_invitation.refresh_from_db()
    assert theirs.role == Membership.Role.ADMINISTRATOR
    assert their_invitation.revoked_at is None
    assert Organisation.objects.get(pk=theirs.organisation.pk).name == "Andres forening"


def test_a_member_id_from_another_organisation_is_not_found(client):
    mine = MembershipFactory(role="administrator")
    theirs = MembershipFactory(role="administrator")
    client.force_login(mine.user)
    slug = mine.organisation.slug

    role = client.post(
        f"/foreninger/administrer/{slug}/medlemmer/{theirs.pk}/rolle/",
        {f"member-{theirs.pk}-role": "coordinator"},
    )
    remove = client.post(f"/foreninger/administrer/{slug}/medlemmer/{theirs.pk}/fjern/")

    assert role.status_code == remove.status_code == 404
    assert Membership.objects.get(pk=theirs.pk).role == Membership.Role.ADMINISTRATOR


def test_a_citizen_is_refused_every_management_page(client):
    membership = MembershipFactory()
    client.force_login(UserFactory())

    for method, url in management_urls(membership.organisation, membership):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert client.get("/foreninger/godkendelse/").status_code == 403


def test_a_coordinator_sees_the_overview_but_not_details_or_members(client):
    coordinator = MembershipFactory(role="coordinator")
    slug = coordinator.organisation.slug
    client.force_login(coordinator.user)

    overview = client.get(f"/foreninger/administrer/{slug}/")

    assert overview.status_code == 200
    assert "Oversigt" in text_of(overview)
    assert f"/foreninger/administrer/{slug}/medlemmer/" not in text_of(overview)
    assert client.get(f"/foreninger/administrer/{slug}/oplysninger/").status_code == 403
    assert client.get(f"/foreninger/administrer/{slug}/medlemmer/").status_code == 403


def test_municipal_staff_manage_any_organisation(client, staff):
    membership = MembershipFactory()
    client.force_login(staff)

    for method, url in management_urls(membership.organisation, membership):
        if method == "get":
            assert client.get(url).status_code == 200, url


# --- Registration ---------------------------------------------------------------------------


def test_registering_creates_a_pending_organisation_and_says_it_awaits_approval(
    client, citizen, staff, run_on_commit
):
    area = FocusAreaFactory()
    client.force_login(citizen)

    with run_on_commit():
        response = client.post(
            "/foreninger/registrer/",
            registration_form(focus_areas=[area.pk], logo=png_upload()),
            follow=True,
        )

    organisation = Organisation.objects.get()
    assert response.redirect_chain[-1][0] == f"/foreninger/administrer/{organisation.slug}/"
    page = text_of(response)
    assert "venter på godkendelse" in page.lower()
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.logo.name.startswith("organisations/logos/saedding-repair-cafe")
    assert list(organisation.focus_areas.all()) == [area]
    assert organisation.memberships.get().user == citizen
    assert [message.to for message in mail.outbox] == [[staff.email]]


def test_registration_form_is_prefilled_with_the_users_contact_details(client, citizen):
    client.force_login(citizen)

    page = text_of(client.get("/foreninger/registrer/"))

    assert f'value="{citizen.email}"' in page
    assert f'value="{citizen.display_name}"' in page
    assert 'enctype="multipart/form-data"' in page


def test_registration_with_bad_input_explains_and_keeps_what_was_typed(client, citizen):
    OrganisationFactory(name="Ribe Kor")
    client.force_login(citizen)

    response = client.post(
        "/foreninger/registrer/",
        registration_form(
            name="ribe kor",
            description_da="",
            postcode="67",
            contact_email="not-an-email",
            contact_phone="ring mig",
            website="ikke en adresse",
            town="Ribe",
        ),
    )

    page = text_of(response)
    assert response.status_code == 200
    assert Organisation.objects.count() == 1
    assert "Ret venligst følgende" in page
    assert "allerede registreret" in page
    assert "Dette felt er påkrævet." in page
    assert "postnummer på fire cifre" in page
    assert "telefonnummer" in page
    assert 'value="ribe kor"' in page
    assert 'value="67"' in page
    assert 'value="ring mig"' in page


def test_too_many_waiting_registrations_are_explained_on_the_form(client, citizen):
    for _number in range(3):
        OrganisationFactory(status=Organisation.Status.PENDING, created_by=citizen)
    client.force_login(citizen)

    response = client.post("/foreninger/registrer/", registration_form())

    assert response.status_code == 200
    assert "3 registreringer, der venter på godkendelse" in text_of(response)
    assert 'value="Sædding Repair Café"' in text_of(response)


def test_registration_in_english(client, citizen):
    client.force_login(citizen)

    response = client.post("/en/foreninger/registrer/", registration_form(town=""))

    page = text_of(response)
    assert '<html lang="en">' in page
    assert "Register an organisation" in page
    assert "This field is required." in page


def test_a_logo_that_is_not_an_image_or_too_large_is_refused(client, citizen):
    client.force_login(citizen)
    fake = SimpleUploadedFile("logo.png", b"not really a picture", content_type="image/png")
    svg = SimpleUploadedFile("logo.svg", b"<svg></svg>", content_type="image/svg+xml")

    for upload in (fake, svg):
        response = client.post("/foreninger/registrer/", registration_form(logo=upload))
        assert response.status_code == 200
        assert 'id="id_logo_error"' in text_of(response)
    assert not Organisation.objects.exists()


def test_a_logo_over_2_mb_gets_the_forms_own_message(client, citizen):
    """Under the site's request limit (MAX_UPLOAD_BYTES, 5 MB) the form answers itself."""
    client.force_login(citizen)
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(1000 * 1000 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")  # random pixels do not compress: about 3 MB
    assert 2 * 1024 * 1024 < buffer.tell() < 5 * 1024 * 1024
    big = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")

    response = client.post("/foreninger/registrer/", registration_form(logo=big))

    assert response.status_code == 200
    assert "Logoet må højst fylde 2 MB." in text_of(response)
    assert not Organisation.objects.exists()


def test_a_logo_over_the_request_limit_is_refused_before_it_is_read(client, citizen, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(citizen)
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), "image/png")

    response = client.post("/foreninger/registrer/", registration_form(logo=big))

    assert response.status_code == 413
    assert "Det, du sendte, er for stort" in text_of(response)
    assert not Organisation.objects.exists()


# --- Dashboard, overview and editing ------------------------------------------------------


def test_dashboard_lists_the_users_organisations_with_role_and_status(client):
    user = UserFactory()
    MembershipFactory(user=user, organisation__name="Ribe Kor", role="administrator")
    MembershipFactory(
        user=user,
        organisation__name="Ny Klub",
        organisation__status=Organisation.Status.PENDING,
        role="coordinator",
    )
    OrganisationFactory(name="Fremmed Klub")
    client.force_login(user)

    page = text_of(client.get("/foreninger/administrer/"))

    assert "Ribe Kor" in page and "Ny Klub" in page
    assert "Fremmed Klub" not in page
    assert "Din rolle: Koordinator" in page
    assert "Venter på godkendelse" in page


def test_dashboard_query_count_does_not_grow_with_memberships(client):
    user = UserFactory()
    MembershipFactory(user=user)
    client.force_login(user)
    one = queries_for(client, "/foreninger/administrer/")

    MembershipFactory.create_batch(9, user=user)
    ten = queries_for(client, "/foreninger/administrer/")

    assert one == ten


def test_rejected_organisation_shows_the_reason_and_can_be_sent_again(client, staff, run_on_commit):
    admin = MembershipFactory(
        organisation__status=Organisation.Status.REJECTED,
        organisation__rejection_reason="Der mangler en beskrivelse af jeres aktiviteter.",
    )
    client.force_login(admin.user)
    overview_url = f"/foreninger/administrer/{admin.organisation.slug}/"

    overview = text_of(client.get(overview_url))
    with run_on_commit():
        client.post(f"{overview_url}send-igen/")

    assert "Der mangler en beskrivelse af jeres aktiviteter." in overview
    assert "Send til godkendelse igen" in overview
    admin.organisation.refresh_from_db()
    assert admin.organisation.status == Organisation.Status.PENDING
    assert [message.to for message in mail.outbox] == [[staff.email]]


def test_an_administrator_edits_the_details(client):
    admin = MembershipFactory(organisation__name="Gammelt Navn")
    organisation = admin.organisation
    client.force_login(admin.user)
    url = f"/foreninger/administrer/{organisation.slug}/oplysninger/"

    form = client.get(url)
    response = client.post(
        url,
        registration_form(name="Nyt Navn", description_en="We fix things together."),
        follow=True,
    )

    assert 'value="Gammelt Navn"' in text_of(form)
    assert "Oplysningerne er gemt." in text_of(response)
    organisation.refresh_from_db()
    assert organisation.name == "Nyt Navn"
    assert organisation.description_en == "We fix things together."
    assert organisation.slug == admin.organisation.slug


def test_editing_with_bad_input_keeps_the_input_and_the_saved_name(client):
    admin = MembershipFactory(organisation__name="Gammelt Navn")
    client.force_login(admin.user)

    response = client.post(
        f"/foreninger/administrer/{admin.organisation.slug}/oplysninger/",
        registration_form(name="Nyt Navn", contact_email="forkert"),
    )

    page = text_of(response)
    assert response.status_code == 200
    assert 'value="forkert"' in page
    assert "Indtast en gyldig e-mail-adresse." in page
    assert '<span class="weight-semibold">Gammelt Navn</span>' in page
    assert Organisation.objects.get(pk=admin.organisation.pk).name == "Gammelt Navn"


def test_editing_keeps_the_logo_unless_a_new_one_is_chosen_or_it_is_cleared(client):
    admin = MembershipFactory()
    client.force_login(admin.user)
    url = f"/foreninger/administrer/{admin.organisation.slug}/oplysninger/"
    client.post(url, registration_form(logo=png_upload()))
    organisation = Organisation.objects.get(pk=admin.organisation.pk)
    first_logo = organisation.logo.name
    assert first_logo

    client.post(url, registration_form(name="Andet navn"))
    organisation.refresh_from_db()
    assert organisation.logo.name == first_logo

    client.post(url, registration_form(**{"logo-clear": "on"}))
    organisation.refresh_from_db()
    assert not organisation.logo


# --- Members ------------------------------------------------------------------------------


def test_members_page_lists_members_and_open_invitations(client):
    admin = MembershipFactory(user__display_name="Anne Admin")
    MembershipFactory(
        organisation=admin.organisation, role="coordinator", user__display_name="Kim Koordinator"
    )
    InvitationFactory(organisation=admin.organisation, email="venter@example.dk")
    InvitationFactory(
        organisation=admin.organisation,
        email="udloebet@example.dk",
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(admin.user)

    page = text_of(client.get(f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/"))

    assert "Anne Admin" in page and "Kim Koordinator" in page
    assert "Rolle for Kim Koordinator" in page
    assert "venter@example.dk" in page
    assert "udloebet@example.dk" not in page


def test_members_page_query_count_does_not_grow_with_members(client):
    admin = MembershipFactory()
    client.force_login(admin.user)
    url = f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/"
    InvitationFactory(organisation=admin.organisation)
    one = queries_for(client, url)

    MembershipFactory.create_batch(9, organisation=admin.organisation, role="coordinator")
    InvitationFactory.create_batch(9, organisation=admin.organisation)
    ten = queries_for(client, url)

    assert one == ten


def test_inviting_a_member_sends_a_link_that_they_accept_after_logging_in(client, run_on_commit):
    admin = MembershipFactory()
    invitee = UserFactory(email="ny@example.dk")
    client.force_login(admin.user)
    members_url = f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/"

    with run_on_commit():
        response = client.post(
            members_url, {"email": "NY@example.dk", "role": "coordinator"}, follow=True
        )

    assert "Der er sendt en invitation til ny@example.dk." in text_of(response)
    [message] = mail.outbox
    link = next(word for word in message.body.split() if "/invitation/" in word)
    path = link.split("testserver", 1)[1]

    client.logout()
    anonymous = client.get(path)
    assert "Log ind" in text_of(anonymous)
    assert client.post(path)["Location"].startswith("/konto/login/")

    client.force_login(invitee)
    page = client.get(path)
    accepted = client.post(path, follow=True)

    assert "Acceptér invitationen" in text_of(page)
    assert accepted.redirect_chain[-1][0] == f"/foreninger/administrer/{admin.organisation.slug}/"
    assert Membership.objects.get(user=invitee).role == Membership.Role.COORDINATOR
    again = client.get(path)
    assert "allerede accepteret" in text_of(again)


def test_inviting_with_bad_input_explains_and_keeps_the_input(client):
    admin = MembershipFactory()
    client.force_login(admin.user)
    url = f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/"

    bad_email = client.post(url, {"email": "ikke-en-adresse", "role": "coordinator"})
    member = client.post(url, {"email": admin.user.email, "role": "administrator"})

    assert 'value="ikke-en-adresse"' in text_of(bad_email)
    assert "Indtast en gyldig e-mail-adresse." in text_of(bad_email)
    assert "er allerede medlem af" in text_of(member)
    assert not Invitation.objects.exists()


def test_expired_and_unknown_invitation_links(client, citizen):
    expired = InvitationFactory(raw_token="gammel", expires_at=timezone.now() - timedelta(hours=1))
    client.force_login(citizen)

    page = client.get("/foreninger/invitation/gammel/")
    post = client.post("/foreninger/invitation/gammel/")

    assert page.status_code == post.status_code == 200
    assert "udløbet" in text_of(page)
    assert not Membership.objects.filter(organisation=expired.organisation).exists()
    assert client.get("/foreninger/invitation/findes-ikke/").status_code == 404
    english = text_of(client.get("/en/foreninger/invitation/gammel/"))
    assert "This invitation has expired." in english


def test_withdrawing_an_invitation(client):
    admin = MembershipFactory()
    invitation = InvitationFactory(organisation=admin.organisation, raw_token="hemmelig")
    client.force_login(admin.user)

    client.post(
        f"/foreninger/administrer/{admin.organisation.slug}/invitationer/{invitation.pk}/tilbagekald/"
    )

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.force_login(UserFactory())
    assert "trukket tilbage" in text_of(client.get("/foreninger/invitation/hemmelig/"))


def test_changing_roles_and_the_last_administrator_rule(client):
    admin = MembershipFactory(user__display_name="Anne")
    coordinator = MembershipFactory(organisation=admin.organisation, role="coordinator")
    client.force_login(admin.user)
    base = f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/"

    promoted = client.post(
        f"{base}{coordinator.pk}/rolle/", {f"member-{coordinator.pk}-role": "administrator"}
    )
    coordinator.refresh_from_db()
    assert promoted.status_code == 302
    assert coordinator.role == Membership.Role.ADMINISTRATOR

    client.post(f"{base}{coordinator.pk}/rolle/", {f"member-{coordinator.pk}-role": "coordinator"})
    refused = client.post(
        f"{base}{admin.pk}/rolle/", {f"member-{admin.pk}-role": "coordinator"}, follow=True
    )
    admin.refresh_from_db()
    assert admin.role == Membership.Role.ADMINISTRATOR
    assert "mindst én administrator" in text_of(refused)

    invalid = client.post(f"{base}{coordinator.pk}/rolle/", {f"member-{coordinator.pk}-role": "x"})
    assert invalid.status_code == 302


def test_stepping_down_sends_the_former_administrator_to_the_overview(client):
    admin = MembershipFactory()
    MembershipFactory(organisation=admin.organisation, role="administrator")
    client.force_login(admin.user)
    slug = admin.organisation.slug

    response = client.post(
        f"/foreninger/administrer/{slug}/medlemmer/{admin.pk}/rolle/",
        {f"member-{admin.pk}-role": "coordinator"},
    )

    assert response["Location"] == f"/foreninger/administrer/{slug}/"


def test_removing_a_member_asks_first(client):
    admin = MembershipFactory()
    other = MembershipFactory(
        organisation=admin.organisation, role="coordinator", user__display_name="Kim"
    )
    client.force_login(admin.user)
    url = f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/{other.pk}/fjern/"

    confirm = client.get(url)
    removed = client.post(url, follow=True)

    assert "Vil du fjerne Kim fra" in text_of(confirm)
    assert "Kim er fjernet fra" in text_of(removed)
    assert not Membership.objects.filter(pk=other.pk).exists()


def test_a_coordinator_may_leave_but_the_last_administrator_may_not(client):
    admin = MembershipFactory()
    coordinator = MembershipFactory(organisation=admin.organisation, role="coordinator")
    slug = admin.organisation.slug

    client.force_login(coordinator.user)
    left = client.post(f"/foreninger/administrer/{slug}/medlemmer/{coordinator.pk}/fjern/")
    client.force_login(admin.user)
    refused = client.post(
        f"/foreninger/administrer/{slug}/medlemmer/{admin.pk}/fjern/", follow=True
    )

    assert left["Location"] == "/foreninger/administrer/"
    assert not Membership.objects.filter(pk=coordinator.pk).exists()
    assert "mindst én administrator" in text_of(refused)
    assert Membership.objects.filter(pk=admin.pk).exists()


# --- Navigation that other apps extend -----------------------------------------------------


@pytest.fixture
def other_app_tabs(settings, declare):
    settings.ROOT_URLCONF = "samskab.organisations.tests.urls_with_tabs"
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}]
    declare(
        "tabs_test",
        manage_tabs=(
            ManageTab(
                "Testfane",
                "tabs_test:activities",
                order=30,
                active_for=("tabs_test:activity_edit",),
            ),
            ManageTab("Kun administratorer", "tabs_test:admin_only", requires="manage"),
        ),
    )


def test_other_apps_add_tabs_that_are_shown_by_permission(client, other_app_tabs):
    coordinator = MembershipFactory(role="coordinator")
    slug = coordinator.organisation.slug
    client.force_login(coordinator.user)

    page = text_of(client.get(f"/test-aktiviteter/{slug}/"))
    edit_page = text_of(client.get(f"/test-aktiviteter/{slug}/rediger/"))

    current_tab = (
        f'<li class="active current"><a href="/test-aktiviteter/{slug}/" class="nav-link" '
        'aria-current="page"><span>Testfane</span></a></li>'
    )
    assert current_tab in page
    assert current_tab in edit_page
    assert f'<a href="/foreninger/administrer/{slug}/" class="nav-link"><span>Oversigt' in page
    assert "Kun administratorer" not in page
    assert "Medlemmer" not in page
    assert "<h1>Testfane</h1>" in page


def test_administrators_see_every_tab_in_order(client, other_app_tabs):
    admin = MembershipFactory()
    client.force_login(admin.user)

    page = text_of(client.get(f"/foreninger/administrer/{admin.organisation.slug}/"))

    positions = [
        page.index(label) for label in (">Oversigt<", ">Oplysninger<", ">Medlemmer<", ">Testfane<")
    ]
    assert positions == sorted(positions)
    assert ">Kun administratorer<" in page


def test_a_tab_whose_url_is_not_mounted_is_left_out(client, caplog, declare):
    admin = MembershipFactory()
    client.force_login(admin.user)
    declare("nowhere", manage_tabs=(ManageTab("Findes ikke", "nowhere:manage_list"),))
    response = client.get(f"/foreninger/administrer/{admin.organisation.slug}/")

    assert response.status_code == 200
    assert "Findes ikke" not in text_of(response)
    assert "nowhere:manage_list" in caplog.text


def test_a_tab_must_say_which_permission_it_needs():
    with pytest.raises(ValueError):
        ManageTab("Forkert", "tabs_test:activities", requires="everyone")


# --- Limits ----------------------------------------------------------------------------------


def test_registrations_are_limited_and_the_form_keeps_what_was_typed(client, citizen, monkeypatch):
    from samskab.core.limits import USER, Limit
    from samskab.organisations import views

    monkeypatch.setattr(views, "REGISTRATIONS", (Limit("organisations.register", "1/h", per=USER),))
    client.force_login(citizen)
    assert client.post("/foreninger/registrer/", registration_form()).status_code == 302

    response = client.post("/foreninger/registrer/", registration_form(name="Ribe Repair Café"))

    assert response.status_code == 429
    assert "Du har prøvet for mange gange på kort tid." in text_of(response)
    assert 'value="Ribe Repair Café"' in text_of(response)
    assert Organisation.objects.count() == 1


def test_invitations_are_limited_and_the_form_keeps_the_address(client, monkeypatch):
    from samskab.core.limits import USER, Limit
    from samskab.organisations import views

    monkeypatch.setattr(views, "INVITATIONS", (Limit("organisations.invite", "1/h", per=USER),))
    admin = MembershipFactory()
    client.force_login(admin.user)
    members_url = f"/foreninger/administrer/{admin.organisation.slug}/medlemmer/"
    client.post(members_url, {"email": "first@example.dk", "role": "coordinator"})

    response = client.post(members_url, {"email": "second@example.dk", "role": "coordinator"})

    assert response.status_code == 429
    assert "Du har prøvet for mange gange på kort tid." in text_of(response)
    assert 'value="second@example.dk"' in text_of(response)
    assert Invitation.objects.count() == 1
