"""Addresses without arguments, reversed once per language instead of on every page.

Every page's header and footer link to the same dozen pages; ``reverse()`` walks the URL
patterns each time, which made the layout a large share of a page's cost. Such an address
only depends on the URL configuration, the script prefix, the language and the settings
that decide the language prefix, so it is remembered under exactly those.
"""

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

T = TypeVar("T")

# The settings an address without arguments depends on besides the key's parts: the
# default language has no prefix (i18n_patterns' prefix_default_language=False).
_SETTINGS = {"ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES", "FORCE_SCRIPT_NAME"}

_known: dict[tuple, object] = {}


def per_language(what: Hashable, build: Callable[[], T]) -> T:
    """``build()``, called once per URL configuration, script prefix and language: for
    something made only of addresses without arguments and translated text. ``what``
    names it among the others kept."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language(), what)
    try:
        return _known[key]
    except KeyError:
        value = _known[key] = build()
        return value


def _reverse_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def fixed_url(name: str) -> str | None:
    """``reverse(name)`` for a URL pattern without arguments, or None when no pattern has
    that name (an app that is not mounted)."""
    return per_language(("url", name), lambda: _reverse_or_none(name))


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    if setting in _SETTINGS:
        _known.clear()
