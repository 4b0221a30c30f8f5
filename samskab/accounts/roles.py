"""The roles later features build on.

- citizen: any user with a login; no group needed.
- municipal staff: the "Municipal staff" group plus ``is_staff``; edits the vision and
  moderates in the admin.
- administrator: ``is_superuser``.
"""

from django.contrib.auth.models import Group, Permission

from samskab.core import extensions

MUNICIPAL_STAFF_GROUP = "Municipal staff"


def municipal_staff_app_labels() -> list[str]:
    """The apps whose models municipal staff may add, change and delete: those that declare
    ``staff_manages=True`` in their ``contributions.py``."""
    return [label for label, _ in extensions.declared("staff_manages")]


def ensure_role_groups(**kwargs):
    """Create or refresh the municipal staff group's permissions (runs after migrate)."""
    group, _ = Group.objects.get_or_create(name=MUNICIPAL_STAFF_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=municipal_staff_app_labels()
    )
    group.permissions.set(permissions)


def is_municipal_staff(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=MUNICIPAL_STAFF_GROUP).exists()
