"""The dates and times a weekly series wants: weekdays until a date, every N weeks,
exceptions, and local times kept across daylight saving changes."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from samskab.activities.recurrence import local_moment, single_occurrence, weekly_occurrences

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
TUESDAY = 2
THURSDAY = 4


def local(occurrence):
    return occurrence.starts_at.astimezone(COPENHAGEN), occurrence.ends_at.astimezone(COPENHAGEN)


def test_weekly_on_tuesdays_until_a_date_includes_the_last_date():
    occurrences = weekly_occurrences(
        weekdays=[TUESDAY],
        start_time=time(10),
        end_time=time(12),
        starts_on=date(2026, 1, 1),  # a Thursday: the first Tuesday is 6 January
        ends_on=date(2026, 1, 27),  # a Tuesday, included
    )
    days = [local(o)[0].date() for o in occurrences]
    assert days == [date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20), date(2026, 1, 27)]
    for starts_at, ends_at in map(local, occurrences):
        assert (starts_at.time(), ends_at.time()) == (time(10), time(12))


def test_exception_dates_are_left_out():
    occurrences = weekly_occurrences(
        weekdays=[TUESDAY],
        start_time=time(10),
        end_time=time(12),
        starts_on=date(2026, 1, 6),
        ends_on=date(2026, 1, 27),
        exceptions=[date(2026, 1, 13), date(2026, 1, 14)],
    )
    assert [local(o)[0].date() for o in occurrences] == [
        date(2026, 1, 6),
        date(2026, 1, 20),
        date(2026, 1, 27),
    ]


def test_every_other_week_counts_from_the_first_week():
    occurrences = weekly_occurrences(
        weekdays=[TUESDAY, THURSDAY],
        start_time=time(18),
        end_time=time(20),
        starts_on=date(2026, 1, 6),
        ends_on=date(2026, 2, 5),
        interval=2,
    )
    assert [local(o)[0].date() for o in occurrences] == [
        date(2026, 1, 6),
        date(2026, 1, 8),
        date(2026, 1, 20),
        date(2026, 1, 22),
        date(2026, 2, 3),
        date(2026, 2, 5),
    ]


def test_local_ten_oclock_stays_ten_oclock_when_summer_time_ends_in_october():
    occurrences = weekly_occurrences(
        weekdays=[TUESDAY],
        start_time=time(10),
        end_time=time(12),
        starts_on=date(2025, 10, 14),
        ends_on=date(2025, 11, 4),  # clocks go back on Sunday 26 October 2025
    )
    assert [local(o)[0].time() for o in occurrences] == [time(10)] * 4
    utc_hours = [o.starts_at.astimezone(ZoneInfo("UTC")).hour for o in occurrences]
    assert utc_hours == [8, 8, 9, 9]


def test_local_ten_oclock_stays_ten_oclock_when_summer_time_starts_in_march():
    occurrences = weekly_occurrences(
        weekdays=[7],  # Sundays: 29 March 2026 is the day itself
        start_time=time(10),
        end_time=time(12),
        starts_on=date(2026, 3, 22),
        ends_on=date(2026, 4, 5),
    )
    assert [local(o)[0] for o in occurrences] == [
        local_moment(date(2026, 3, 22), time(10)),
        local_moment(date(2026, 3, 29), time(10)),
        local_moment(date(2026, 4, 5), time(10)),
    ]
    assert [o.starts_at.astimezone(ZoneInfo("UTC")).hour for o in occurrences] == [9, 8, 8]
    assert all(o.ends_at - o.starts_at == timedelta(hours=2) for o in occurrences)


def test_a_time_skipped_by_the_clock_change_moves_forward():
    moment = local_moment(date(2026, 3, 29), time(2, 30))
    assert moment.astimezone(COPENHAGEN).time() == time(3, 30)


def test_nothing_is_wanted_without_weekdays_or_with_dates_the_wrong_way_round():
    common = {"start_time": time(10), "end_time": time(12)}
    assert (
        weekly_occurrences(
            weekdays=[], starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1), **common
        )
        == []
    )
    assert (
        weekly_occurrences(
            weekdays=[1], starts_on=date(2026, 2, 1), ends_on=date(2026, 1, 1), **common
        )
        == []
    )


def test_a_single_date_ending_after_midnight_ends_the_next_day():
    occurrence = single_occurrence(day=date(2026, 5, 1), start_time=time(20), end_time=time(1))
    starts_at, ends_at = local(occurrence)
    assert starts_at.date() == date(2026, 5, 1)
    assert ends_at.date() == date(2026, 5, 2)
    assert ends_at.time() == time(1)
