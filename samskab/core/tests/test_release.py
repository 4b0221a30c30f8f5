"""samskab.core.release: the same digest for the same files, another after any change to
what a page is made of."""

from samskab.core.release import digest_of, release


def write(root, name, content):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def tree(root):
    write(root, "samskab/core/templates/base.html", b"<html>{% block content %}{% endblock %}")
    write(root, "samskab/core/views.py", b"def page(request): ...")
    write(root, "samskab/core/locale/da/LC_MESSAGES/django.mo", b"\x95\x04\x12\xde")
    write(root, "requirements/base.txt", b"django==5.2.8")
    return digest_of(root)


def test_the_same_files_give_the_same_release(tmp_path):
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(tree(tmp_path / "one")) == 16


def test_a_change_to_a_template_code_translation_or_pin_gives_another_release(tmp_path):
    before = tree(tmp_path)
    for name, content in [
        ("samskab/core/templates/base.html", b"<html lang='da'>"),
        ("samskab/core/views.py", b"def page(request): return None"),
        ("samskab/core/locale/da/LC_MESSAGES/django.mo", b"\x95\x04\x12\xdf"),
        ("requirements/base.txt", b"django==5.2.9"),
    ]:
        tree(tmp_path)
        write(tmp_path, name, content)
        assert digest_of(tmp_path) != before, name


def test_a_renamed_file_gives_another_release(tmp_path):
    before = tree(tmp_path)
    (tmp_path / "samskab/core/views.py").rename(tmp_path / "samskab/core/pages.py")
    assert digest_of(tmp_path) != before


def test_tests_and_compiled_python_do_not_count(tmp_path):
    before = tree(tmp_path)
    write(tmp_path, "samskab/core/tests/test_views.py", b"def test_page(): ...")
    write(tmp_path, "samskab/core/__pycache__/views.cpython-311.pyc", b"\x00")
    write(tmp_path, "samskab/core/locale/da/LC_MESSAGES/django.po", b'msgid ""')
    assert digest_of(tmp_path) == before


def test_this_process_has_one_release():
    assert release() == release()
    assert len(release()) == 16
