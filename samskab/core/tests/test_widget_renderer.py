"""The form renderer writes the common widgets in Python: their markup must be exactly what
the templates (Django's and this project's overrides) make of them."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.http import QueryDict
from django.utils.translation import gettext_lazy, override

from samskab.core.widget_renderer import WRITERS, FormRenderer

TEMPLATES = TemplatesSetting()
PYTHON = FormRenderer()

CHOICES = [
    ("", "—"),
    (1, "One & only"),
    ("two", gettext_lazy("Search")),
    ("<3>", '"Quoted" <b>label</b>'),
]
GROUPED = [
    ("Towns", [("ribe", "Ribe"), ("bramming", "Bramming")]),
    ("Other", [("x", "Elsewhere")]),
    ("loose", "Not in a group"),
]
ATTRS = {
    "id": "id_field",
    "class": "extra wide",
    "required": True,
    "disabled": False,
    "data-hx-get": "/a?b=1&c=<2>",
    "maxlength": 200,
    "aria-describedby": "id_field_helptext",
}


def both(widget, name, value, attrs=None):
    expected = widget.render(name, value, attrs=attrs, renderer=TEMPLATES)
    written = widget.render(name, value, attrs=attrs, renderer=PYTHON)
    return expected, written


WIDGETS = [
    (forms.TextInput(), "", None),
    (forms.TextInput(attrs={"type": "search", "autocomplete": "off"}), "strik & <b>", ATTRS),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), date(2026, 12, 7), ATTRS),
    (forms.NumberInput(), 12.5, None),
    (forms.NumberInput(attrs={"min": 0, "step": "0.25"}), 1234567, {"id": "id_n"}),
    (forms.EmailInput(), "ole@example.org", ATTRS),
    (forms.PasswordInput(render_value=False), "secret", None),
    (forms.URLInput(), "https://example.org/?a=1&b=2", None),
    (forms.TimeInput(), "18:30", {"id": "id_t"}),
    (forms.HiddenInput(), 42, None),
    (forms.DateTimeInput(), "2026-12-07 18:30", None),
    (forms.SearchInput(), "gåtur", {"id": "id_s"}),
    (forms.ColorInput(), "#ff0000", None),
    (forms.TelInput(), "+45 12 34 56 78", None),
    (forms.CheckboxInput(), True, {"id": "id_c"}),
    (forms.CheckboxInput(), False, None),
    (forms.CheckboxInput(attrs={"class": "extra"}), "on", {"id": "id_c"}),
    (forms.Textarea(), "Line one\n<script>two</script> & three", ATTRS),
    (forms.Textarea(attrs={"rows": 3}), "", None),
    (forms.Select(choices=CHOICES), "two", ATTRS),
    (forms.Select(choices=CHOICES), None, None),
    (forms.Select(choices=GROUPED), "bramming", {"id": "id_g"}),
    (forms.SelectMultiple(choices=CHOICES), ["1", "<3>"], ATTRS),
    (forms.CheckboxSelectMultiple(choices=CHOICES), ["1", "two"], ATTRS),
    (forms.CheckboxSelectMultiple(choices=CHOICES), [], None),
    (forms.CheckboxSelectMultiple(choices=GROUPED), ["x"], {"id": "id_g"}),
    (forms.RadioSelect(choices=CHOICES), "<3>", {"id": "id_r", "class": "inline"}),
    (forms.RadioSelect(choices=GROUPED), None, None),
]


def test_every_written_widget_is_tested():
    tested = {widget.template_name for widget, _value, _attrs in WIDGETS}
    assert tested >= set(WRITERS)


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    WIDGETS,
    ids=[f"{type(w).__name__}-{i}" for i, (w, _v, _a) in enumerate(WIDGETS)],
)
def test_a_widget_written_in_python_is_the_template_s_markup(widget, value, attrs):
    expected, written = both(widget, "field", value, attrs)
    assert written == expected


def test_english_labels_are_written_in_english():
    widget = forms.RadioSelect(choices=CHOICES)
    with override("en"):
        expected, written = both(widget, "field", "two", {"id": "id_r"})
    assert "Search" in written
    assert written == expected


def test_other_widgets_are_rendered_from_their_templates():
    widget = forms.ClearableFileInput()
    assert widget.template_name not in WRITERS
    expected, written = both(widget, "file", None)
    assert written == expected


def _forms_in_the_project():
    from samskab.catalogue import selectors as catalogue_selectors
    from samskab.catalogue.filters import CatalogueFilter
    from samskab.comments.forms import CommentForm
    from samskab.ideas.forms import IdeaFilterForm
    from samskab.moderation.forms import ReportForm
    from samskab.needs.forms import TownFilterForm
    from samskab.organisations.forms import OrganisationFilterForm
    from samskab.volunteering.filters import OpportunityFilter

    query = QueryDict("q=strik&town=ribe&day=1&day=3&free=maybe&date_from=2025-13-45")
    lists = catalogue_selectors.reference_lists()
    return [
        lambda: CatalogueFilter(query, lists=lists).form,
        lambda: OpportunityFilter(query).form,
        lambda: IdeaFilterForm(query),
        lambda: OrganisationFilterForm(query, focus_area_choices=[("a", "Æ & ø")]),
        lambda: TownFilterForm(query),
        lambda: CommentForm({"text": "", "stance": "odd"}),
        lambda: ReportForm({"reason": "nonsense"}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_project_s_forms_look_the_same_with_either_renderer(language):
    with override(language):
        for make in _forms_in_the_project():
            form = make()
            form.is_valid()
            form.renderer = TEMPLATES
            expected = form.render()
            form.renderer = PYTHON
            written = form.render()
            assert written == expected, type(form).__name__
