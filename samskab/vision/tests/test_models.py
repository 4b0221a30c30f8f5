import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from samskab.vision.models import Initiative, InitiativeStatus
from tests.factories import (
    FocusAreaFactory,
    InitiativeFactory,
    InitiativeStatusFactory,
    ResultStoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_invalid(progress):
    initiative = InitiativeFactory.build(
        focus_area=FocusAreaFactory(), status=InitiativeStatusFactory(), progress=progress
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "progress" in error.value.message_dict


def test_database_refuses_progress_above_100():
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(progress=101)


def test_weight_must_be_positive():
    initiative = InitiativeFactory.build(
        focus_area=FocusAreaFactory(), status=InitiativeStatusFactory(), weight=0
    )
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "weight" in error.value.message_dict


def test_database_refuses_weight_zero():
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(weight=0)


def test_end_date_before_start_date_is_invalid_with_a_clear_message():
    initiative = InitiativeFactory.build(
        focus_area=FocusAreaFactory(),
        status=InitiativeStatusFactory(),
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 4, 30),
    )
    with translation.override("da"):
        with pytest.raises(ValidationError) as error:
            initiative.full_clean()
        assert error.value.message_dict["end_date"] == [
            "Slutdatoen kan ikke ligge før startdatoen."
        ]


def test_database_refuses_end_date_before_start_date():
    initiative = InitiativeFactory(start_date=datetime.date(2024, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(end_date=datetime.date(2024, 1, 1))


def test_same_start_and_end_date_is_fine():
    initiative = InitiativeFactory(
        start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 1)
    )
    initiative.full_clean()


def test_parent_in_another_focus_area_is_invalid():
    parent = InitiativeFactory()
    child = InitiativeFactory.build(
        focus_area=FocusAreaFactory(), status=parent.status, parent=parent
    )
    with translation.override("da"):
        with pytest.raises(ValidationError) as error:
            child.full_clean()
        assert error.value.message_dict["parent"] == [
            "Det overordnede initiativ skal høre til samme fokusområde."
        ]


def test_initiative_cannot_be_part_of_its_own_sub_initiative():
    top = InitiativeFactory()
    child = InitiativeFactory(focus_area=top.focus_area, parent=top)
    grandchild = InitiativeFactory(focus_area=top.focus_area, parent=child)
    top.parent = grandchild
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict


def test_database_refuses_initiative_as_its_own_parent():
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(parent=initiative.pk)


def test_result_story_initiative_must_be_in_the_same_focus_area():
    story = ResultStoryFactory.build(focus_area=FocusAreaFactory(), initiative=InitiativeFactory())
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "initiative" in error.value.message_dict


def test_result_story_in_the_initiatives_focus_area_is_valid():
    initiative = InitiativeFactory()
    story = ResultStoryFactory(focus_area=initiative.focus_area, initiative=initiative)
    story.full_clean()


def test_status_default_progress_is_limited_to_100():
    status = InitiativeStatusFactory.build(default_progress=150)
    with pytest.raises(ValidationError):
        status.full_clean()
    status = InitiativeStatusFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeStatus.objects.filter(pk=status.pk).update(default_progress=150)


def test_danish_title_is_required_and_english_is_optional():
    focus_area = FocusAreaFactory.build(vision=FocusAreaFactory().vision, title_da="", title_en="")
    with pytest.raises(ValidationError) as error:
        focus_area.full_clean()
    assert "title_da" in error.value.message_dict
    assert "title_en" not in error.value.message_dict


def test_english_falls_back_to_danish():
    focus_area = FocusAreaFactory(title_da="Grønt liv", title_en="")
    with translation.override("en"):
        assert focus_area.title == "Grønt liv"
    focus_area.title_en = "Green life"
    with translation.override("en"):
        assert focus_area.title == "Green life"


def test_public_urls():
    initiative = InitiativeFactory(slug="elbusser", focus_area__slug="groent-liv")
    with translation.override("da"):
        assert initiative.get_absolute_url() == "/initiativer/elbusser/"
        assert initiative.focus_area.get_absolute_url() == "/fokusomraader/groent-liv/"
    with translation.override("en"):
        assert initiative.get_absolute_url() == "/en/initiativer/elbusser/"
