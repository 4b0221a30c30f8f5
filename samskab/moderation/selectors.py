"""What moderation reads, each in a fixed number of queries.

- ``item_for(content_type_id, object_id)``: a moderated item named in an address.
- ``inbox_page(...)``: the staff's queue of open reviews, with their items (loaded per
  model in one query each) and what they were reported for.
- ``monthly_figures(...)``: the public count per month of reports, hidden items and how
  long reviews took.
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from samskab.moderation.models import Cause, ModeratedContent, Report, Review
from samskab.moderation.services import moderated_models

INBOX_PAGE_SIZE = 50
REPORT_TEXTS_PER_PAGE = 200


def item_for(content_type_id: int, object_id: int) -> ModeratedContent | None:
    """The item of a moderated model, or None (an unknown type or id, or a model that is
    not moderated)."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None or not issubclass(model, ModeratedContent):
        return None
    return model.moderation_queryset().filter(pk=object_id).first()


def content_type_id_of(item) -> int:
    return ContentType.objects.get_for_model(item, for_concrete_model=False).pk


# --- the inbox ------------------------------------------------------------------------------

INBOX_FILTERS = {
    "held": Q(cause__in=[Cause.FIRST_POST, Cause.LINKS, Cause.WORDS]),
    "reported": Q(cause=Cause.REPORTED),
    "review_requested": Q(cause=Cause.REVIEW_REQUESTED),
}


@dataclass
class ReportSummary:
    total: int
    by_reason: list[tuple[str, int]]
    texts: list[str]


def open_reviews(show: str = ""):
    reviews = Review.objects.filter(closed_at__isnull=True)
    if show in INBOX_FILTERS:
        reviews = reviews.filter(INBOX_FILTERS[show])
    return reviews.select_related("target_type").order_by("opened_at", "pk")


def inbox_page(*, show: str = "", page_number=None):
    """A page of open reviews, oldest first. Each review has ``target`` (the item with its
    author, or None when it was deleted) and ``reports`` (a ``ReportSummary``). Costs the
    count, the page, one query per model on the page, and one for the reports."""
    reviews = open_reviews(show).prefetch_related(
        GenericPrefetch("target", [model.moderation_queryset() for model in moderated_models()])
    )
    page = Paginator(reviews, INBOX_PAGE_SIZE).get_page(page_number)
    _attach_reports(list(page.object_list))
    return page


def _attach_reports(reviews: list[Review]) -> None:
    for review in reviews:
        review.reports = ReportSummary(total=0, by_reason=[], texts=[])
    if not reviews:
        return
    by_target = {(review.target_type_id, review.target_id): review for review in reviews}
    about_these = Q()
    for type_id, target_id in by_target:
        about_these |= Q(target_type_id=type_id, target_id=target_id)
    reasons = dict(Report.Reason.choices)
    rows = (
        Report.objects.filter(about_these)
        .values("target_type_id", "target_id", "reason")
        .annotate(count=Count("pk"), texts=Count("pk", filter=~Q(text="")))
        .order_by("target_type_id", "target_id", "reason")
    )
    wants_texts = False
    for row in rows:
        summary = by_target[(row["target_type_id"], row["target_id"])].reports
        summary.total += row["count"]
        summary.by_reason.append((reasons.get(row["reason"], row["reason"]), row["count"]))
        wants_texts = wants_texts or row["texts"] > 0
    if not wants_texts:
        return
    texts = (
        Report.objects.filter(about_these)
        .exclude(text="")
        .order_by("-created_at")
        .values_list("target_type_id", "target_id", "text")[:REPORT_TEXTS_PER_PAGE]
    )
    for type_id, target_id, text in texts:
        by_target[(type_id, target_id)].reports.texts.append(text)


# --- the public figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    month: date
    reports: int
    hidden: int
    reviewed: int
    median_review_time: timedelta | None


def _month_starts(months: int, now: datetime) -> list[date]:
    local = timezone.localtime(now).date().replace(day=1)
    starts = []
    year, month = local.year, local.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return starts


def monthly_figures(*, months: int = 12, now=None) -> list[MonthFigures]:
    """The last ``months`` months, newest first: reports made, items staff hid, reviews
    decided, and the median time from an item entering the inbox to the decision (reviews
    staff opened themselves, and those closed because the author deleted the item, are
    not waits and are left out). Three queries, whatever the numbers."""
    now = now or timezone.now()
    starts = _month_starts(months, now)
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(starts[-1], datetime.min.time()), tz)

    def month_of(value) -> date:
        return value.date() if isinstance(value, datetime) else value

    reports = {
        month_of(row["month"]): row["count"]
        for row in Report.objects.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    }
    hidden = {
        month_of(row["month"]): row["count"]
        for row in Review.objects.filter(closed_at__gte=since, outcome=Review.Outcome.HIDDEN)
        .annotate(month=TruncMonth("closed_at", tzinfo=tz))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    }
    waits: dict[date, list[timedelta]] = {}
    decided = (
        Review.objects.filter(
            closed_at__gte=since,
            outcome__in=[Review.Outcome.HIDDEN, Review.Outcome.PUBLISHED],
        )
        .exclude(cause=Cause.STAFF)
        .values_list("opened_at", "closed_at")
    )
    for opened_at, closed_at in decided:
        month = timezone.localtime(closed_at, tz).date().replace(day=1)
        waits.setdefault(month, []).append(closed_at - opened_at)
    return [
        MonthFigures(
            month=start,
            reports=reports.get(start, 0),
            hidden=hidden.get(start, 0),
            reviewed=len(waits.get(start, [])),
            median_review_time=statistics.median(waits[start]) if waits.get(start) else None,
        )
        for start in starts
    ]
