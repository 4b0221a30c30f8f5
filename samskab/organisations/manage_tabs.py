"""The tabs of an organisation's management pages, which other apps can add to.

The navigation (``organisations/includes/manage_nav.html``) shows every registered tab
that the user may open. Activities and volunteering add theirs in ``AppConfig.ready()``::

    from django.utils.translation import gettext_lazy as _
    from samskab.organisations.manage_tabs import register_manage_tab

    register_manage_tab(
        _("Activities"),
        "activities:manage_list",
        order=30,
        active_for=("activities:manage_create", "activities:manage_edit"),
    )

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
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

COORDINATE = "coordinate"
MANAGE = "manage"


@dataclass(frozen=True)
class ManageTab:
    label: str
    url_name: str
    requires: str
    order: int
    active_for: tuple[str, ...]


_tabs: dict[str, ManageTab] = {}


def register_manage_tab(
    label,
    url_name: str,
    *,
    requires: str = COORDINATE,
    order: int = 100,
    active_for: tuple[str, ...] = (),
) -> None:
    """Add a tab to every organisation's management pages. Registering the same URL name
    again replaces the earlier tab."""
    if requires not in (COORDINATE, MANAGE):
        raise ValueError(f"requires must be {COORDINATE!r} or {MANAGE!r}, not {requires!r}")
    _tabs[url_name] = ManageTab(label, url_name, requires, order, tuple(active_for))


def unregister_manage_tab(url_name: str) -> None:
    _tabs.pop(url_name, None)


def manage_tabs() -> list[ManageTab]:
    return sorted(_tabs.values(), key=lambda tab: tab.order)


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


register_manage_tab(_("Overview"), "organisations:manage_overview", order=0)
register_manage_tab(_("Details"), "organisations:manage_edit", requires=MANAGE, order=10)
register_manage_tab(
    _("Members"),
    "organisations:manage_members",
    requires=MANAGE,
    order=20,
    active_for=("organisations:member_remove",),
)
