"""The public organisation page is kept for visitors who are not logged in
(``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``) and forgotten whenever anything
it shows may have changed: the organisation (and its members), the vision's focus areas,
and what the sections other apps plug into the page show (sections.py): upcoming
activities with their sessions, volunteering's opportunities and shifts, and the booking
engine's slots behind both. Every model of those apps counts, which is simpler to keep
right than a list of fields.

A section registered by an app that is not in ``SHOWN_APPS`` could show data whose changes
nobody forgets, so while one is registered the page is not kept at all (and a warning says
so): add the app here when it adds a section."""

import logging

from django.apps import apps

from samskab.core import page_cache
from samskab.organisations.sections import organisation_sections

logger = logging.getLogger(__name__)

PAGES = page_cache.Scope("organisations:page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWN_APPS = ("organisations", "vision", "activities", "booking", "reference", "volunteering")

_warned: set[str] = set()


def connect(app_config=None) -> None:
    page_cache.forget_on_change(PAGES, *(label for label in SHOWN_APPS if _installed(label)))


def _installed(label: str) -> bool:
    try:
        apps.get_app_config(label)
    except LookupError:
        return False
    return True


def unwatched_sections() -> list[str]:
    """Template names of registered sections whose app is not in ``SHOWN_APPS``."""
    unwatched = []
    for section in organisation_sections():
        config = apps.get_containing_app_config(section.context_callable.__module__)
        if config is None or config.label not in SHOWN_APPS:
            unwatched.append(section.template_name)
    return unwatched


def page_may_be_kept() -> bool:
    unwatched = unwatched_sections()
    for name in set(unwatched) - _warned:
        _warned.add(name)
        logger.warning(
            "Organisation pages are not cached: the section %s comes from an app that "
            "samskab.organisations.signals.SHOWN_APPS does not watch.",
            name,
        )
    return not unwatched
