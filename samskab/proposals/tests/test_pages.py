"""The pages of citizen proposals: what each person sees and may do, bad input, and the
list's cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.proposals.models import Proposal, RejectionReason, Signature, Status
from tests.factories import UserFactory, make_municipal_staff, propose_idea, write_proposal

pytestmark = pytest.mark.django_db


def test_the_list_shows_collecting_proposals_with_their_progress(client):
    collecting = write_proposal(title="Flere bænke ved stranden", threshold=2000)
    write_proposal(title="Et udkast", status=Status.DRAFT)
    page = client.get("/en/borgerforslag/").content.decode()
    assert "Flere bænke ved stranden" in page
    assert "Et udkast" not in page
    assert "0 of 2,000 signatures" in page
    assert collecting.get_absolute_url() in page


def test_the_list_costs_the_same_queries_for_3_and_30_proposals(client):
    staff = make_municipal_staff()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/borgerforslag/").status_code == 200
        return len(queries)

    for _ in range(3):
        write_proposal(staff=staff)
    few = count()
    for _ in range(27):
        write_proposal(staff=staff)
    assert count() == few


def test_a_draft_is_seen_only_by_its_author_and_staff(client):
    draft = write_proposal(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(draft.author)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Submit for the formal check" in page or "Indsend til formel kontrol" in page
    client.force_login(make_municipal_staff())
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_writing_keeps_what_was_typed_when_something_is_wrong(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/borgerforslag/nyt/",
        {"title": "", "text": "Min tekst om cykelstier", "language": "da"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Min tekst om cykelstier" in page
    assert "This field is required." in page
    assert not Proposal.objects.exists()


def test_a_cpr_number_in_the_text_is_refused(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/borgerforslag/nyt/",
        {"title": "Hjælp", "text": "Ring til mig, mit cpr er 010180-1234", "language": "da"},
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_writing_submitting_and_the_frozen_text(client):
    author = UserFactory()
    client.force_login(author)
    response = client.post(
        "/en/borgerforslag/nyt/",
        {"title": "Lys på stien", "text": "Byrådet sætter lys op på stien.", "language": "da"},
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    client.post(f"/borgerforslag/{proposal.pk}/indsend/")
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    response = client.post(
        f"/en/borgerforslag/{proposal.pk}/ret/",
        {"title": "Ændret", "text": "Ændret", "language": "da"},
    )
    assert response.status_code == 302
    assert Proposal.objects.get().title == "Lys på stien"


def test_another_citizen_cannot_touch_someone_s_proposal(client):
    draft = write_proposal(status=Status.DRAFT)
    collecting = write_proposal()
    client.force_login(UserFactory())
    assert client.post(f"/borgerforslag/{draft.pk}/indsend/").status_code == 404
    assert (
        client.post(f"/borgerforslag/{collecting.pk}/traek-tilbage/", {"reason": "x"}).status_code
        == 403
    )
    assert Proposal.objects.get(pk=collecting.pk).status == Status.COLLECTING


@pytest.mark.parametrize(
    "step", ["formel-kontrol", "ret-tekst", "byraad", "beslutning", "fremdrift", "skranke"]
)
def test_the_staff_steps_are_refused_to_citizens(client, step):
    proposal = write_proposal()
    client.force_login(proposal.author)
    assert client.get(f"/borgerforslag/{proposal.pk}/{step}/").status_code == 403
    assert client.post(f"/borgerforslag/{proposal.pk}/{step}/", {}).status_code == 403
    assert client.get("/borgerforslag/behandling/").status_code == 403


def test_staff_reject_without_a_reason_and_the_explanation_is_kept(client):
    proposal = write_proposal(status=Status.SUBMITTED)
    client.force_login(make_municipal_staff())
    response = client.post(
        f"/en/borgerforslag/{proposal.pk}/formel-kontrol/",
        {"outcome": "reject", "text": "Det hører under regionen."},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the reason for the rejection." in page
    assert "Det hører under regionen." in page
    reason = RejectionReason.objects.first()
    client.post(
        f"/en/borgerforslag/{proposal.pk}/formel-kontrol/",
        {"outcome": "reject", "reason": reason.pk, "text": "Det hører under regionen."},
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED and proposal.rejection_reason == reason


def test_a_staff_correction_is_shown_as_a_difference(client):
    proposal = write_proposal()
    client.force_login(make_municipal_staff())
    client.post(
        f"/en/borgerforslag/{proposal.pk}/ret-tekst/",
        {
            "title": proposal.title,
            "text": proposal.text.replace("bybussen", "bybusserne"),
            "reason": "Stavefejl",
        },
    )
    client.logout()
    page = client.get(f"/en/borgerforslag/{proposal.pk}/", follow=True).content.decode()
    assert "<del>bybussen </del><ins>bybusserne </ins>" in page
    assert "Stavefejl" in page


def test_staff_register_a_signature_at_the_desk_and_bad_input_is_explained(client):
    proposal = write_proposal(threshold=10)
    client.force_login(make_municipal_staff())
    url = f"/en/borgerforslag/{proposal.pk}/skranke/"
    data = {
        "channel": "desk",
        "person_identifier": "010180-123",
        "birthdate": "1980-01-01",
        "municipality_code": "0561",
        "checked": "on",
    }
    page = client.post(url, data).content.decode()
    assert "A CPR number has 10 digits." in page
    data["person_identifier"] = "010180-1234"
    assert client.post(url, data).status_code == 302
    page = client.post(url, data).content.decode()
    assert "already signed" in page
    assert Signature.objects.filter(proposal=proposal).count() == 1
    data.update(person_identifier="0202021234", birthdate="2020-02-02")
    assert "from the age of 15" in client.post(url, data).content.decode()


def test_the_sign_page_explains_mitid_to_a_visitor_without_an_account(client):
    proposal = write_proposal()
    page = client.get(f"/en/borgerforslag/{proposal.pk}/underskriv/").content.decode()
    assert "Continue with MitID" in page
    assert "you need no account here" in page


def test_an_idea_s_author_turns_it_into_a_proposal(client):
    idea = propose_idea()
    client.force_login(UserFactory())
    client.post(f"/borgerforslag/fra-ide/{idea.pk}/")
    assert not Proposal.objects.exists()
    client.force_login(idea.author)
    response = client.post(f"/borgerforslag/fra-ide/{idea.pk}/")
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.idea == idea
