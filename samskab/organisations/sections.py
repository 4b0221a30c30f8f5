"""Sections that apps add to an organisation's public page.

The organisation page does not know about activities or volunteering; those apps add their
part (e.g. "Upcoming activities") by declaring an ``OrganisationSection`` in their
``contributions.py`` (``samskab/core/extensions.py`` states the contract)::

    organisation_sections=(
        OrganisationSection(
            "activities/includes/organisation_section.html",
            upcoming_activities_section,
            order=10,
            shows=("activities", "booking"),
        ),
    ),

The page renders the sections in ``order`` (then in ``INSTALLED_APPS`` order), below the
description. Each template gets the dict the callable returned plus ``organisation`` and
``request``; when the callable returns None the section is left out. Sections start with an
``<h2>`` and should read their data with one selector of a fixed number of queries, because
the organisation page must stay within a fixed query budget.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from samskab.core import extensions
from samskab.core.extensions import OrganisationSection


def organisation_sections() -> list[OrganisationSection]:
    # sorted() is stable: equal orders stay in INSTALLED_APPS order.
    declared = [section for _, section in extensions.declared("organisation_sections")]
    return sorted(declared, key=lambda section: section.order)


def render_organisation_sections(request, organisation) -> list[SafeString]:
    rendered = []
    for section in organisation_sections():
        context = section.context(request, organisation)
        if context is None:
            continue
        rendered.append(
            render_to_string(
                section.template_name,
                {**context, "organisation": organisation},
                request=request,
            )
        )
    return rendered
