"""{% load visiting_tags %}

{{ match|accepted_by:side }}     whether that side ("citizen" or "volunteer") said yes
{{ days|waited }}                "Waited 12 days" / "Asked today"
"""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def accepted_by(match, side: str) -> bool:
    return match.accepted_by(side)


@register.filter
def waited(days: int) -> str:
    if not days:
        return _("Asked today")
    return ngettext("Waited %(days)d day", "Waited %(days)d days", days) % {"days": days}
