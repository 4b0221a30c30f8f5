"""Pages of long public lists whose cost does not grow with the list.

Django's ``Paginator`` counts every matching row to number the pages: on the catalogue at
Esbjerg's scale that count was the page's slowest query, and it grows with the data. A
``CappedPaginator`` counts at most ``COUNT_CAP`` rows (``SELECT COUNT(*) FROM (… LIMIT
cap + 1)``, which PostgreSQL stops reading once it has them), so a list of a million rows
costs what a list of a thousand does. Beyond the cap the list says "more than 1,000", and
offers the first ``COUNT_CAP`` rows in pages: for lists sorted by time or popularity, where
nobody leafs through more than fifty pages of twenty and the filters narrow a list down.
An alphabetical list that people browse to its end (the organisations) keeps ``Paginator``.
Templates read ``paginator.count_capped`` (``core/includes/pagination.html`` then shows no
"last page", and headings say "more than").
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Fifty pages of twenty.
COUNT_CAP = 1000


def capped_count(queryset, cap: int | None = None) -> tuple[int, bool]:
    """The number of rows up to ``cap`` (``COUNT_CAP``), and whether there are more."""
    cap = COUNT_CAP if cap is None else cap
    # Without the order: which rows are counted does not matter, and sorting them all
    # before the limit would read every row again.
    counted = queryset.order_by()[: cap + 1].count()
    return min(counted, cap), counted > cap


class CappedPaginator(Paginator):
    """A paginator of at most ``cap`` rows (see the module). ``counted``: the
    ``capped_count`` of the list when the caller has it from a narrower query than the
    paginator's own rows."""

    def __init__(self, object_list, per_page, *, cap: int | None = None, counted=None, **options):
        super().__init__(object_list, per_page, **options)
        self.cap = COUNT_CAP if cap is None else cap
        self._counted = counted

    @cached_property
    def _count_and_capped(self) -> tuple[int, bool]:
        if self._counted is not None:
            return self._counted
        if hasattr(self.object_list, "query"):
            return capped_count(self.object_list, self.cap)
        counted = len(self.object_list)
        return min(counted, self.cap), counted > self.cap

    @cached_property
    def count(self) -> int:
        return self._count_and_capped[0]

    @cached_property
    def count_capped(self) -> bool:
        """Whether the list has more rows than ``count`` (which is then the cap)."""
        return self._count_and_capped[1]
