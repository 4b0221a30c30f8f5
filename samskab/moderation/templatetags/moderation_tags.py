"""Template helpers for moderated content, for any app's templates:

- ``{% report_url item %}``: the address where a person reports ``item``.
- ``{% moderate_url item %}``: where municipal staff hide or publish it directly.
- ``{% moderation_notice item %}``: for the author (and staff), why ``item`` is held or
  hidden, with the button to ask once for a new review when that is possible. Nothing
  for anyone else, nor for a published item.
- ``{{ duration|review_time }}``: "3 hours", "2 days".
- ``{{ moment|local_moment }}``: "Tuesday March 3, 2026, 10:00", in the site's style.
"""

from django import template
from django.urls import reverse
from django.utils.translation import ngettext

from samskab.accounts.roles import is_municipal_staff
from samskab.core.formatting import local_datetime
from samskab.moderation.selectors import content_type_id_of

register = template.Library()


@register.simple_tag
def report_url(item) -> str:
    return reverse("moderation:report", args=[content_type_id_of(item), item.pk])


@register.simple_tag
def moderate_url(item) -> str:
    """Where municipal staff hide or publish ``item`` directly."""
    return reverse("moderation:moderate", args=[content_type_id_of(item), item.pk])


@register.simple_tag
def request_review_url(item) -> str:
    return reverse("moderation:request_review", args=[content_type_id_of(item), item.pk])


@register.inclusion_tag("moderation/includes/notice.html", takes_context=True)
def moderation_notice(context, item, staff=None):
    """``staff``: whether the viewer is municipal staff, when the page already knows (it
    saves a query per item)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = False
    if user is not None and not item.is_published:
        if staff is None:
            staff = is_municipal_staff(user)
        shown = item.is_authored_by(user) or bool(staff)
    return {
        "item": item,
        "shown": shown,
        "may_request_review": shown and item.may_request_review(user),
        "request": request,
        # The inclusion's own context does not inherit the page's: pass the CSRF token on.
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def review_time(value) -> str:
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    if minutes < 60:
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


@register.filter
def verbose_name_of(item) -> str:
    """The item's kind in words ("comment", "idea")."""
    return str(item._meta.verbose_name)


@register.filter
def local_moment(value) -> str:
    return local_datetime(value) if value else ""
