"""Every kind of volunteer work is declared, and an incomplete one is refused at start-up."""

import pytest

from samskab.needs.models import Need
from samskab.volunteering.models import Opportunity, Shift
from samskab.volunteering.work import (
    VolunteerWorkMixin,
    check_volunteer_work_model,
    volunteer_work_models,
)


def test_shifts_and_needs_are_volunteer_work():
    assert {Shift, Need} <= set(volunteer_work_models())


def test_a_model_without_the_mixin_is_refused():
    with pytest.raises(TypeError, match="VolunteerWorkMixin"):
        check_volunteer_work_model(Opportunity)


def test_a_kind_of_work_that_lacks_part_of_the_protocol_is_refused():
    class Incomplete(VolunteerWorkMixin):
        class Meta:
            abstract = True
            app_label = "volunteering"

        work_organisation = None

    with pytest.raises(TypeError, match="check_in_path"):
        check_volunteer_work_model(Incomplete)
    assert Incomplete not in volunteer_work_models()
