"""The form renderer: Django's templates for fields and forms, Python for the common widgets.

Django renders every widget through its templates, and a list of choices through one
template include per option (``multiple_input.html`` → ``checkbox_option.html`` →
``input_option.html`` → ``input.html`` → ``attrs.html``). On a page of filters that is most
of the page's cost: the catalogue's form with its 80 options took half the time of a
catalogue page served from the cache, the opportunity list's a quarter of its page.

``FormRenderer`` writes the inputs, text areas, selects, checkbox lists and radio buttons
below in Python, with exactly the markup their templates (Django's, with this project's
``attrs.html``, ``multiple_input.html`` and ``input_option.html`` in ``core/templates``)
produce: ``core/tests/test_widget_renderer.py`` renders widgets of every kind and the
project's own forms both ways and fails on any difference. Any other template, and a
widget with a template of its own, is rendered as Django would.

Changing one of those templates? Change the writer here with it; the test says where they
differ.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

WIDGETS = "django/forms/widgets/"

# Django's templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "hidden",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)
DKFDS_INPUT_CLASSES = {"checkbox": "form-checkbox", "radio": "form-radio"}


def dkfds_class(widget: dict) -> str:
    """The DKFDS class for a widget, followed by any class the form itself set."""
    template = widget.get("template_name", "")
    extra = widget.get("attrs", {}).get("class", "")
    if template.endswith("select_option.html"):
        return extra
    if template.endswith("select.html"):
        base = "form-select"
    elif template.endswith("textarea.html"):
        base = "form-input"
    else:
        base = DKFDS_INPUT_CLASSES.get(widget.get("type"), "form-input")
    return f"{base} {extra}".strip()


def _text(value) -> str:
    """``{{ value }}`` in a template."""
    value = localize(value)
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` in a template: always escaped."""
    return escape(value)


def _attrs(widget: dict) -> str:
    """``core/templates/django/forms/widgets/attrs.html``."""
    parts = []
    css_class = dkfds_class(widget)
    if css_class:
        parts.append(f' class="{_text(css_class)}"')
    for name, value in widget["attrs"].items():
        if name == "class" or value is False:
            continue
        given = "" if value is True else f'="{_formatted(value)}"'
        parts.append(f" {_text(name)}{given}")
    return "".join(parts)


def _input(widget: dict) -> str:
    """Django's ``input.html``, with its final newline."""
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget)}>\n"
    )


def _input_option(option: dict) -> str:
    """``checkbox_option.html``/``radio_option.html``: ``input_option.html`` and a newline."""
    label = ""
    if option["wrap_label"]:
        target = option["attrs"].get("id")
        target = f' for="{_text(target)}"' if target else ""
        label = f'<label class="form-label"{target}>{_text(option["label"])}</label>'
    return f"{_input(option)}{label}\n\n"


def _multiple_input(widget: dict) -> str:
    """``core/templates/django/forms/widgets/multiple_input.html``."""
    widget_id = widget["attrs"].get("id")
    parts = [f' id="{_text(widget_id)}">' if widget_id else ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <fieldset><legend class="form-label">{_text(group)}</legend>')
        for option in options:
            kind = "radio" if option["type"] == "radio" else "checkbox"
            parts.append(f'\n  <div class="form-group-{kind}">{_input_option(option)}</div>')
        if group:
            parts.append("\n  </fieldset>")
    parts.append("\n</div>")
    return "<div" + "".join(parts)


def _select(widget: dict) -> str:
    """Django's ``select.html`` and ``select_option.html``."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget)}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{_text(group)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option)}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    """Django's ``textarea.html``."""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget)}>\n{value}</textarea>'


WRITERS = {
    **{f"{WIDGETS}{name}.html": _input for name in INPUT_TEMPLATES},
    f"{WIDGETS}checkbox_select.html": _multiple_input,
    f"{WIDGETS}radio.html": _multiple_input,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}textarea.html": _textarea,
}


class FormRenderer(TemplatesSetting):
    """``settings.FORM_RENDERER``: the templates of ``TEMPLATES`` (as Django's
    ``TemplatesSetting``), except for the widgets ``WRITERS`` writes in Python."""

    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        if write is None:
            return super().render(template_name, context, request=request)
        # Django strips what a template renders; the writers keep the templates' newlines.
        return SafeString(write(context["widget"]).strip())
