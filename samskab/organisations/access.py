"""The permission check every organisation's management page starts with."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from samskab.organisations import selectors
from samskab.organisations.models import Organisation


def coordinated_organisation(request, slug: str, *, manage: bool = False):
    """The organisation with this slug and the user's access to it: 404 when there is none,
    403 unless the user coordinates it (or, with ``manage``, administers it)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    access = selectors.organisation_access(request.user, organisation)
    if not (access.can_manage if manage else access.can_coordinate):
        raise PermissionDenied
    return organisation, access
