from pathlib import Path

import pytest

from samskab.core.extensions import OrganisationSection
from samskab.organisations.models import Organisation
from samskab.organisations.tests.helpers import queries_for, text_of
from tests.factories import (
    FocusAreaFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_staff,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/foreninger/"


def test_list_shows_only_approved_organisations_in_danish(client):
    OrganisationFactory(name="Ribe Strikkeklub", town="Ribe")
    OrganisationFactory(name="Ventende Klub", status=Organisation.Status.PENDING)
    OrganisationFactory(
        name="Afvist Klub", status=Organisation.Status.REJECTED, rejection_reason="Nej"
    )

    response = client.get(LIST_URL)

    page = text_of(response)
    assert response.status_code == 200
    assert '<html lang="da">' in page
    assert "Foreninger og organisationer" in page
    assert "Ribe Strikkeklub" in page
    assert "Forening · Ribe" in page
    assert "1 organisation" in page
    assert "Ventende Klub" not in page
    assert "Afvist Klub" not in page


def test_list_in_english(client):
    OrganisationFactory(name="Ribe Strikkeklub", town="Ribe")

    response = client.get("/en" + LIST_URL)

    page = text_of(response)
    assert '<html lang="en">' in page
    assert "Associations and organisations" in page
    assert "Association · Ribe" in page


def test_list_filters_by_type_focus_area_and_name(client):
    health = FocusAreaFactory(slug="sundhed", title_da="Sundhed")
    OrganisationFactory(name="Bramming Gymnastik", focus_areas=[health])
    OrganisationFactory(name="Bramming Lokalråd", type=Organisation.Type.LOCAL_COUNCIL)
    OrganisationFactory(name="Ribe Kor")

    by_area = text_of(client.get(LIST_URL, {"focus_area": "sundhed"}))
    by_type = text_of(client.get(LIST_URL, {"type": "local_council"}))
    by_name = text_of(client.get(LIST_URL, {"q": "bramming"}))

    assert "Bramming Gymnastik" in by_area and "Ribe Kor" not in by_area
    assert "Bramming Lokalråd" not in by_area
    assert "Bramming Lokalråd" in by_type and "Bramming Gymnastik" not in by_type
    assert "Bramming Gymnastik" in by_name and "Bramming Lokalråd" in by_name
    assert "Ribe Kor" not in by_name


def test_unknown_filter_values_are_ignored_with_a_notice(client):
    OrganisationFactory(name="Ribe Kor")

    response = client.get(LIST_URL, {"type": "spaceship", "focus_area": "nope", "page": "x"})

    page = text_of(response)
    assert response.status_code == 200
    assert "Ribe Kor" in page
    assert "ikke gyldige" in page
    assert 'value="spaceship"' not in page


def test_a_search_without_results_says_so(client):
    OrganisationFactory(name="Ribe Kor")

    page = text_of(client.get(LIST_URL, {"q": "findes ikke"}))

    assert "Ingen organisationer passer til din søgning" in page
    assert 'value="findes ikke"' in page


def test_list_paginates_and_keeps_the_filters(client):
    for number in range(25):
        OrganisationFactory(name=f"Klub {number:02d}")

    first = text_of(client.get(LIST_URL, {"q": "klub"}))
    second = text_of(client.get(LIST_URL, {"q": "klub", "page": "2"}))

    assert "Klub 00" in first and "Klub 20" not in first
    assert "?q=klub&amp;page=2" in first
    assert "Klub 20" in second and "Klub 00" not in second
    assert "Side 2 af 2" in second


def test_list_query_count_does_not_grow_with_the_number_of_organisations(client):
    areas = FocusAreaFactory.create_batch(3)
    OrganisationFactory(focus_areas=areas[:2])
    one = queries_for(client, LIST_URL)

    for _number in range(9):
        OrganisationFactory(focus_areas=areas)
    ten = queries_for(client, LIST_URL)

    assert one == ten
    assert ten <= 5


def test_organisation_page_shows_its_public_details(client):
    area = FocusAreaFactory(title_da="Fællesskab og mangfoldighed")
    organisation = OrganisationFactory(
        name="Hjerting Vinterbadere",
        description_da="Vi bader hver morgen.",
        contact_name="Aisha Rahman",
        contact_email="bad@example.org",
        contact_phone="75 00 00 00",
        street="Strandvej 50",
        postcode="6710",
        town="Hjerting",
        website="https://bad.example.org",
        focus_areas=[area],
    )

    response = client.get(f"/foreninger/{organisation.slug}/")

    page = text_of(response)
    assert response.status_code == 200
    assert "<h1>Hjerting Vinterbadere</h1>" in page
    assert "Vi bader hver morgen." in page
    assert "Fællesskab og mangfoldighed" in page
    assert 'href="mailto:bad@example.org"' in page
    assert 'href="tel:75000000"' in page
    assert "Strandvej 50<br>6710 Hjerting" in page
    assert 'href="https://bad.example.org"' in page
    assert "Administrer organisationen" not in page


def test_organisation_page_in_english_marks_danish_fallback_text(client):
    danish_only = OrganisationFactory(description_da="Kun dansk tekst.", description_en="")
    translated = OrganisationFactory(description_da="Dansk.", description_en="English text.")

    fallback = text_of(client.get(f"/en/foreninger/{danish_only.slug}/"))
    english = text_of(client.get(f"/en/foreninger/{translated.slug}/"))

    assert '<div class="organisations-description" lang="da"><p>Kun dansk tekst.</p>' in fallback
    assert '<div class="organisations-description" lang="en"><p>English text.</p>' in english
    assert "Contact" in english


def test_pending_and_rejected_pages_are_hidden_from_the_public(client):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    rejected = OrganisationFactory(status=Organisation.Status.REJECTED, rejection_reason="Nej")
    client.force_login(UserFactory())

    assert client.get(f"/foreninger/{pending.slug}/").status_code == 404
    assert client.get(f"/foreninger/{rejected.slug}/").status_code == 404
    assert client.get("/foreninger/findes-ikke/").status_code == 404


def test_members_and_staff_preview_a_pending_page(client):
    membership = MembershipFactory(
        organisation__status=Organisation.Status.PENDING, role="coordinator"
    )
    url = f"/foreninger/{membership.organisation.slug}/"

    client.force_login(membership.user)
    as_member = client.get(url)
    client.force_login(make_municipal_staff())
    as_staff = client.get(url)

    assert as_member.status_code == as_staff.status_code == 200
    assert "venter på godkendelse" in text_of(as_member)
    assert "Administrer organisationen" in text_of(as_member)


def test_organisation_page_query_count_is_fixed(client):
    areas = FocusAreaFactory.create_batch(5)
    few = OrganisationFactory(focus_areas=areas[:1])
    many = OrganisationFactory(focus_areas=areas)

    assert queries_for(client, f"/foreninger/{few.slug}/") == queries_for(
        client, f"/foreninger/{many.slug}/"
    )


def test_declared_sections_are_rendered_in_order(client, settings, declare):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}]
    organisation = OrganisationFactory()

    def second(request, organisation):
        return {"label": f"Second for {organisation.name}"}

    declare(
        "organisations_tests",
        organisation_sections=(
            OrganisationSection("organisations_tests/section.html", second, order=20),
            OrganisationSection(
                "organisations_tests/section_first.html",
                lambda request, organisation: {},
                order=10,
            ),
            OrganisationSection(
                "organisations_tests/section_hidden.html", lambda request, organisation: None
            ),
        ),
    )
    page = text_of(client.get(f"/foreninger/{organisation.slug}/"))

    assert f"<h2>Second for {organisation.name}</h2>" in page
    assert page.index("First section") < page.index("Second for")
    assert "<h2>Hidden</h2>" not in page
