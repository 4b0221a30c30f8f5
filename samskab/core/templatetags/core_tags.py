from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.filter
def alternate_language_urls(request):
    """(language code, absolute URL) for this page in every language."""
    if request is None:
        return []
    return [
        (code, request.build_absolute_uri(translate_url(request.get_full_path(), code)))
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag
def language_switch_link(request):
    """A link to the same page in the other language, labelled in that language."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        url = translate_url(request.get_full_path(), code) if request else "/"
        links.append(
            format_html(
                '<a href="{}" hreflang="{}" lang="{}" class="samskab-language-link">{}</a>',
                url,
                code,
                code,
                info["name_local"].capitalize(),
            )
        )
    return format_html("".join(["{}"] * len(links)), *links)


_DKFDS_INPUT_CLASSES = {"checkbox": "form-checkbox", "radio": "form-radio"}


@register.filter
def dkfds_widget_class(widget):
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
        base = _DKFDS_INPUT_CLASSES.get(widget.get("type"), "form-input")
    return f"{base} {extra}".strip()
