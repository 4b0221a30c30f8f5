"""The municipality's promise: ideas with at least ``ANSWER_SUPPORTS`` supports get an
answer within ``ANSWER_DAYS`` days of reaching them (settings IDEAS_ANSWER_SUPPORTS and
IDEAS_ANSWER_DAYS)."""

from datetime import timedelta

from django.conf import settings


def answer_supports() -> int:
    return settings.IDEAS_ANSWER_SUPPORTS


def answer_within() -> timedelta:
    return timedelta(days=settings.IDEAS_ANSWER_DAYS)
