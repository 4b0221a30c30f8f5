"""Staff add the municipality's own figures and link indicators to initiatives in the
administration; built-in indicators' figures are computed, never typed."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from samskab.core.extensions import Fact
from samskab.core.extensions import Indicator as Declared
from samskab.results import services
from samskab.results.models import Indicator, InitiativeLink, Observation
from tests.factories import InitiativeFactory, make_municipal_staff, only_indicators

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_municipal_staff())
    return client


def manual_indicator_data(**overrides):
    data = {
        "slug": "ensomhed",
        "title_da": "Andel der ofte føler sig ensomme",
        "title_en": "Share who often feel lonely",
        "definition_da": "Sundhedsprofilen: andelen af voksne, der svarer 'ofte'.",
        "definition_en": "",
        "unit_da": "%",
        "unit_en": "",
        "data_source_da": "Region Syddanmark, Hvordan har du det?",
        "data_source_en": "",
        "focus_area": "",
        "chart_period": "year",
        "is_published": "on",
        "order": "0",
        "initiative_links-TOTAL_FORMS": "0",
        "initiative_links-INITIAL_FORMS": "0",
        "observations-TOTAL_FORMS": "2",
        "observations-INITIAL_FORMS": "0",
        "observations-0-period": "year",
        "observations-0-starts_on": "2025-03-01",
        "observations-0-value": "7.5",
        "observations-0-base": "1200",
        "observations-1-period": "year",
        "observations-1-starts_on": "2024-01-01",
        "observations-1-value": "8.1",
        "observations-1-base": "3",
    }
    return data | overrides


def test_staff_add_a_figure_measured_elsewhere(staff_client):
    response = staff_client.post(reverse("admin:results_indicator_add"), manual_indicator_data())
    assert response.status_code == 302, response.context["errors"]
    indicator = Indicator.objects.get(slug="ensomhed")
    figures = {o.starts_on: (o.value, o.suppressed, o.frozen) for o in indicator.observations.all()}
    assert figures == {
        # Moved to the first day of its year.
        date(2025, 1, 1): (Decimal("7.50"), False, True),
        # Three who answered are too few to publish.
        date(2024, 1, 1): (Decimal("8.10"), True, True),
    }


def test_a_figure_measured_elsewhere_needs_a_title(staff_client):
    response = staff_client.post(
        reverse("admin:results_indicator_add"), manual_indicator_data(title_da="", title_en="")
    )
    assert response.status_code == 200
    assert not Indicator.objects.exists()


def test_a_built_in_indicator_is_linked_but_its_figures_are_not_typed(staff_client):
    declared = Declared(
        "test-sign-ups",
        "Sign-ups",
        "Every sign-up.",
        "sign-ups",
        "count",
        lambda since, until: [Fact(until, "user:1")],
    )
    with only_indicators(declared):
        services.compute_all()
        indicator = Indicator.objects.get(key="test-sign-ups")
        url = reverse("admin:results_indicator_change", args=[indicator.pk])
        page = staff_client.get(url)
        assert page.status_code == 200
        assert "observations-TOTAL_FORMS" not in page.content.decode()
        initiative = InitiativeFactory()
        response = staff_client.post(
            url,
            {
                "slug": indicator.slug,
                "focus_area": "",
                "chart_period": "month",
                "is_published": "on",
                "order": "0",
                "initiative_links-TOTAL_FORMS": "1",
                "initiative_links-INITIAL_FORMS": "0",
                "initiative_links-0-initiative": initiative.pk,
                "initiative_links-0-baseline": "100",
                "initiative_links-0-baseline_year": "2024",
                "initiative_links-0-target": "500",
                "initiative_links-0-target_date": "2027-12-31",
                "initiative_links-0-drives_progress": "on",
            },
        )
        assert response.status_code == 302
    link = InitiativeLink.objects.get()
    assert (link.initiative, link.target, link.drives_progress) == (initiative, 500, True)
    assert Observation.objects.filter(indicator=indicator).count() > 0


@pytest.mark.parametrize("name", ["changelist", "add"])
def test_the_administration_pages_open(staff_client, name):
    assert staff_client.get(reverse(f"admin:results_indicator_{name}")).status_code == 200


def test_citizens_do_not_reach_the_administration(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("admin:results_indicator_changelist"))
    assert response.status_code == 302
