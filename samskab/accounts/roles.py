"""The roles later features build on.

- citizen: any user with a login; no group needed.
- municipal staff: the "Municipal staff" group plus ``is_staff``; edits the vision and
  moderates in the admin.
- administrator: ``is_superuser``.
"""

from django.contrib.auth.models import Group, Permission

MUNICIPAL_STAFF_GROUP = "Municipal staff"

# App labels whose models municipal staff may add, change and delete. Later apps append
# their label here so that the role keeps covering "edit the vision and moderate".
MUNICIPAL_STAFF_APPS = [
    "reference",
    "vision",
    "organisations",
    "activities",
    "booking",
    "volunteering",
    "needs",
    "certificates",
    "childsafety",
    "visiting",
]


def ensure_role_groups(**kwargs):
    """Create or refresh the municipal staff group's permissions (runs after migrate)."""
    group, _ = Group.objects.get_or_create(name=MUNICIPAL_STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=MUNICIPAL_STAFF_APPS)
    group.permissions.set(permissions)


def is_municipal_staff(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=MUNICIPAL_STAFF_GROUP).exists()
