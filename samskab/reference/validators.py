"""Validators for the places and addresses of a Danish municipality, shared by every model
that stores one."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(
    r"^\d{4}$", _("Enter a Danish postcode of four digits, e.g. 6760.")
)

# Bounds of Denmark with a margin: coordinates outside are a typing error, not a place here.
LATITUDE_VALIDATORS = [MinValueValidator(54.0), MaxValueValidator(58.0)]
LONGITUDE_VALIDATORS = [MinValueValidator(7.5), MaxValueValidator(15.5)]
