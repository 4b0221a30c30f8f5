"""The scopes an organisation's API client can be given. The names are those of
``OAUTH2_PROVIDER["SCOPES"]`` (settings); the labels are what administrators read."""

from django.utils.translation import gettext_lazy as _

ACTIVITIES_READ = "activities:read"
ACTIVITIES_WRITE = "activities:write"

SCOPE_CHOICES = [
    (ACTIVITIES_WRITE, _("Create, change and delete the organisation's activities and sessions")),
    (ACTIVITIES_READ, _("Read the organisation's own activities, also those not published")),
]
SCOPE_NAMES = tuple(name for name, _label in SCOPE_CHOICES)
