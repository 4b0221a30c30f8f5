from django import template
from django.contrib.contenttypes.models import ContentType

from samskab.notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_button(context, target):
    """Follow / stop following ``target`` (a model declared ``followable``)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "target": target,
        "following": bool(user) and selectors.is_following(user, target),
        "user": user,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def content_type_id(target) -> int:
    return ContentType.objects.get_for_model(target).pk
