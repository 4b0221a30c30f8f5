from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samskab.openactive import activity_list
from samskab.openactive.models import InterestConcept


class InterestConceptForm(forms.ModelForm):
    concept_id = forms.ChoiceField(
        label=_("OpenActive activity"),
        choices=activity_list.choices,
        help_text=_(
            "The activity in OpenActive's list of physical activities that the interest stands "
            "for. Activities with such an interest are published in the OpenActive feeds."
        ),
    )

    class Meta:
        model = InterestConcept
        fields = ["interest", "concept_id"]


@admin.register(InterestConcept)
class InterestConceptAdmin(admin.ModelAdmin):
    form = InterestConceptForm
    list_display = ["interest", "pref_label"]
