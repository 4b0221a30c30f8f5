from django import template
from django.utils.translation import get_language

from samskab.organisations import selectors
from samskab.organisations.manage_tabs import visible_manage_tabs

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_manage_tabs(context, organisation):
    """The management tabs the current user may open. Views that already know the user's
    access pass it as ``organisation_access`` to save the queries."""
    access = context.get("organisation_access")
    if access is None:
        access = selectors.organisation_access(context["request"].user, organisation)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return visible_manage_tabs(organisation, access, match.view_name if match else None)


@register.filter
def content_language(obj, field_name):
    """The language of the text a translated field shows right now: the page's language
    when that translation exists, otherwise Danish (modeltranslation's fallback). Used for
    the ``lang`` attribute so that screen readers pronounce the text correctly."""
    language = get_language() or "da"
    if getattr(obj, f"{field_name}_{language}", None):
        return language
    return "da"
