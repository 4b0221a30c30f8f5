from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from samskab.accounts.roles import is_municipal_staff
from samskab.demo.loaders.vision import load_vision_demo
from samskab.vision.models import (
    Ambition,
    FocusArea,
    Initiative,
    InitiativeStatus,
    Milestone,
    ResultStory,
    Vision,
)
from samskab.vision.progress import combined_progress

pytestmark = pytest.mark.django_db

MODELS = [Vision, Ambition, FocusArea, InitiativeStatus, Initiative, Milestone, ResultStory]


def snapshot():
    return {
        model.__name__: sorted(
            (model_to_dict(obj) for obj in model.objects.all()), key=lambda row: row["id"]
        )
        for model in MODELS
    }


def test_demo_loads_the_esbjerg_vision():
    load_vision_demo()

    vision = Vision.objects.get()
    assert vision.title_da == "Vision 2025 – Velfærd"
    assert vision.tagline_da == "Energi til det gode liv"
    assert (vision.adopted_on.year, vision.adopted_on.month) == (2019, 6)
    assert Ambition.objects.filter(vision=vision).count() == 3
    assert list(FocusArea.objects.values_list("title_da", flat=True)) == [
        "Energi i hverdagslivet",
        "Livskvalitet og sundhed",
        "Kulturlivet i by og natur",
        "Fællesskab og mangfoldighed",
        "Grønt liv og bæredygtighed",
    ]
    for area in FocusArea.objects.all():
        assert area.title_en and area.summary_en and area.body_en
        assert area.initiatives.filter(parent__isnull=True).count() >= 3
        assert area.result_stories.exists()
    assert not Initiative.objects.filter(title_en="").exists()
    figures = set(ResultStory.objects.values_list("figure", flat=True))
    assert {600, 22, 29, 3800} <= {int(figure) for figure in figures if figure is not None}


def test_demo_parents_show_the_roll_up_of_their_children():
    load_vision_demo()

    parents = Initiative.objects.filter(children__isnull=False).distinct()
    assert parents.count() >= 5
    assert Initiative.objects.filter(parent__parent__isnull=False).exists()  # three levels
    assert Initiative.objects.filter(parent__isnull=False, weight__isnull=False).exists()
    for parent in parents:
        expected = combined_progress(parent.children.values_list("progress", "weight"))
        assert parent.progress == expected, parent.slug


def test_demo_loader_is_idempotent():
    load_vision_demo()
    first = snapshot()

    load_vision_demo()

    assert snapshot() == first


def test_load_demo_command_twice_gives_the_same_counts_and_a_staff_login():
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    counts = {model.__name__: model.objects.count() for model in MODELS}
    user_count = get_user_model().objects.count()

    call_command("load_demo", stdout=StringIO(), stderr=StringIO())

    assert {model.__name__: model.objects.count() for model in MODELS} == counts
    assert get_user_model().objects.count() == user_count
    user = get_user_model().objects.get(email="staff@esbjerg.samskab.dk")
    assert user.display_name == "Demo-medarbejder"
    assert user.is_staff and not user.is_superuser
    assert is_municipal_staff(user)
    assert user.check_password("samskab-demo-2025")
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    output = out.getvalue()
    assert "/admin/" in output
    assert "staff@esbjerg.samskab.dk" in output
    assert "samskab-demo-2025" in output


def test_load_demo_uses_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "another-long-demo-secret")
    out = StringIO()

    call_command("load_demo", stdout=out, stderr=StringIO())

    user = get_user_model().objects.get(email="staff@esbjerg.samskab.dk")
    assert user.check_password("another-long-demo-secret")
    assert "another-long-demo-secret" in out.getvalue()


def test_demo_staff_user_can_log_in_and_edit_the_vision(client):
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())

    response = client.post(
        reverse("account_login"),
        {"login": "staff@esbjerg.samskab.dk", "password": "samskab-demo-2025"},
    )

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:vision_initiative_changelist")).status_code == 200
    initiative = Initiative.objects.first()
    assert (
        client.get(reverse("admin:vision_initiative_change", args=[initiative.pk])).status_code
        == 200
    )


def test_demo_pages_render_in_both_languages(client):
    load_vision_demo()

    for prefix in ["", "/en"]:
        assert client.get(f"{prefix}/").status_code == 200
        for slug in FocusArea.objects.values_list("slug", flat=True):
            assert client.get(f"{prefix}/fokusomraader/{slug}/").status_code == 200
        for slug in Initiative.objects.values_list("slug", flat=True):
            assert client.get(f"{prefix}/initiativer/{slug}/").status_code == 200
    english = client.get("/en/").content.decode()
    assert "Energy for the good life" in english
