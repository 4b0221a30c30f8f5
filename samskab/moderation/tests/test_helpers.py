"""Review times in words."""

from datetime import timedelta

import pytest
from django.utils import translation

from samskab.moderation.templatetags.moderation_tags import review_time


@pytest.mark.parametrize(
    ("waited", "words"),
    [
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=59), "59 minutes"),
        (timedelta(hours=5, minutes=50), "5 hours"),
        (timedelta(hours=47), "47 hours"),
        (timedelta(days=3, hours=2), "3 days"),
        (None, ""),
    ],
)
def test_review_times_in_words(waited, words):
    with translation.override("en"):
        assert review_time(waited) == words
