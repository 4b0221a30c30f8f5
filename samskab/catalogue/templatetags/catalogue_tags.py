"""The catalogue's template tags: its filters' options."""

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def checkbox_options(field):
    """The options of one of the filters' groups of checkboxes, as ``<li>`` items (the
    markup of ``filter_field.html``), those the address asks for ticked. Written in Python:
    the catalogue's 80 options through the template engine were a fifth of its page (and
    ``format_html`` per option, escaping the same name and id eighty times, half of this)."""
    selected = {str(value) for value in field.value() or ()}
    name, prefix = escape(field.html_name), escape(field.auto_id)
    items = []
    for index, (value, label) in enumerate(field.field.choices):
        text = str(value)
        checked = " checked" if text in selected else ""
        items.append(
            f'<li class="form-group-checkbox"><input type="checkbox" class="form-checkbox" '
            f'name="{name}" value="{escape(text)}" id="{prefix}_{index}"{checked}>'
            f'<label class="form-label" for="{prefix}_{index}">{escape(label)}</label></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 (every value above is escaped)
