from datetime import UTC, datetime, timedelta

import pytest

from samskab.booking.models import Slot
from samskab.matching.expressions import EpochSeconds
from tests.factories import make_need

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2030, 6, 13, 8, 0, tzinfo=UTC),
        datetime(2030, 12, 24, 23, 59, 59, 400_000, tzinfo=UTC),
        datetime(2031, 3, 30, 1, 30, tzinfo=UTC),
    ],
)
def test_epoch_seconds_reads_a_moment_as_whole_seconds(moment):
    need = make_need()
    Slot.objects.filter(pk=need.booking_slot.pk).update(
        starts_at=moment, ends_at=moment + timedelta(hours=2)
    )
    seconds = (
        Slot.objects.filter(pk=need.booking_slot.pk)
        .annotate(seconds=EpochSeconds("starts_at"))
        .values_list("seconds", flat=True)
        .get()
    )
    assert seconds == round(moment.timestamp())
    assert datetime.fromtimestamp(seconds, UTC) == moment.replace(microsecond=0)
