from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value):
    """A result figure in the active language's number format, with only the decimals it
    needs: 600.00 → "600", 2.60 → "2,6" (Danish) / "2.6" (English), 3800 → "3.800"."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=decimals, force_grouping=True)


@register.simple_tag(takes_context=True)
def vision_sections(context, page, obj=None):
    """The sections other apps add to this vision page (``samskab.vision.sections``)."""
    from samskab.vision.sections import render_sections

    return render_sections(context.get("request"), page, obj)
