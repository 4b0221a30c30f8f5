"""How progress is combined, as a pure calculation shared by services and selectors.

The rule, for an initiative's sub-initiatives and for a focus area's main initiatives:

- each item counts with its weight; an item without a weight counts with weight 1;
- so when no item has a weight the result is the plain average, when all have one it is the
  weighted average, and a mixed set treats the unweighted items as weight 1 (staff see this
  in the weight field's help text: "Empty counts as 1");
- the result is rounded half up to a whole percentage;
- no items means there is nothing to combine (None).
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_WEIGHT = 1


def combined_progress(items: Iterable[tuple[int, int | None]]) -> int | None:
    """Combine (progress, weight) pairs into one percentage, or None for no items."""
    total_weight = 0
    weighted_sum = 0
    for progress, weight in items:
        effective_weight = DEFAULT_WEIGHT if weight is None else weight
        total_weight += effective_weight
        weighted_sum += progress * effective_weight
    if total_weight == 0:
        return None
    average = Decimal(weighted_sum) / Decimal(total_weight)
    return int(average.quantize(Decimal(1), rounding=ROUND_HALF_UP))
