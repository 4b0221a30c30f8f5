"""The reference lists that feature apps describe and find things by, kept as rows so
municipal staff can extend them in the administration and URLs can use their slugs:

- ``Town``: the towns and villages of the municipality, with coordinates for distances;
- ``Interest``, ``AgeGroup``, ``Language``: what activities, opportunities and visiting
  friends are about, who they are for and which languages are spoken;
- ``Skill``: what volunteers can do or bring, matched against opportunities and needs.

Names are translated (translation.py). Feature apps depend on this app, never the other way
round. The rows came from the activities and volunteering apps (migrations keep them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.reference.validators import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    postcode_validator,
)


class Town(models.Model):
    """A town or village in the municipality. Activities name the town they take place in;
    its coordinates stand in for an activity's own when the organiser gives none, and let
    the catalogue sort by distance from a town or postcode."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    postcode = models.CharField(_("postcode"), max_length=4, validators=[postcode_validator])
    latitude = models.FloatField(_("latitude"), validators=LATITUDE_VALIDATORS)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE_VALIDATORS)
    residents = models.PositiveIntegerField(
        _("residents"),
        null=True,
        blank=True,
        help_text=_(
            "How many people live there (Statistics Denmark's figure for the town). Results "
            "counted per 1,000 residents need it."
        ),
    )

    class Meta:
        verbose_name = _("town")
        verbose_name_plural = _("towns")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["postcode"], name="reference_town_postcode")]

    def __str__(self):
        return self.name


class Interest(models.Model):
    """An interest tag ("Music", "Nature", "Crafts") people look for."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["order", "name", "pk"]

    def __str__(self):
        return self.name


class AgeGroup(models.Model):
    """Who an activity is for: children, young people, adults, seniors, families."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language spoken at activities. ``code`` is the BCP 47 tag used in ``lang``
    attributes and in the JSON-LD; ``native_name`` is how its speakers write it, so a
    newcomer recognises their language whatever the page's language."""

    code = models.SlugField(_("language code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    native_name = models.CharField(_("name in the language itself"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Skill(models.Model):
    """Something a volunteer can do or bring ("Driving licence", "First aid")."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["order", "name", "pk"]

    def __str__(self):
        return self.name
