import pytest

from samskab.visiting import services
from tests.factories import OrganisationFactory, UserFactory, coordinator_of


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Besøgsvenner Esbjerg", slug="besoegsvenner-esbjerg")


@pytest.fixture
def programme(organisation):
    return services.save_programme(
        organisation=organisation, intro_da="Vi finder en besøgsven til dig."
    )


@pytest.fixture
def coordinator(organisation):
    return coordinator_of(organisation, display_name="Hanne Koordinator")


@pytest.fixture
def citizen(db):
    return UserFactory(display_name="Inger Hansen", email="inger@example.dk")


@pytest.fixture
def friend(db):
    return UserFactory(display_name="Mads Besøgsven", email="mads@example.dk")
