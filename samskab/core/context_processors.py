from django.conf import settings


def site(request):
    """The deployment's own names, used by the layout and the legal pages."""
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
    }
