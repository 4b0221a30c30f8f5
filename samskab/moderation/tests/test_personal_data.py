"""What moderation gives a person in their data download, and what goes with them."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from samskab.accounts import services as account_services
from samskab.moderation import services
from samskab.moderation.models import Report, Review
from samskab.moderation.personal_data import collect_personal_data
from tests.factories import make_municipal_staff

pytestmark = pytest.mark.django_db


def test_the_download_has_their_reports_and_decisions(discussion, readers):
    services.report(discussion, reporter=readers[0], reason="spam", text="Reklame")
    staff = make_municipal_staff()
    services.hide(discussion, reason="Reklame.", by=staff)
    mine = collect_personal_data(readers[0])
    json.dumps(mine, cls=DjangoJSONEncoder)
    assert [(r["reason"], r["text"]) for r in mine["reports"]] == [("spam", "Reklame")]
    assert mine["moderation_decisions"] == []
    theirs = collect_personal_data(staff)
    assert theirs["moderation_decisions"][0]["reason"] == "Reklame."
    assert collect_personal_data(readers[1]) == {"reports": [], "moderation_decisions": []}


def test_deleting_an_account_deletes_its_reports_and_keeps_the_decisions(discussion, readers):
    services.report(discussion, reporter=readers[0], reason="spam")
    services.report(discussion, reporter=readers[1], reason="spam")
    staff = make_municipal_staff()
    services.hide(discussion, reason="Reklame.", by=staff)
    account_services.delete_account(user=readers[0])
    account_services.delete_account(user=staff)
    assert list(Report.objects.values_list("reporter", flat=True)) == [readers[1].pk]
    decision = Review.objects.get()
    assert decision.decided_by is None and decision.reason == "Reklame."
    discussion.refresh_from_db()
    assert discussion.is_hidden and discussion.moderated_by is None
