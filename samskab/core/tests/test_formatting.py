from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

from samskab.core.formatting import (
    clock_range,
    date_range,
    local_datetime,
    slot_time_range,
    weekday_date,
)

UTC = ZoneInfo("UTC")
# 09:00 and 11:00 UTC are 10:00 and 12:00 in Copenhagen in March.
START = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
END = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)


def test_times_are_written_in_the_site_time_zone_and_language():
    with translation.override("en"):
        assert local_datetime(START) == "Tuesday March 3, 2026, 10:00"
        assert slot_time_range(SimpleNamespace(starts_at=START, ends_at=END)) == (
            "Tuesday March 3, 2026, 10:00\N{EN DASH}12:00"
        )
        assert weekday_date(date(2026, 3, 3)) == "Tuesday March 3, 2026"
    with translation.override("da"):
        assert local_datetime(START) == "Tirsdag 3. marts 2026, 10:00"


def test_ranges():
    assert clock_range(time(10), time(12, 30)) == "10:00\N{EN DASH}12:30"
    assert clock_range(START, END) == "10:00\N{EN DASH}12:00"
    over_midnight = SimpleNamespace(starts_at=START, ends_at=datetime(2026, 3, 4, 9, tzinfo=UTC))
    with translation.override("en"):
        assert slot_time_range(over_midnight) == (
            "Tuesday March 3, 2026, 10:00 \N{EN DASH} Wednesday March 4, 2026, 10:00"
        )
        assert date_range(date(2025, 3, 3), date(2025, 3, 3)) == "March 3, 2025"
        assert date_range(date(2025, 3, 3), date(2025, 6, 14)) == (
            "March 3, 2025 \N{EN DASH} June 14, 2025"
        )


def test_a_date_is_written_again_in_each_language_and_after_midnight_locally():
    late = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)  # already Wednesday in Copenhagen
    with translation.override("da"):
        assert weekday_date(START) == "Tirsdag 3. marts 2026"
        assert weekday_date(late) == "Onsdag 4. marts 2026"
    with translation.override("en"):
        assert weekday_date(START) == "Tuesday March 3, 2026"
    with translation.override("da"):
        assert weekday_date(START) == "Tirsdag 3. marts 2026"


def test_time_elements_carry_the_moment_with_the_site_s_offset():
    from samskab.core.templatetags.core_tags import machine_datetime

    assert machine_datetime(START) == "2026-03-03T10:00:00+0100"
    assert machine_datetime(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == "2026-07-01T14:00:00+0200"
    assert machine_datetime(None) == ""
