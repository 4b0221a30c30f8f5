"""The tabs of an organisation's management pages, which other apps can add to.

The navigation (``organisations/includes/manage_nav.html``) shows every registered tab
that the user may open. Every app declares its tabs as ``ManageTab`` in its
``contributions.py`` (``samskab/core/extensions.py`` states the contract)::

    manage_tabs=(
        ManageTab(
            _("Activities"),
            "activities:manage_list",
            order=30,
            active_for=("activities:manage_create", "activities:manage_edit"),
        ),
    ),

- ``url_name`` is reversed with the organisation's slug as its only argument
  (``kwargs={"slug": organisation.slug}``).
- ``requires`` is "coordinate" (administrators, coordinators, municipal staff; the default)
  or "manage" (administrators and municipal staff), matching
  ``selectors.can_coordinate`` and ``selectors.can_manage_organisation``. The tab is only a
  link: the view behind it must still check the permission itself.
- The tab is marked as the current page when the request's view name is ``url_name`` or one
  of ``active_for``.

A page of another app gets the navigation, breadcrumbs and layout by extending
``organisations/manage_base.html`` (blocks ``manage_title`` and ``manage_content``) with
``organisation`` in its context, or by including the navigation on its own with
``{% include "organisations/includes/manage_nav.html" with organisation=organisation %}``.
"""

import logging

from django.urls import NoReverseMatch, reverse

from samskab.core import extensions
from samskab.core.extensions import ManageTab

logger = logging.getLogger(__name__)

COORDINATE = "coordinate"
MANAGE = "manage"


def manage_tabs() -> list[ManageTab]:
    # sorted() is stable: equal orders stay in INSTALLED_APPS order.
    return sorted((tab for _, tab in extensions.declared("manage_tabs")), key=lambda t: t.order)


def visible_manage_tabs(organisation, access, current_view_name: str | None) -> list[dict]:
    """The tabs this user may open for this organisation, with their URLs and which one is
    the current page. ``access`` is a ``selectors.OrganisationAccess``.

    A tab whose URL is not mounted (an app registered it but its URLs are not included) is
    left out with a warning, so that one app's mistake does not break every management page.
    """
    allowed = {COORDINATE: access.can_coordinate, MANAGE: access.can_manage}
    tabs = []
    for tab in manage_tabs():
        if not allowed[tab.requires]:
            continue
        try:
            url = reverse(tab.url_name, kwargs={"slug": organisation.slug})
        except NoReverseMatch:
            logger.warning("Management tab %r has no URL taking a slug; left out.", tab.url_name)
            continue
        tabs.append(
            {
                "label": tab.label,
                "url": url,
                "current": current_view_name in (tab.url_name, *tab.active_for),
            }
        )
    return tabs
