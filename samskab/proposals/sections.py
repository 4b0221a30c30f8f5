"""The proposals' part of the vision's pages."""

from samskab.proposals import selectors


def initiative(request, initiative) -> dict | None:
    proposals = selectors.for_initiative(initiative)
    return {"proposals": proposals} if proposals else None
