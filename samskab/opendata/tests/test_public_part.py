"""Each dataset holds only what the public pages show: no contact person, no author, no
signer, nothing unpublished, held or hidden."""

import pytest

from samskab.booking import services as booking_services
from samskab.ideas import services as idea_services
from samskab.ideas.models import Idea, Meaning
from samskab.moderation import services as moderation_services
from samskab.opendata.catalogue import datasets
from samskab.opendata.tests.helpers import csv_rows, download, json_document
from samskab.organisations.models import Organisation
from samskab.proposals.models import Signature, Status
from samskab.vision import services as vision_services
from tests.factories import UserFactory, make_municipal_staff, make_shift
from tests.factories.activities import ActivityFactory, one_off
from tests.factories.ideas import answer_status, propose_idea
from tests.factories.needs import make_need
from tests.factories.organisations import OrganisationFactory
from tests.factories.proposals import write_proposal
from tests.factories.vision import InitiativeFactory
from tests.factories.volunteering import OpportunityFactory

pytestmark = pytest.mark.django_db


def _every_file(client) -> str:
    """Every dataset in every format, as text."""
    texts = []
    for dataset in datasets():
        for extension in ("csv", "excel.csv", "json"):
            _response, body = download(client, f"/data/{dataset.slug}.{extension}")
            texts.append(body.decode("utf-8-sig"))
    return "\n".join(texts)


def test_organisations_without_their_contact_person(client):
    organisation = OrganisationFactory(
        name="Ribe Strikkeklub",
        contact_name="Karen Kontaktsen",
        contact_email="karen.kontaktsen@example.dk",
        contact_phone="75 99 88 77",
        website="https://strik.example.dk",
    )
    OrganisationFactory(name="Venter stadig", status=Organisation.Status.PENDING)

    [row] = csv_rows(client, "foreninger")

    assert (row["name"], row["website"], row["town"]) == (
        "Ribe Strikkeklub",
        "https://strik.example.dk",
        "Esbjerg",
    )
    assert row["url"] == f"https://samskab.example/foreninger/{organisation.slug}/"
    everything = _every_file(client)
    for private in ("Karen Kontaktsen", "karen.kontaktsen@example.dk", "75 99 88 77"):
        assert private not in everything


def test_volunteer_opportunities_and_shifts_without_the_contact_person(client):
    contact = UserFactory(display_name="Kirsten Kontaktperson")
    opportunity = OpportunityFactory(
        title_da="Bær stole", contact_person=contact, contact_phone="75 44 33 22"
    )
    OpportunityFactory(title_da="Kladde", is_published=False)
    shift = make_shift(opportunity=opportunity, volunteers_needed=3)
    booking_services.request_booking(slot=shift.booking_slot, user=UserFactory())

    [opportunity_row] = csv_rows(client, "frivilligopgaver")
    [shift_row] = csv_rows(client, "frivilligvagter")

    assert opportunity_row["title_da"] == "Bær stole"
    assert (shift_row["volunteers_needed"], shift_row["places_left"]) == ("3", "2")
    assert shift_row["opportunity_id"] == str(opportunity.pk)
    everything = _every_file(client)
    assert "Kontaktperson" not in everything
    assert "75 44 33 22" not in everything


def test_needs_without_contact_and_only_the_town_of_a_citizens_errand(client):
    make_need(title_da="Bær stole i salen", contact_phone="75 12 12 12")
    staff = make_municipal_staff()
    errand = make_need(
        title_da="Hjælp til indkøb",
        by=staff,
        organisation=OrganisationFactory(type=Organisation.Type.MUNICIPAL_SERVICE),
        on_behalf_of_citizen=True,
        place_name="Hos Else",
        street="Rosenvej 3",
        postcode="6760",
    )

    rows = {row["title_da"]: row for row in csv_rows(client, "behov")}

    assert rows["Bær stole i salen"]["street"] == "Sct. Nicolaj Gade 14"
    citizen = rows["Hjælp til indkøb"]
    assert (citizen["place_name"], citizen["street"], citizen["postcode"]) == ("", "", "")
    assert citizen["town"] == errand.town.name
    everything = _every_file(client)
    for private in ("Rosenvej 3", "Hos Else", "75 12 12 12"):
        assert private not in everything


def test_ideas_only_published_and_nobody_named(client):
    author = UserFactory(display_name="Ida Idémager")
    idea = propose_idea(author=author, title="Bænke ved stien")
    propose_idea(title="Venter på et kig", published=False)
    hidden = propose_idea(title="Skjult efter anmeldelser")
    moderation_services.hide(hidden, reason="Krænkende", by=make_municipal_staff())
    staff = make_municipal_staff(display_name="Svend Svarer")
    idea_services.answer(
        idea=idea,
        by=staff,
        status=answer_status(Meaning.ACCEPTED),
        text="Bænkene kommer i foråret.",
        department="Teknik & Miljø",
    )

    [idea_row] = csv_rows(client, "ideer")
    [answer_row] = csv_rows(client, "ide-svar")

    assert idea_row["title"] == "Bænke ved stien"
    assert idea_row["status"] == "accepted"
    assert answer_row["idea_id"] == str(idea.pk)
    assert answer_row["answer"] == "Bænkene kommer i foråret."
    assert Idea.objects.count() == 3
    everything = _every_file(client)
    for private in ("Idémager", "Svarer", "Venter på et kig", "Skjult efter anmeldelser"):
        assert private not in everything


def test_public_proposals_with_their_counts_and_never_a_signer(client):
    collecting = write_proposal(title="Gratis bus", threshold=3)
    write_proposal(title="Min kladde", status=Status.DRAFT)
    write_proposal(title="Til formel kontrol", status=Status.SUBMITTED)
    reached = write_proposal(title="Nok underskrifter", status=Status.THRESHOLD_REACHED)

    rows = {row["title"]: row for row in csv_rows(client, "borgerforslag")}

    assert set(rows) == {"Gratis bus", "Nok underskrifter"}
    assert (rows["Gratis bus"]["signatures"], rows["Gratis bus"]["signatures_needed"]) == (
        "0",
        "3",
    )
    assert rows["Nok underskrifter"]["signatures"] == str(reached.signature_count)
    assert rows["Gratis bus"]["url"].startswith(
        f"https://samskab.example/borgerforslag/{collecting.pk}-"
    )
    everything = _every_file(client)
    hashes = [value for value in Signature.objects.values_list("identity_hash", flat=True) if value]
    assert hashes
    for identity in hashes:
        assert identity not in everything
    assert reached.author.email not in everything


def test_initiatives_with_their_progress(client):
    parent = InitiativeFactory(slug="bevaegelse", title_da="Bevægelse for alle")
    InitiativeFactory(slug="stier", parent=parent, focus_area=parent.focus_area)
    vision_services.initiative_update(initiative=parent, progress=40)

    rows = {row["slug"]: row for row in csv_rows(client, "initiativer")}

    assert (rows["stier"]["parent"], rows["stier"]["progress"]) == ("bevaegelse", "25")
    assert rows["bevaegelse"]["title_da"] == "Bevægelse for alle"
    assert rows["bevaegelse"]["url"] == "https://samskab.example/initiativer/bevaegelse/"
    document = json_document(client, "initiativer")
    assert document["licence"] == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_every_row_of_every_dataset_has_a_value_for_each_column(client):
    one_off(ActivityFactory(), days=2)
    make_shift()
    make_need()
    propose_idea()
    write_proposal()
    InitiativeFactory()

    for dataset in datasets():
        rows = list(dataset.rows())
        assert all(len(row) == len(dataset.columns) for row in rows), dataset.slug
