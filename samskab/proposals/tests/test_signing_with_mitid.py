"""Signing through the real test MitID provider (testidp/), as the issue's test persons:
an adult resident signs, the 14-year-old and the non-resident are refused kindly, the
second signature of one person is refused, a cancelled or forged login records nothing."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from samskab.notifications import services as notifications
from samskab.notifications.models import Notification
from samskab.proposals.models import Proposal, Signature, Status
from tests.factories import UserFactory, write_proposal
from tests.mitid import sign_in_with_mitid

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mitid_provider")]


def sign_as(person, proposal):
    """A fresh visitor proves who they are as ``person`` and presses "Sign"; returns the
    sign page they saw after MitID and the messages after pressing."""
    visitor = Client()
    url = f"/en/borgerforslag/{proposal.pk}/underskriv/"
    back = sign_in_with_mitid(visitor, person, url)
    page = visitor.get(url).content.decode()
    response = visitor.post(url)
    said = [str(message) for message in get_messages(response.wsgi_request)]
    return back, page, said


def test_the_test_persons_sign_as_the_rules_say():
    proposal = write_proposal(threshold=2)
    follower = UserFactory()
    notifications.follow(user=follower, target=proposal)

    _back, page, said = sign_as("voksen", proposal)
    assert "MitID has confirmed who you are" in page
    assert any("Your signature counts" in message for message in said)

    _back, page, _said = sign_as("ung14", proposal)
    assert "from the age of 15" in page
    _back, page, _said = sign_as("tilflytter", proposal)
    assert "live elsewhere" in page

    _back, page, said = sign_as("voksen", proposal)
    assert "You signed this proposal on" in page
    assert Signature.objects.filter(proposal=proposal).count() == 1

    sign_as("nabo", proposal)
    proposal.refresh_from_db()
    assert proposal.signature_count == 2
    assert proposal.status == Status.THRESHOLD_REACHED
    assert Notification.objects.filter(recipient=follower, kind="proposals.followed").exists()


def test_the_signatures_hold_no_name_and_no_identifier():
    proposal = write_proposal(threshold=5)
    sign_as("voksen", proposal)
    row = Signature.objects.values().get()
    assert set(row) == {
        "id",
        "proposal_id",
        "identity_hash",
        "signed_at",
        "channel",
        "eligible",
        "registered_by_id",
    }
    assert len(row["identity_hash"]) == 64 and "voksen" not in row["identity_hash"]


@pytest.mark.parametrize("person", [None, "fejl-signatur", "fejl-nonce", "fejl-udloebet"])
def test_a_cancelled_or_forged_login_signs_nothing(person):
    proposal = write_proposal(threshold=5)
    visitor = Client()
    url = f"/en/borgerforslag/{proposal.pk}/underskriv/"
    back = sign_in_with_mitid(visitor, person, url)
    assert back.status_code == 302
    assert [str(message) for message in get_messages(back.wsgi_request)]
    assert "Continue with MitID" in visitor.get(url).content.decode()
    visitor.post(url)
    assert Signature.objects.count() == 0
    assert Proposal.objects.get().signature_count == 0


def test_a_signer_withdraws_their_signature_with_mitid():
    proposal = write_proposal(threshold=5)
    sign_as("voksen", proposal)
    visitor = Client()
    url = f"/en/borgerforslag/{proposal.pk}/underskriv/"
    sign_in_with_mitid(visitor, "voksen", url)
    visitor.post(f"/en/borgerforslag/{proposal.pk}/underskrift/tilbage/")
    assert Signature.objects.count() == 0
    assert Proposal.objects.get().signature_count == 0
