"""Sections that apps add to the vision's pages (the front page, a focus area, an
initiative), declared as ``VisionSection`` in their ``contributions.py``; the vision never
imports them. Rendered in ``order`` (then ``INSTALLED_APPS`` order) where the page puts
``{% vision_sections "<page>" obj %}``."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from samskab.core import extensions


def render_sections(request, page: str, obj=None) -> SafeString:
    declared = [section for _, section in extensions.declared("vision_sections")]
    rendered = []
    for section in sorted(declared, key=lambda section: section.order):
        if section.page != page:
            continue
        context = section.context(request, obj)
        if context is None:
            continue
        rendered.append(render_to_string(section.template_name, context, request=request))
    return mark_safe("".join(rendered))  # noqa: S308 (rendered templates, escaped there)
