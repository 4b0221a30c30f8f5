"""The OpenActive feeds' settings, each with a default (Django settings; none is required).

- ``OPENACTIVE_PAGE_SIZE``: items per RPDE page (500, OpenActive's recommendation).
- ``OPENACTIVE_TOMBSTONE_DAYS``: days a deleted item stays in its feed before the periodic
  task removes it (7, the least RPDE allows).
- ``OPENACTIVE_LICENSE``: the licence of the data (CC BY 4.0, as OpenActive recommends).
- ``OPENACTIVE_ADDRESS_REGION``: the region in postal addresses (``Region Syddanmark``).
- ``OPENACTIVE_PUBLISH_BATCH``: items rendered in one publishing transaction (500).
"""

from datetime import timedelta

from django.conf import settings

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"


def page_size() -> int:
    return int(getattr(settings, "OPENACTIVE_PAGE_SIZE", 500))


def tombstone_retention() -> timedelta:
    return timedelta(days=max(7, int(getattr(settings, "OPENACTIVE_TOMBSTONE_DAYS", 7))))


def license_url() -> str:
    return getattr(settings, "OPENACTIVE_LICENSE", CC_BY_4)


def address_region() -> str:
    return getattr(settings, "OPENACTIVE_ADDRESS_REGION", "Region Syddanmark")


def publish_batch() -> int:
    return int(getattr(settings, "OPENACTIVE_PUBLISH_BATCH", 500))
