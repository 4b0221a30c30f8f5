"""Sections that other apps add to an organisation's public page.

The organisation page does not know about activities or volunteering; those apps add their
part (e.g. "Upcoming activities") by registering a section once, in their
``AppConfig.ready()``::

    from samskab.organisations.sections import register_organisation_section

    def upcoming_activities(request, organisation):
        activities = selectors.upcoming_activities_of(organisation)[:5]
        return {"activities": activities} if activities else None

    register_organisation_section(
        "activities/includes/organisation_upcoming.html", upcoming_activities, order=10
    )

The page renders the sections in ``order`` (then in the order they were registered), below
the description. Each template gets the dict the callable returned plus ``organisation`` and
``request``; when the callable returns None the section is left out. Sections start with an
``<h2>`` and should read their data with one selector of a fixed number of queries, because
the organisation page must stay within a fixed query budget.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

SectionContext = Callable[..., dict | None]


@dataclass(frozen=True)
class OrganisationSection:
    template_name: str
    context_callable: SectionContext
    order: int


_sections: dict[str, OrganisationSection] = {}


def register_organisation_section(
    template_name: str, context_callable: SectionContext, *, order: int = 100
) -> None:
    """Add a section to every organisation page. Registering the same template again
    replaces the earlier registration, so reloading an app never shows a section twice."""
    _sections[template_name] = OrganisationSection(template_name, context_callable, order)


def unregister_organisation_section(template_name: str) -> None:
    _sections.pop(template_name, None)


def organisation_sections() -> list[OrganisationSection]:
    # dict keeps registration order and sorted() is stable: equal orders stay in that order.
    return sorted(_sections.values(), key=lambda section: section.order)


def render_organisation_sections(request, organisation) -> list[SafeString]:
    rendered = []
    for section in organisation_sections():
        context = section.context_callable(request, organisation)
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
