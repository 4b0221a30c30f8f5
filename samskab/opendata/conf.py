"""Who publishes the data and where it is about, for the DCAT-AP-DK description (settings
``OPENDATA_*``; the name and the contact address are the site's ``MUNICIPALITY_NAME`` and
``MUNICIPALITY_CONTACT_EMAIL``)."""

from django.conf import settings


def publisher_uri() -> str:
    return settings.OPENDATA_PUBLISHER_URI


def municipality_code() -> str:
    return settings.OPENDATA_MUNICIPALITY_CODE


def spatial_uri() -> str:
    # The municipality in DAWA, Denmark's address and place-name register: one URI per
    # municipality, by its four-digit code.
    return f"https://api.dataforsyningen.dk/kommuner/{municipality_code()}"


def publisher_name() -> str:
    return settings.MUNICIPALITY_NAME


def contact_email() -> str:
    return settings.MUNICIPALITY_CONTACT_EMAIL
