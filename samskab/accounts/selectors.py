from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from samskab.accounts.personal_data import personal_data_sections


def get_email_addresses(*, user) -> list[EmailAddress]:
    """The user's email addresses, the primary one first."""
    return list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))


def get_personal_data(*, user) -> dict:
    """Everything Samskab stores about ``user``, as JSON-serialisable data: the account
    itself, its email addresses, and one section per feature that registered one."""
    data = {
        "exported_at": timezone.now(),
        "service": f"Samskab · {settings.MUNICIPALITY_NAME}",
        "user": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in get_email_addresses(user=user)
        ],
    }
    for name, collect in personal_data_sections().items():
        data[name] = collect(user)
    return data
