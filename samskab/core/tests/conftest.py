import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user(
        "karen.citizen@example.org", "a-long-test-password-1", display_name="Karen Sørensen"
    )


@pytest.fixture
def staff_member(db):
    return get_user_model().objects.create_user(
        "ole.staff@example.org", "a-long-test-password-2", display_name="Ole Staff", is_staff=True
    )
