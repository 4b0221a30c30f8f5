"""The demo app's own machinery: the loader order, the data files and the layering."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from samskab.demo.content import CONTENT_DIR, pair, read, translated
from samskab.demo.loaders import DemoLoader, check_order, installed_loaders, run_loaders

SAMSKAB_DIR = Path(__file__).resolve().parents[2]


def test_every_loader_comes_after_the_loaders_it_requires():
    check_order(installed_loaders())
    assert len({loader.name for loader in installed_loaders()}) == len(installed_loaders())


def test_a_loader_before_one_it_requires_is_refused():
    first = DemoLoader("first", "builtins.str", requires=("second",))
    second = DemoLoader("second", "builtins.str")
    with pytest.raises(ImproperlyConfigured, match="list it earlier"):
        list(run_loaders([first, second]))
    with pytest.raises(ImproperlyConfigured, match="not listed"):
        check_order([first])
    assert list(run_loaders([second, first])) == ["", ""]


def test_every_data_file_is_read_and_every_loader_imports():
    names = {path.stem for path in CONTENT_DIR.glob("*.toml")}
    assert names <= {loader.name for loader in installed_loaders()}
    for name in names:
        assert read(name)
    for loader in installed_loaders():
        assert callable(import_string(loader.function))


def test_translated_texts_pair_danish_and_english():
    row = {"title": "Strikkecafé", "title_en": "Knitting café", "text": "Kom bare"}
    assert pair(row, "title") == ("Strikkecafé", "Knitting café")
    assert translated(row, "title", "text") == {
        "title_da": "Strikkecafé",
        "title_en": "Knitting café",
        "text_da": "Kom bare",
        "text_en": "",
    }


def test_no_product_app_imports_the_demo_app():
    offenders = [
        str(path.relative_to(SAMSKAB_DIR))
        for path in SAMSKAB_DIR.glob("*/**/*.py")
        if path.parts[len(SAMSKAB_DIR.parts)] not in ("demo", "settings")
        and "samskab.demo" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
