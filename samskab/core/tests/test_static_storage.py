"""The production storage remembers each static file's hashed address once the manifest is
loaded, and gives the same address the manifest storage would."""

import json

import pytest
from django.test import override_settings

from samskab.core.static_storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "samskab").mkdir()
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"samskab/site.css": "samskab/site.0123abcd.css"}})
    )
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_the_hashed_address_comes_from_the_manifest_and_is_kept(storage):
    assert storage.url("samskab/site.css") == "/static/samskab/site.0123abcd.css"

    # A manifest read again (a new one after collectstatic) is not what this process
    # serves: the address found first stays, as the workers restart on deploy.
    storage.hashed_files = {"samskab/site.css": "samskab/site.ffffffff.css"}
    assert storage.url("samskab/site.css") == "/static/samskab/site.0123abcd.css"


def test_nothing_is_kept_with_debug_on(storage):
    with override_settings(DEBUG=True):
        storage.url("samskab/site.css")
    assert storage._urls == {}


def test_a_name_missing_from_the_manifest_raises_as_before(storage):
    with pytest.raises(ValueError):
        storage.url("samskab/missing.css")
    assert "samskab/missing.css" not in storage._urls
