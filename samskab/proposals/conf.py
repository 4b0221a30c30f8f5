"""The municipality's rules for citizen proposals (settings ``PROPOSALS_*``, Esbjerg's by
default): a proposal goes on the city council's agenda when ``THRESHOLD`` residents of the
municipality (``MUNICIPALITY_CODE``) aged ``MIN_AGE`` or more sign it within
``COLLECTION_DAYS``. Its author needs ``CO_PROPOSERS`` co-proposers before submitting, and
staff promise the formal check within ``CHECK_DAYS``. Signers' identity hashes are deleted
``KEEP_IDENTITIES_DAYS`` after the proposal ends (decided, expired, withdrawn or rejected);
the counts stay."""

from datetime import timedelta

from django.conf import settings


def threshold() -> int:
    return settings.PROPOSALS_THRESHOLD


def collection_period() -> timedelta:
    return timedelta(days=settings.PROPOSALS_COLLECTION_DAYS)


def min_age() -> int:
    return settings.PROPOSALS_MIN_AGE


def municipality_code() -> str:
    return settings.PROPOSALS_MUNICIPALITY_CODE


def co_proposers() -> int:
    return settings.PROPOSALS_CO_PROPOSERS


def check_within() -> timedelta:
    return timedelta(days=settings.PROPOSALS_CHECK_DAYS)


def keep_identities() -> timedelta:
    return timedelta(days=settings.PROPOSALS_KEEP_IDENTITIES_DAYS)
