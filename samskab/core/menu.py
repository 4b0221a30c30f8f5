"""The main menu of every page's header, declared once.

Built in Python rather than from an included template per item: the menu is on every page,
and a dozen includes, ``{% url %}`` and ``{% translate %}`` tags cost more than the page's
own content on the simpler pages. The addresses are reversed once per language
(``fixed_urls``); only the marking of the current item is worked out per request.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from samskab.core.fixed_urls import fixed_url, per_language

EVERYONE = "everyone"
VISITORS = "visitors"  # not logged in
LOGGED_IN = "logged_in"
STAFF = "staff"


@dataclass(frozen=True)
class MenuItem:
    """``url_name``: a URL pattern without arguments; an item whose name does not resolve
    (an app that is not mounted) is left out. ``section``: the item is also current on the
    pages below its address. ``label_for_user``: a label that depends on the person, used
    instead of ``label`` when given."""

    url_name: str
    label: Any
    shown_to: str = EVERYONE
    section: bool = False
    label_for_user: Callable[[Any], str] | None = None


def _notifications_label(user) -> str:
    count = user.unread_notifications
    if not count:
        return gettext("Notifications")
    return ngettext(
        "Notifications (%(counter)s unread)", "Notifications (%(counter)s unread)", count
    ) % {"counter": localize(count)}


MAIN_MENU = (
    MenuItem("vision:front_page", _("The vision")),
    MenuItem("results:overview", _("Results"), section=True),
    MenuItem("catalogue:index", _("Activities"), section=True),
    MenuItem("volunteering:list", _("Volunteer"), section=True),
    MenuItem("ideas:list", _("Ideas"), section=True),
    MenuItem("proposals:list", _("Citizen proposals"), section=True),
    MenuItem("organisations:list", _("Associations"), section=True),
    MenuItem("activities:mine", _("My activities"), LOGGED_IN, section=True),
    MenuItem(
        "notifications:list",
        _("Notifications"),
        LOGGED_IN,
        section=True,
        label_for_user=_notifications_label,
    ),
    MenuItem("accounts:my_account", _("My account"), LOGGED_IN, section=True),
    MenuItem("admin:index", _("Administration"), STAFF),
    MenuItem("account_login", _("Log in"), VISITORS),
    MenuItem("account_signup", _("Create account"), VISITORS),
)


def _audiences(user) -> set[str]:
    if user is None or not user.is_authenticated:
        return {EVERYONE, VISITORS}
    if user.is_staff:
        return {EVERYONE, LOGGED_IN, STAFF}
    return {EVERYONE, LOGGED_IN}


def _prepared() -> list[tuple[MenuItem, str, str, str]]:
    """(item, address, address escaped, label escaped) in the active language: the part of
    the menu that is the same for every page."""
    # str() first: escape() of a lazy translation is lazy, translated again on every use.
    return [
        (item, url, escape(url), escape(str(item.label)))
        for item in MAIN_MENU
        if (url := fixed_url(item.url_name))
    ]


def main_menu_items(path: str, user) -> SafeString:
    """The ``<li>`` items of the main menu for ``user`` (None: nobody logged in) on the
    page at ``path``: the item of this page is current, and so is a section's item on the
    pages below it."""
    audiences = _audiences(user)
    rows = []
    for item, url, escaped_url, label in per_language("main menu", _prepared):
        if item.shown_to not in audiences:
            continue
        if item.label_for_user:
            label = escape(item.label_for_user(user))
        here = path == url
        current = (
            ' class="active current"' if here or (item.section and path.startswith(url)) else ""
        )
        page = ' aria-current="page"' if here else ""
        link = f'<a href="{escaped_url}" class="nav-link"{page}><span>{label}</span></a>'
        rows.append(f"<li{current}>{link}</li>")
    return mark_safe("\n        ".join(rows))  # noqa: S308 - every part is escaped above
